package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadArchiveException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.OperationFailedException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.health.ExitMode;
import io.aos.ops.golden.format.BadGoldenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table from the library's exception types to exit codes, under both conventions. */
class ExceptionExitCodesTest {

    private static final Path FILE = Path.of("f.json");

    record Row(Throwable exception, int exitDefault, int exitNagios) {
    }

    private static final List<Row> TABLE = List.of(
            new Row(new BadConfigurationException("--cycles must be >= 1"), 2, 3),
            new Row(new BadInputException(FILE, "is empty"), 2, 3),
            new Row(new BadInputException(FILE, 3, 7, "unexpected character"), 2, 3),
            new Row(UnreadableFileException.of(FILE, new NoSuchFileException(FILE.toString())), 2, 3),
            new Row(new BadGoldenException(FILE, 1, 1, "unexpected end"), 2, 3),
            new Row(new OperationFailedException("the monitor daemon exited at once"), 1, 2),
            new Row(new BadArchiveException(FILE, "f.json does not verify"), 1, 2),
            new Row(new IllegalStateException("a bug"), 2, 3),
            new Row(new IOException("disk"), 2, 3));

    @Test
    void everyExceptionTypeMapsToItsExitCodeUnderBothConventions() {
        ExceptionExitCodes plain = new ExceptionExitCodes(ExitMode.DEFAULT);
        ExceptionExitCodes nagios = new ExceptionExitCodes(ExitMode.NAGIOS);
        for (Row row : TABLE) {
            assertThat(plain.getExitCode(row.exception())).as(row.exception().toString()).isEqualTo(row.exitDefault());
            assertThat(nagios.getExitCode(row.exception())).as(row.exception().toString()).isEqualTo(row.exitNagios());
        }
    }

    @Test
    void onlyTheLibrarysExceptionsPrintTheirMessageAlone() {
        for (Row row : TABLE) {
            assertThat(ExceptionExitCodes.isOperatorMessage(row.exception())).as(row.exception().toString())
                    .isEqualTo(row.exception() instanceof AosOpsException);
        }
    }

    @Test
    void badJsonGivenToACommandExitsTwoAndPrintsTheFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, "{\"x\": 1}");
        Files.writeString(b, "{\n  \"x\": @\n}");
        CliRun run = CliRun.of("golden", "diff", "--golden-a", a.toString(), "--golden-b", b.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("aos-ops: " + b + ": invalid JSON at line 2, column 8: ");
    }
}
