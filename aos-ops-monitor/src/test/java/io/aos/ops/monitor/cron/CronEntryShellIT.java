package io.aos.ops.monitor.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed entry run by the real {@code /bin/sh}, as cron runs it: installations in directories with blanks,
 * quotes, '%', '$', backslashes and non-ASCII in their names, each with a launcher that prints its environment. cron's
 * own reading of the file (environment lines, '%' in the command) is {@link CronDOracle}'s; the shell is the real one,
 * given only that environment and cron's default PATH, so a quoting mistake shows as a launcher that did not run or
 * an environment that arrived changed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CronEntryShellIT {

    @TempDir
    Path tmp;

    @Test
    void theShellRunsTheLauncherOfEveryGeneratedInstallationWithTheCarriedEnvironment() throws Exception {
        Random random = new Random(4242L);
        String alphabet = "abZ09 _.-'\"%$\\`;&|*?~!()é";
        Path cronDir = Files.createDirectory(tmp.resolve("cron.d"));
        int ran = 0;
        for (int round = 0; round < 40; round++) {
            Path home = Files.createDirectory(tmp.resolve(round + "-" + generated(random, alphabet)));
            Path launcher = CrontabLine.launcher(home);
            Files.createDirectories(launcher.getParent());
            Files.writeString(launcher, "#!/bin/sh\nexec env -0\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            Map<String, String> carried = new TreeMap<>();
            carried.put("AOS_STATE_DIR", home.resolve(generated(random, alphabet) + "x").toString());
            carried.put("GOLDEN_DIR", generated(random, alphabet.replace("'", "")));
            carried.put("AOS_CRON_ALERTS_LOG", " " + generated(random, alphabet.replace("\"", "")) + " ");

            CronInstallation cron = new CronInstallation(cronDir, home, carried, "root");
            cron.install(false);
            CronDOracle.Reading reading = CronDOracle.read(Files.readString(cron.file()));
            CronDOracle.Entry entry = reading.entries().get(0);

            Map<String, String> seen = runAsCronWould(entry.shellCommand(), reading.environment());
            assertThat(seen).as("%s: %s", home, entry.shellCommand()).containsAllEntriesOf(carried);
            ran++;
        }
        assertThat(ran).isEqualTo(40);
    }

    /** {@code /bin/sh -c command} with only {@code env} and cron's default PATH, stdin closed; the env it printed. */
    private Map<String, String> runAsCronWould(String command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(tmp, "env", ".out");
        Path err = Files.createTempFile(tmp, "env", ".err");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(command).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, Files.readString(err)).isZero();
        Map<String, String> seen = new HashMap<>();
        for (String pair : new String(Files.readAllBytes(out), StandardCharsets.UTF_8).split("\0")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                seen.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return seen;
    }

    private static String generated(Random random, String alphabet) {
        StringBuilder value = new StringBuilder();
        int length = 1 + random.nextInt(10);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
