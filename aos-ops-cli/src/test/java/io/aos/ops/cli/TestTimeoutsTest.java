package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every test class of every module that starts a process or a server, itself or through one of the fixtures that do
 * ({@code PrometheusServer}, {@code AlertmanagerServer}, {@code WebhookReceiver}, {@code ExternalTool},
 * {@code RedisServerFixture}, ...), carries a {@code @Timeout}: on a loaded CI machine a hang then fails that test
 * instead of eating the build's time. The fixtures are not test classes (JUnit's {@code @Timeout} means nothing on
 * them; their own waits are bounded): the rule holds them through the tests that use them.
 */
class TestTimeoutsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** What starts a process or a server in a test, directly or through a fixture. */
    private static final Pattern STARTS = Pattern.compile("new ProcessBuilder\\(|HttpServer\\.create\\(|"
            + "\\b(PrometheusServer|AlertmanagerServer|WebhookReceiver|ExternalTool|RedisServerFixture)\\.|"
            + "CliRun\\.process\\(|ServerSocket\\(");

    @Test
    void everyTestClassThatStartsAProcessOrServerHasATimeout() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/test/java/")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                boolean testClass = source.contains("@Test") || source.contains("@ParameterizedTest");
                if (!testClass || !STARTS.matcher(source).find()) {
                    continue;
                }
                checked++;
                if (!source.contains("@Timeout")) {
                    missing.add(ROOT.relativize(file).toString());
                }
            }
        }
        assertThat(checked).as("test classes that start processes or servers").isGreaterThan(20);
        assertThat(missing).as("test classes that start a process or server without @Timeout").isEmpty();
    }
}
