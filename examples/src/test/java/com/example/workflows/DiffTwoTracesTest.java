package com.example.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.Finding;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.diff.RootCause;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diff two traces of the same workflow and read why they diverged. */
class DiffTwoTracesTest {

    private static final byte[] SECRET = "example-secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aReplayWithTheSameSeedButAnotherResultIsADeterminismViolationAtThatStep() throws Exception {
        EmergencyStop stop = EmergencyStop.forConfig(OpsConfig.rootedAt(dir.resolve("ops")));
        Clock clock = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
        Path golden = new CheckoutWorkflow(stop, out -> out).run(dir, "golden", 1234, SECRET, clock);
        Path replay = new CheckoutWorkflow(stop, out -> out.put("total_cents", 1))
                .run(dir, "replay", 1234, SECRET, clock);

        DiffResult result = GoldenDiff.compare(golden, replay);

        assertFalse(result.matches());
        assertEquals(RootCause.DETERMINISM_VIOLATION, result.rootCause().orElseThrow());
        assertEquals(1, result.firstDivergingStep().orElseThrow());
        Finding first = result.findings().get(0);
        assertEquals("price_cart", first.skill());
        System.out.println(first.locus() + ": " + first.category() + " - " + first.evidence());
    }

    @Test
    void aReplayThatDiffersOnlyInTimestampsAndRunIdMatches() throws Exception {
        EmergencyStop stop = EmergencyStop.forConfig(OpsConfig.rootedAt(dir.resolve("ops")));
        Path golden = new CheckoutWorkflow(stop, out -> out).run(dir, "golden", 1234, SECRET,
                Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC));
        Path replay = new CheckoutWorkflow(stop, out -> out).run(dir, "replay", 1234, SECRET,
                Clock.fixed(Instant.parse("2026-03-09T17:45:12Z"), ZoneOffset.UTC));

        DiffResult result = GoldenDiff.compare(golden, replay);

        assertTrue(result.matches(), result::toString);
    }

    @Test
    void aReplayWithAnotherSeedIsASeedMismatch() throws Exception {
        EmergencyStop stop = EmergencyStop.forConfig(OpsConfig.rootedAt(dir.resolve("ops")));
        Clock clock = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
        Path golden = new CheckoutWorkflow(stop, out -> out).run(dir, "golden", 1234, SECRET, clock);
        Path replay = new CheckoutWorkflow(stop, out -> out).run(dir, "replay", 999, SECRET, clock);

        assertEquals(RootCause.SEED_MISMATCH, GoldenDiff.compare(golden, replay).rootCause().orElseThrow());
    }
}
