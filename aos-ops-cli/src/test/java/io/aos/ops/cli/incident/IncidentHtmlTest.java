package io.aos.ops.cli.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.cli.CliRun;
import io.aos.ops.core.json.OpsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle opens on index.html, which links the summary page and a diff page per captured mismatch. */
class IncidentHtmlTest {

    @TempDir
    Path tmp;

    @Test
    void theBundleHoldsIndexSummaryAndDiffPagesAndTheManifestCoversThem() throws Exception {
        CliRun run = CliRun.capturingSystemStreams("shadow", "run", "--cycles", "2", "--cycle-interval", "0",
                "--seed", "5", "--inject", "unseeded-rng:0.5", "--state-dir", tmp.resolve("state").toString(),
                "-o", tmp.resolve("run").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        Files.createDirectories(tmp.resolve("state"));

        CliRun capture = CliRun.of("incident", "capture", "--state-dir", tmp.resolve("state").toString(),
                "--reports-dir", tmp.resolve("reports").toString(), "--run-dir", tmp.resolve("run").toString(),
                "--prometheus-url", "http://127.0.0.1:1", "--json", "--reason", "html");

        assertThat(capture.code()).as(capture.err() + capture.out()).isZero();
        JsonNode json = OpsJson.mapper().readTree(capture.out());
        Path bundle = Path.of(json.path("bundle").asText());
        String index = Files.readString(bundle.resolve("index.html"));
        List<String> manifest = Files.readAllLines(bundle.resolve("MANIFEST.sha256"));
        List<Path> pages;
        try (var files = Files.list(bundle.resolve("diffs"))) {
            pages = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(pages).isNotEmpty();
        assertThat(index).contains("href=\"./summary.html\"", "UNSEEDED_RNG");
        for (Path page : pages) {
            String name = "diffs/" + page.getFileName();
            assertThat(index).contains("href=\"./" + name + "\"");
            assertThat(manifest).anyMatch(l -> l.endsWith("  " + name));
            assertThat(Files.readString(page)).contains("data-root-cause=\"UNSEEDED_RNG\"");
        }
        assertThat(manifest).anyMatch(l -> l.endsWith("  index.html")).anyMatch(l -> l.endsWith("  summary.html"));
        assertThat(Files.readString(bundle.resolve("summary.html"))).contains("href=\"./diffs/");
    }
}
