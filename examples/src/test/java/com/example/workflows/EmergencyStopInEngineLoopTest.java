package com.example.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.core.emergency.EmergencyStopController;
import io.aos.ops.core.emergency.EmergencyStopEngagedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine checks the emergency stop before every step; an operator's stop halts it before the next step. */
class EmergencyStopInEngineLoopTest {

    @TempDir
    Path root;

    @Test
    void theLoopRunsWhileTheStopIsReleasedAndHaltsBeforeTheNextStepOnceItIsEngaged() {
        // every path (flag file, audit log) below a temp dir; a service would use OpsConfig.fromEnvironment()
        OpsConfig config = OpsConfig.rootedAt(root);
        // zero: look at the flag file on every call instead of trusting one look for 250 ms (for a test's sake)
        EmergencyStop stop = EmergencyStop.forConfig(config).withRecheckInterval(Duration.ZERO);
        List<Integer> done = new ArrayList<>();

        EmergencyStopEngagedException halted = assertThrows(EmergencyStopEngagedException.class, () -> {
            for (int step = 0; step < 10; step++) {
                stop.check();
                done.add(step);
                if (step == 2) {
                    EmergencyStopController.of(stop).enable("payment provider outage");  // what `aos-ops emergency-stop enable` does
                }
            }
        });

        assertEquals(List.of(0, 1, 2), done);
        assertTrue(halted.status().engaged());
        assertTrue(halted.getMessage().contains("payment provider outage"), halted::getMessage);

        EmergencyStopController.of(stop).disable("provider back");
        assertFalse(stop.isEngaged());
        stop.check();  // returns normally again
    }
}
