package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.config.OpsConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalColourTest {

    @Test
    void aTerminalWithoutNoColorGetsColour() {
        assertThat(TerminalColour.enabled(true, OpsConfig.of(Map.of()))).isTrue();
    }

    @Test
    void noColorInTheCommandsEnvironmentTurnsColourOffEvenOnATerminal() {
        assertThat(TerminalColour.enabled(true, OpsConfig.of(Map.of("NO_COLOR", "1")))).isFalse();
    }

    @Test
    void withoutATerminalThereIsNoColour() {
        assertThat(TerminalColour.enabled(false, OpsConfig.of(Map.of()))).isFalse();
    }
}
