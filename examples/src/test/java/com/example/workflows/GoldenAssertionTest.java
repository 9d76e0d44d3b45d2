package com.example.workflows;

import static io.aos.ops.golden.junit.GoldenAssertions.assertGoldenMatches;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.golden.junit.GoldenAssertions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Assert a run against its golden file in a JUnit test. The golden file lives beside the tests; when the workflow's
 * behaviour changes on purpose, rerun with {@code -Daos.golden.update=true} and review the rewritten golden.
 */
class GoldenAssertionTest {

    private static final Path GOLDEN = Path.of("src/test/resources/goldens/checkout.steps.jsonl");
    private static final byte[] SECRET = "example-secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void theCheckoutWorkflowMatchesItsGolden() throws Exception {
        EmergencyStop stop = EmergencyStop.forConfig(OpsConfig.rootedAt(dir.resolve("ops")));
        // another run id and today's clock: both are volatile by definition and do not count as differences
        Path trace = new CheckoutWorkflow(stop, out -> out).run(dir, "today", 1234, SECRET, Clock.systemUTC());

        assertGoldenMatches(GOLDEN, trace);
    }

    @Test
    void aChangedResultFailsWithTheRootCauseAndTheGoldenFileNamed() throws Exception {
        Assumptions.assumeFalse(GoldenAssertions.updateMode(), "update mode writes goldens instead of comparing");
        EmergencyStop stop = EmergencyStop.forConfig(OpsConfig.rootedAt(dir.resolve("ops")));
        Path trace = new CheckoutWorkflow(stop, out -> out.put("items", 4))
                .run(dir, "today", 1234, SECRET, Clock.systemUTC());
        // a copy, so that a run in update mode cannot rewrite the real golden with this broken trace
        Path golden = Files.copy(GOLDEN, dir.resolve("checkout.steps.jsonl"));

        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> assertGoldenMatches(golden, trace));

        assertTrue(failure.getMessage().contains(golden.toString()), failure::getMessage);
        assertTrue(failure.getMessage().contains("determinism violation")
                || failure.getMessage().contains("DETERMINISM_VIOLATION"), failure::getMessage);
    }
}
