package io.aos.ops.monitor.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CronInstallationTest {

    static final Path HOME = Path.of("/opt/aos-ops");

    @TempDir
    Path cronDir;

    CronInstallation installation(Map<String, String> carried) {
        return new CronInstallation(cronDir, HOME, carried, "root");
    }

    @Test
    void installWritesTheSeedsEntryWithItsEnvironmentAsCronDFileWithTheMarker() throws Exception {
        CronInstallation cron = installation(Map.of("AOS_STATE_DIR", "/srv/aos"));

        assertThat(cron.install(false)).isEqualTo(CronInstallation.InstallOutcome.INSTALLED);

        Path file = cronDir.resolve("aos-ops");
        assertThat(cron.file()).isEqualTo(file);
        String content = Files.readString(file);
        assertThat(content.lines()).contains("# aos-ops: managed by 'aos-ops cron install'",
                "AOS_STATE_DIR=/srv/aos",
                "*/15 * * * * root /opt/aos-ops/scripts/stress/shadow_cron_check.sh");
        assertThat(content).endsWith("\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        try (Stream<Path> files = Files.list(cronDir)) {
            assertThat(files).containsExactly(file); // no temporary file left where cron reads
        }
    }

    @Test
    void theEntryIsValidCronSyntaxAndRunsTheCronCheckWithTheEnvironment() throws Exception {
        CronInstallation cron = installation(Map.of("AOS_STATE_DIR", "/srv/aos", "GOLDEN_DIR", "/srv/golden"));
        cron.install(false);

        CronDOracle.Reading reading = CronDOracle.read(Files.readString(cron.file()));

        assertThat(reading.environment()).isEqualTo(Map.of("AOS_STATE_DIR", "/srv/aos", "GOLDEN_DIR", "/srv/golden"));
        assertThat(reading.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.timeFields()).containsExactly("*/15", "*", "*", "*", "*");
            assertThat(entry.user()).isEqualTo("root");
            assertThat(entry.stdin()).isEmpty();
            assertThat(CronDOracle.shellWords(entry.shellCommand()))
                    .containsExactly("/opt/aos-ops/scripts/stress/shadow_cron_check.sh");
        });
        assertThat(reading.comments()).contains(CronInstallation.MARKER);
    }

    @Test
    void showMatchesAfterInstallAndASecondInstallChangesNothing() throws Exception {
        CronInstallation cron = installation(Map.of("AOS_STATE_DIR", "/srv/aos"));
        cron.install(false);
        byte[] first = Files.readAllBytes(cron.file());

        CronInstallation.Status status = cron.status();
        assertThat(status.state()).isEqualTo(CronInstallation.State.MATCHES);
        assertThat(status.installed()).contains(new String(first, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(status.expected()).isEqualTo(status.installed().orElseThrow());

        assertThat(cron.install(false)).isEqualTo(CronInstallation.InstallOutcome.UNCHANGED);
        assertThat(Files.readAllBytes(cron.file())).isEqualTo(first);
        assertThat(cron.status().state()).isEqualTo(CronInstallation.State.MATCHES);
    }

    @Test
    void showSaysDiffersWhenTheEnvironmentChangedAndInstallUpdatesIt() throws Exception {
        installation(Map.of("AOS_STATE_DIR", "/srv/aos")).install(false);
        CronInstallation moved = installation(Map.of("AOS_STATE_DIR", "/srv/elsewhere"));

        assertThat(moved.status().state()).isEqualTo(CronInstallation.State.DIFFERS);
        assertThat(moved.install(false)).isEqualTo(CronInstallation.InstallOutcome.UPDATED);
        assertThat(Files.readString(moved.file())).contains("AOS_STATE_DIR=/srv/elsewhere\n");
        assertThat(moved.status().state()).isEqualTo(CronInstallation.State.MATCHES);
    }

    @Test
    void aGroupWritableFileDiffersSinceCronIgnoresItAndInstallRepairsTheMode() throws Exception {
        CronInstallation cron = installation(Map.of());
        cron.install(false);
        Files.setPosixFilePermissions(cron.file(), PosixFilePermissions.fromString("rw-rw-r--"));

        assertThat(cron.status().state()).isEqualTo(CronInstallation.State.DIFFERS);
        assertThat(cron.status().problems()).anySatisfy(p -> assertThat(p).contains("rw-rw-r--"));
        assertThat(cron.install(false)).isEqualTo(CronInstallation.InstallOutcome.UPDATED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cron.file()))).isEqualTo("rw-r--r--");
    }

    @Test
    void aForeignFileAtThePathIsRefusedAndLeftUntouchedUnlessForced() throws Exception {
        Path foreign = cronDir.resolve("aos-ops");
        Files.writeString(foreign, "*/5 * * * * root /usr/local/bin/something-else\n");
        Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rw-------"));
        byte[] before = Files.readAllBytes(foreign);
        CronInstallation cron = installation(Map.of());

        assertThat(cron.install(false)).isEqualTo(CronInstallation.InstallOutcome.REFUSED_NOT_OURS);
        assertThat(Files.readAllBytes(foreign)).isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(foreign))).isEqualTo("rw-------");
        assertThat(cron.status().state()).isEqualTo(CronInstallation.State.NOT_OURS);

        assertThat(cron.remove()).isEqualTo(CronInstallation.RemoveOutcome.REFUSED_NOT_OURS);
        assertThat(Files.readAllBytes(foreign)).isEqualTo(before);

        assertThat(cron.install(true)).isEqualTo(CronInstallation.InstallOutcome.REPLACED_NOT_OURS);
        assertThat(cron.status().state()).isEqualTo(CronInstallation.State.MATCHES);
    }

    @Test
    void removeDeletesOnlyOurFileAndShowThenReportsMissing() throws Exception {
        Path neighbour = cronDir.resolve("e2scrub_all");
        Files.writeString(neighbour, "30 3 * * 0 root test -e /run/systemd/system || SERVICE_MODE=1 true\n");
        CronInstallation cron = installation(Map.of());
        cron.install(false);

        assertThat(cron.remove()).isEqualTo(CronInstallation.RemoveOutcome.REMOVED);

        assertThat(cron.file()).doesNotExist();
        assertThat(neighbour).hasContent("30 3 * * 0 root test -e /run/systemd/system || SERVICE_MODE=1 true");
        CronInstallation.Status status = cron.status();
        assertThat(status.state()).isEqualTo(CronInstallation.State.MISSING);
        assertThat(status.installed()).isEmpty();
        assertThat(cron.remove()).isEqualTo(CronInstallation.RemoveOutcome.NOTHING_INSTALLED);
    }

    @Test
    void aMissingCronDirectoryIsAUsageErrorNamingIt() {
        CronInstallation cron = new CronInstallation(cronDir.resolve("cron.d"), HOME, Map.of(), "root");

        assertThatThrownBy(() -> cron.install(false)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining(cronDir.resolve("cron.d").toString())
                .isInstanceOf(BadConfigurationException.class);
        assertThat(cronDir.resolve("cron.d")).doesNotExist();
    }

    @Test
    void aDirectoryAtTheFilesPathIsUnreadableInputNeverReplaced() throws Exception {
        Files.createDirectory(cronDir.resolve("aos-ops"));
        CronInstallation cron = installation(Map.of());

        assertThatThrownBy(() -> cron.install(true)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining(cronDir.resolve("aos-ops").toString())
                .isInstanceOf(BadInputException.class);
        assertThat(cronDir.resolve("aos-ops")).isDirectory();
    }

    @Test
    void theCronDirectoryAndCarriedVariablesComeFromTheConfiguration() {
        OpsConfig config = OpsConfig.of(Map.of("AOS_CRON_DIR", cronDir.toString(), "GOLDEN_DIR", "/g",
                        "UNRELATED", "x"))
                .with(OpsSetting.STATE_DIR, "/flag/state");

        CronInstallation cron = CronInstallation.forConfig(config, HOME, "root");

        assertThat(cron.file()).isEqualTo(cronDir.resolve("aos-ops"));
        assertThat(cron.expectedContent()).contains("AOS_STATE_DIR=/flag/state\n", "GOLDEN_DIR=/g\n")
                .doesNotContain("UNRELATED");
        assertThat(CronInstallation.forConfig(OpsConfig.of(Map.of()), HOME, "root").file())
                .isEqualTo(Path.of("/etc/cron.d/aos-ops"));
    }

    @Test
    void aBadUserNameIsAUsageError() {
        assertThatThrownBy(() -> new CronInstallation(cronDir, HOME, Map.of(), "root; rm -rf /"))
                .isInstanceOf(AosOpsException.class).hasMessageContaining("root; rm -rf /");
    }

    @Test
    void aValueCronCannotCarryIsAUsageErrorNamingTheVariable() {
        for (String value : List.of("a\nb", "50#1", " lead'and\"")) {
            assertThatThrownBy(() -> installation(Map.of("GOLDEN_DIR", value)).expectedContent())
                    .as(value).isInstanceOf(AosOpsException.class).hasMessageContaining("GOLDEN_DIR")
                    .isInstanceOf(BadConfigurationException.class);
        }
        assertThat(cronDir.resolve("aos-ops")).doesNotExist();
    }

    /**
     * Property: for generated values (blanks, both quotes, '%', '\', '$', '#', '=', non-ASCII) and installation paths,
     * the file install writes reads back, through two cron parsers and /bin/sh's quoting, as the same environment and
     * the same command; a value cron cannot hold is refused and nothing is written.
     */
    @Test
    void whatInstallWritesReadsBackAsTheSameEnvironmentAndCommand() throws Exception {
        Random random = new Random(20261202L);
        String alphabet = "abcXYZ019/_.-:@ \t'\"%\\$`#=*;&|~éß{}()!?";
        int roundTrips = 0;
        int refusals = 0;
        for (int round = 0; round < 500; round++) {
            Map<String, String> carried = new TreeMap<>();
            for (String name : CrontabLine.CARRIED) {
                if (random.nextInt(3) == 0) {
                    carried.put(name, generated(random, alphabet, round % 50 == 0));
                }
            }
            Path home = Path.of("/" + generated(random, alphabet.replace("\t", ""), round % 97 == 0));
            boolean representable = carried.values().stream().allMatch(CronInstallationTest::cronCanHold)
                    && home.toString().indexOf('\n') < 0;
            CronInstallation cron = new CronInstallation(cronDir, home, carried, "root");
            if (!representable) {
                assertThatThrownBy(() -> cron.install(false)).as("%s %s", carried, home)
                        .isInstanceOf(AosOpsException.class);
                assertThat(cron.file()).doesNotExist();
                refusals++;
                continue;
            }
            cron.install(false);
            CronDOracle.Reading reading = CronDOracle.read(Files.readString(cron.file()));
            assertThat(reading.environment()).as("%s", carried).isEqualTo(carried);
            CronDOracle.Entry entry = reading.entries().get(0);
            assertThat(reading.entries()).hasSize(1);
            assertThat(entry.stdin()).as("%s", home).isEmpty();
            assertThat(CronDOracle.shellWords(entry.shellCommand())).as("%s", home)
                    .containsExactly(home.resolve("scripts/stress/shadow_cron_check.sh").toString());
            assertThat(cron.status().state()).isEqualTo(CronInstallation.State.MATCHES);
            assertThat(cron.remove()).isEqualTo(CronInstallation.RemoveOutcome.REMOVED);
            roundTrips++;
        }
        assertThat(roundTrips).isGreaterThan(150);
        assertThat(refusals).isGreaterThan(50);
    }

    private static String generated(Random random, String alphabet, boolean withNewline) {
        StringBuilder value = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        if (withNewline) {
            value.insert(random.nextInt(value.length() + 1), '\n');
        }
        return value.toString();
    }

    /**
     * The oracle's rule, from the two parsers: one line, no '#' (Vixie cron ends the value there), and a value with a
     * blank at either end or a quote first must be quoted with a quote character it does not contain.
     */
    private static boolean cronCanHold(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('#') >= 0) {
            return false;
        }
        char first = value.charAt(0);
        char last = value.charAt(value.length() - 1);
        boolean needsQuotes = first == ' ' || first == '\t' || last == ' ' || last == '\t' || first == '\''
                || first == '"';
        return !needsQuotes || value.indexOf('"') < 0 || value.indexOf('\'') < 0;
    }
}
