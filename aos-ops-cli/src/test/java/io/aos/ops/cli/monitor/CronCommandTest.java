package io.aos.ops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aos-ops cron install|remove|show} against a temporary cron directory, never /etc/cron.d. */
class CronCommandTest {

    @TempDir
    Path cronDir;

    CliRun cron(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "cron";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--cron-dir";
        full[args.length + 2] = cronDir.toString();
        return CliRun.of(full);
    }

    @Test
    void installWritesTheEntryAndShowSaysItMatches() throws Exception {
        CliRun install = cron("install", "--state-dir", "/srv/aos state");

        assertThat(install.code()).as(install.err()).isZero();
        Path file = cronDir.resolve("aos-ops");
        assertThat(install.out()).contains("Installed " + file)
                .contains("*/15 * * * * root ").contains("scripts/stress/shadow_cron_check.sh");
        assertThat(Files.readString(file)).startsWith("# aos-ops: managed by 'aos-ops cron install'\n")
                .contains("\nAOS_STATE_DIR=/srv/aos state\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");

        CliRun show = cron("show", "--state-dir", "/srv/aos state");
        assertThat(show.code()).as(show.out() + show.err()).isZero();
        assertThat(show.out()).contains(Files.readString(file)).contains("MATCHES");

        CliRun again = cron("install", "--state-dir", "/srv/aos state");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("already installed").contains("unchanged");
    }

    @Test
    void showExitsOneAndSaysWhatDiffersWhenTheEnvironmentChanged() {
        cron("install", "--state-dir", "/srv/a");

        CliRun show = cron("show", "--state-dir", "/srv/b");

        assertThat(show.code()).isEqualTo(1);
        assertThat(show.out()).contains("DIFFERS").contains("- AOS_STATE_DIR=/srv/a").contains("+ AOS_STATE_DIR=/srv/b")
                .contains("aos-ops cron install");
    }

    @Test
    void showJsonGivesTheStateAndBothContents() {
        cron("install");

        CliRun show = cron("show", "--json");

        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("\"state\" : \"MATCHES\"").contains("\"installed\" : \"# aos-ops: managed")
                .contains("\"expected\" : ").contains("\"file\" : ");
    }

    @Test
    void aForeignFileIsRefusedWithExitOneAndKeptUntilForce() throws Exception {
        Path file = cronDir.resolve("aos-ops");
        Files.writeString(file, "0 * * * * root /usr/local/bin/theirs\n");

        CliRun install = cron("install");

        assertThat(install.code()).isEqualTo(1);
        assertThat(install.err()).contains(file.toString()).contains("--force");
        assertThat(file).hasContent("0 * * * * root /usr/local/bin/theirs");
        CliRun remove = cron("remove");
        assertThat(remove.code()).isEqualTo(1);
        assertThat(remove.err()).contains(file.toString()).contains("not installed by aos-ops");
        assertThat(file).hasContent("0 * * * * root /usr/local/bin/theirs");
        CliRun show = cron("show");
        assertThat(show.code()).isEqualTo(1);
        assertThat(show.out()).contains("NOT OURS");

        CliRun forced = cron("install", "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("Replaced");
        assertThat(Files.readString(file)).startsWith("# aos-ops: managed by 'aos-ops cron install'\n");
    }

    @Test
    void removeDeletesOursThenShowAndRemoveSayNothingIsInstalled() throws Exception {
        Files.writeString(cronDir.resolve("other"), "0 * * * * root true\n");
        cron("install");

        CliRun remove = cron("remove");

        assertThat(remove.code()).isZero();
        assertThat(remove.out()).contains("Removed " + cronDir.resolve("aos-ops"));
        assertThat(cronDir.resolve("aos-ops")).doesNotExist();
        assertThat(cronDir.resolve("other")).hasContent("0 * * * * root true");
        CliRun show = cron("show");
        assertThat(show.code()).isEqualTo(1);
        assertThat(show.out()).contains("MISSING");
        CliRun again = cron("remove");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("nothing to remove");
    }

    @Test
    void aMissingCronDirectoryIsAUsageErrorExitTwo() {
        CliRun run = CliRun.of("cron", "install", "--cron-dir", cronDir.resolve("nope").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(cronDir.resolve("nope").toString()).contains("AOS_CRON_DIR");
        assertThat(cronDir.resolve("nope")).doesNotExist();
    }

    @Test
    void aValueCronCannotHoldIsAUsageErrorAndNothingIsWritten() {
        CliRun run = cron("install", "--state-dir", "/srv/#1");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("AOS_STATE_DIR").contains("'#'");
        assertThat(cronDir.resolve("aos-ops")).doesNotExist();
    }
}
