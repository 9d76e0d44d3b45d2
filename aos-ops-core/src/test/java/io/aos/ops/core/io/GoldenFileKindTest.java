package io.aos.ops.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one file-kind-from-name rule, against an oracle of the suffixes and on the names the suite meets. */
class GoldenFileKindTest {

    @Test
    void theNamesTheSuiteWritesHaveTheirKinds() {
        assertThat(GoldenFileKind.of("primary-w1-280cfdcd.golden.json")).isEqualTo(GoldenFileKind.SIMULATION_GOLDEN);
        assertThat(GoldenFileKind.of("run1.steps.jsonl")).isEqualTo(GoldenFileKind.ENGINE_TRACE);
        assertThat(GoldenFileKind.of("run1.steps.jsonl.sig")).isEqualTo(GoldenFileKind.SIGNATURE);
        assertThat(GoldenFileKind.of("manifest.json")).isEqualTo(GoldenFileKind.JSON);
        assertThat(GoldenFileKind.of("notes.txt")).isEqualTo(GoldenFileKind.OTHER);
        assertThat(GoldenFileKind.of("golden.json.tmp")).isEqualTo(GoldenFileKind.OTHER);
        assertThat(GoldenFileKind.of("RUN.JSONL")).isEqualTo(GoldenFileKind.OTHER);
        assertThat(GoldenFileKind.ofIgnoringCase("RUN.STEPS.JSONL")).isEqualTo(GoldenFileKind.ENGINE_TRACE);
        assertThat(GoldenFileKind.ofIgnoringCase("R.Golden.Json")).isEqualTo(GoldenFileKind.SIMULATION_GOLDEN);
    }

    @Test
    void aTraceAndItsSignatureTravelTogether() {
        assertThat(GoldenFileKind.partnerOf("d/run1.steps.jsonl")).isEqualTo("d/run1.steps.jsonl.sig");
        assertThat(GoldenFileKind.partnerOf("d/run1.steps.jsonl.sig")).isEqualTo("d/run1.steps.jsonl");
        assertThat(GoldenFileKind.partnerOf("a.golden.json")).isNull();
        assertThat(GoldenFileKind.partnerOf("stray.sig")).isNull();
        assertThat(GoldenFileKind.signatureNameOf("x.jsonl")).isEqualTo("x.jsonl.sig");
    }

    @Test
    void generatedNamesGetTheKindOfTheirLastMatchingSuffix() {
        List<String> parts = List.of("a", ".", "golden", ".json", ".jsonl", ".sig", "steps", ".txt", "json", "l",
                ".JSON", "-");
        Random r = new Random(7);
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = r.nextInt(6); n >= 0; n--) {
                sb.append(parts.get(r.nextInt(parts.size())));
            }
            String name = sb.toString();
            GoldenFileKind kind = GoldenFileKind.of(name);
            // oracle: the glob patterns retention, the summary and the debug report used before
            boolean golden = name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".sig");
            assertThat(kind.isGolden()).as(name).isEqualTo(golden);
            assertThat(kind.isTrace()).as(name).isEqualTo(name.endsWith(".json") || name.endsWith(".jsonl"));
            assertThat(kind.isJsonDocument()).as(name).isEqualTo(name.endsWith(".json"));
            assertThat(kind == GoldenFileKind.SIMULATION_GOLDEN).as(name).isEqualTo(name.endsWith(".golden.json"));
            assertThat(kind == GoldenFileKind.ENGINE_TRACE).as(name).isEqualTo(name.endsWith(".jsonl"));
            assertThat(GoldenFileKind.ofIgnoringCase(name)).as(name).isEqualTo(GoldenFileKind.of(name.toLowerCase()));
        }
    }
}
