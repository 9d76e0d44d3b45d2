package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextfileExporterTest {

    @Test
    void writesAosOpsPromThatParsesBack(@TempDir Path dir) throws Exception {
        Path file = TextfileExporter.write(MetricsFixture.everyMetric(), dir.resolve("textfile"));

        assertThat(file).hasFileName("aos_ops.prom");
        String text = Files.readString(file);
        assertThat(text).endsWith("\n");
        assertThat(ExpositionParser.parse(text).problems()).isEmpty();
        assertThat(ExpositionParser.parse(text).samples("aos_monitor_disk_usage_ratio")).hasSize(1);
    }

    @Test
    void theFileIsWorldReadableForNodeExporter(@TempDir Path dir) throws Exception {
        Path file = TextfileExporter.write(MetricsFixture.everyMetric(), dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void rewritingLeavesOnlyTheOneFile(@TempDir Path dir) throws Exception {
        TextfileExporter.write(MetricsFixture.everyMetric(), dir);
        TextfileExporter.write(MetricsFixture.everyMetric(), dir);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("aos_ops.prom");
        }
    }
}
