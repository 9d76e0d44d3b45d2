package io.aos.ops.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code RETENTION_DAYS} matters to archive and cleanup only: work that uses no age still gets its settings. */
class RetentionSettingsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "99999999999"})
    void aBadRetentionDaysIsAnErrorForWorkWithAnAgeAndAWarningForWorkWithout(String days) {
        OpsConfig config = OpsConfig.rootedAt(tmp, Map.of("RETENTION_DAYS", days));
        Path golden = tmp.resolve("golden");

        assertThatThrownBy(() -> RetentionSettings.from(config, List.of(golden), Clock.systemUTC()))
                .isInstanceOf(BadConfigurationException.class).hasMessageContaining(days);
        RetentionSettings settings = RetentionSettings.withoutAge(config, List.of(golden), Clock.systemUTC());

        assertThat(settings.directories()).containsExactly(golden);
        assertThat(settings.archiveDir()).isEqualTo(RetentionSettings.from(OpsConfig.rootedAt(tmp), List.of(golden),
                Clock.systemUTC()).archiveDir());
        assertThat(settings.defaultDays()).isEqualTo(7);
        assertThat(RetentionSettings.daysProblem(config)).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("RETENTION_DAYS").contains(days));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3", " 12 "})
    void aGoodRetentionDaysIsTheSameEitherWay(String days) {
        OpsConfig config = OpsConfig.rootedAt(tmp, Map.of("RETENTION_DAYS", days));

        assertThat(RetentionSettings.withoutAge(config, List.of(), Clock.systemUTC()))
                .isEqualTo(RetentionSettings.from(config, List.of(), Clock.systemUTC()));
        assertThat(RetentionSettings.daysProblem(config)).isEmpty();
    }
}
