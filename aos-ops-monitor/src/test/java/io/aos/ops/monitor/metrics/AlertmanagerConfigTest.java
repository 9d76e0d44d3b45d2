package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ITs' copy of the Alertmanager config differs from the shipped one only in receiver URLs and group waits. */
class AlertmanagerConfigTest {

    @TempDir
    Path tmp;

    @Test
    void theTestCopyKeepsRoutesAndInhibitionsAndPointsEachReceiverAtTheTest() throws Exception {
        List<String> shipped = Files.readAllLines(AlertmanagerConfig.file());

        List<String> copy = Files.readAllLines(AlertmanagerConfig.forTest(tmp,
                name -> URI.create("http://127.0.0.1:9999/" + name)));

        assertThat(copy).hasSameSizeAs(shipped);
        for (int i = 0; i < shipped.size(); i++) {
            String was = shipped.get(i);
            String is = copy.get(i);
            if (was.matches("\\s*(- )?url:.*")) {
                assertThat(is).matches("\\s*(- )?url: http://127\\.0\\.0\\.1:9999/aos-ops-(pager|tickets)");
            } else if (was.matches("\\s*group_(wait|interval):.*")) {
                assertThat(is).endsWith(": 1s");
            } else {
                assertThat(is).as("line %d", i + 1).isEqualTo(was);
            }
        }
        assertThat(copy).anyMatch(l -> l.endsWith("/aos-ops-pager")).anyMatch(l -> l.endsWith("/aos-ops-tickets"))
                .anyMatch(l -> l.contains("repeat_interval: 4h"));
    }
}
