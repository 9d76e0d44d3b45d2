package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** man(1) formats the manual page without a warning (the check lintian makes of an installed page). */
@Timeout(120)
class ManPageIT {

    @TempDir
    Path tmp;

    @Test
    void manFormatsItWithoutAWarning() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/man"))) {
            assertThat(System.getenv("CI")).as("man(1) missing under CI (lintian's man-db brings it)").isNotEqualTo("true");
            Assumptions.abort("man(1) is not installed");
        }
        Path file = Files.writeString(tmp.resolve("aos-ops.1"), ManPageTest.page());
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8",
                file.toString()).redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put("MANWIDTH", "80");
        Process man = pb.start();
        assertThat(man.waitFor(100, TimeUnit.SECONDS)).isTrue();

        String err = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);
        assertThat(man.exitValue()).as(err).isZero();
        assertThat(err).isEmpty();
        // man justifies a paragraph by widening its spaces (groff's choice, not the page's): compare words
        assertThat(Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8).replaceAll(" {2,}", " "))
                .contains("aos-ops retention restore", "AOS_STATE_DIR", "a failure the runbook names");
    }
}
