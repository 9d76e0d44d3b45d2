package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.OperationFailedException;
import io.aos.ops.core.health.ExitMode;
import io.aos.ops.core.text.ControlCharacters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class AosOpsTest {

    @Test
    void eachGroupIsRegisteredUnderItsOwnCommandName() {
        AosOpsCommand.GROUPS.forEach((name, command) ->
                assertThat(new CommandLine(command.get()).getCommandName()).isEqualTo(name));
    }

    @Test
    void aCommandLineThatNamesItsGroupBuildsOnlyThatGroup() {
        CommandLine cli = AosOps.commandLine("cron-check", "--nagios");
        assertThat(cli.getSubcommands()).containsOnlyKeys("cron-check");
        assertThat(AosOps.commandLine("--debug", "golden", "diff").getSubcommands()).containsOnlyKeys("golden");
    }

    @Test
    void eachSubcommandAddedByAosOpsIsRegisteredUnderItsOwnCommandName() {
        AosOpsCommand.SUBCOMMANDS.forEach((group, subcommands) -> subcommands.get().forEach((name, command) ->
                assertThat(new CommandLine(command.get()).getCommandName()).as(group).isEqualTo(name)));
    }

    @Test
    void aSubcommandNamedRightAfterItsGroupIsTheOnlyOneBuilt() {
        assertThat(AosOps.commandLine("golden", "summary", "--summary-dir", "d").getSubcommands().get("golden")
                .getSubcommands()).containsOnlyKeys("summary");
        // an option first, a typo, or nothing: every subcommand, in the order the group's help lists them
        for (String[] line : new String[][] {{"golden", "--help", "summary"}, {"golden", "sumary"}, {"golden"},
            {"--help"}}) {
            assertThat(AosOps.commandLine(line).getSubcommands().get("golden").getSubcommands().keySet())
                    .containsExactly("hash", "verify", "diff", "summary");
        }
    }

    @Test
    void retentionStatusBuildsOnlyStatusAndRetentionAloneListsEverySubcommand() {
        assertThat(AosOps.commandLine("retention", "status", "--json").getSubcommands().get("retention")
                .getSubcommands()).containsOnlyKeys("status");
        for (String[] line : new String[][] {{"retention"}, {"retention", "--help"}, {"retention", "stauts"}}) {
            assertThat(AosOps.commandLine(line).getSubcommands().get("retention").getSubcommands().keySet())
                    .containsExactly("status", "archive", "cleanup", "verify", "restore");
        }
    }

    @Test
    void anErrorNamingAFileShowsItsControlCharactersAsEscapesOnOneLine(@TempDir Path tmp) throws Exception {
        Path bad = Files.writeString(tmp.resolve("t\u001b]0;owned\u0007\naos-ops: all fine\r.json"), "{not json");

        CliRun r = CliRun.of("golden", "diff", bad.toString(), bad.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(tmp + "/t\\x1b]0;owned\\x07\\naos-ops: all fine\\r.json");
        assertThat(r.err().chars().filter(c -> c != '\n').noneMatch(c -> ControlCharacters.isControl((char) c)))
                .as(r.err()).isTrue();
        assertThat(r.err().lines()).as("the name forges no line of its own").hasSize(1);
    }

    @Test
    void aRunThatExitedAtOnceShowsTheLastLinesOfItsLogEscapedOnOneLine() {
        // what shadow start and monitor start throw when the child dies at once: the log's last lines, joined
        StringWriter err = new StringWriter();
        int code = AosOps.executionFailure(new OperationFailedException("the shadow run exited at once with status 1; "
                + "last lines of /r/shadow_24h.log: \u001b]0;owned\u0007boom | \u001b[2K\rFAKE OK\n"),
                new PrintWriter(err), false, new ExceptionExitCodes(ExitMode.DEFAULT));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("aos-ops: the shadow run exited at once with status 1; last lines of "
                + "/r/shadow_24h.log: \\x1b]0;owned\\x07boom | \\x1b[2K\\rFAKE OK\\n" + System.lineSeparator());
    }

    @Test
    void aUsageErrorQuotingAnArgumentShowsItsControlCharactersAsEscapes() {
        CliRun r = CliRun.of("golden", "diff", "--no-such\u001b[2J\nfake", "a.json", "b.json");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such\\x1b[2J\\nfake").doesNotContain("\u001b");
    }

    @Test
    void aTypoGetsTheWholeTreeAndASuggestion() {
        CliRun r = CliRun.of("cron-chek");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cron-check");
    }

    @Test
    void aGroupsHelpNamesItsFullCommand() {
        CliRun r = CliRun.of("cron-check", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: aos-ops cron-check");
    }

    @Test
    void helpListsEveryCommandGroupOfTheDesign() {
        CliRun r = CliRun.of("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("shadow", "monitor", "cron-check", "status", "sanity", "debug", "retention",
                "emergency-stop", "golden");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun r = CliRun.of("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("aos-ops ");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("a command is required");
    }

    @Test
    void anUnknownOptionIsExit2AndUnknownUnderNagios() {
        assertThat(CliRun.of("--bogus").code()).isEqualTo(2);
        assertThat(CliRun.of("--bogus", "--nagios").code()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "cron-check --bogus --nagios; SHADOW UNKNOWN - Unknown option: '--bogus'",
        "cron-check --nagios --nagios; SHADOW UNKNOWN - option '--nagios' should be specified only once",
        "monitor check --nagios --bogus; SHADOW UNKNOWN - Unknown option: '--bogus'",
        "monitor check --nagios --json --json; ",
        "preflight --nagios --hours 1 --hours 2; PREFLIGHT UNKNOWN - option '--hours'",
        "sanity --nagios --bogus; SHADOW UNKNOWN - Unknown option: '--bogus'",
        "sanity --nagios --nagios; SHADOW UNKNOWN - option '--nagios' should be specified only once",
    })
    void aUsageErrorUnderNagiosPrintsThePluginsUnknownLineOnStdoutAndExits3(String line, String expected) {
        String[] args = line.split(" ");
        for (CliRun run : List.of(CliRun.of(args), CliRun.viaPicocli(args))) {
            assertThat(run.code()).as(line).isEqualTo(3);
            if (expected == null) { // --json asks for JSON, not the plugin line
                assertThat(run.out()).as(line).isEmpty();
            } else {
                assertThat(run.out().lines()).as(line).singleElement().asString().startsWith(expected);
            }
            assertThat(run.err()).as(line).contains("aos-ops: ", "--help");
        }
    }

    @Test
    void aUsageErrorWithoutNagiosLeavesStdoutEmpty() {
        CliRun run = CliRun.of("cron-check", "--bogus");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theUnknownLineHasNoPerfdataBarOrLineBreakFromTheError() {
        assertThat(NagiosUnknown.line("cron-check", "a|b\nc")).isEqualTo("SHADOW UNKNOWN - a/b c");
        assertThat(NagiosUnknown.line("preflight", "x")).isEqualTo("PREFLIGHT UNKNOWN - x");
    }

    @Test
    void theUnknownLineShowsTheErrorsControlCharactersAsEscapes() {
        assertThat(NagiosUnknown.line("cron-check", "f\u001b[2J\u0007\u009b.json"))
                .isEqualTo("SHADOW UNKNOWN - f\\x1b[2J\\x07\\x9b.json");
        SplittableRandom random = new SplittableRandom(20261203L);
        for (int i = 0; i < 500; i++) {
            StringBuilder error = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                error.append((char) random.nextInt(0, 0xa0));
            }
            String line = NagiosUnknown.line("cron-check", error.toString());
            assertThat(line.chars().noneMatch(c -> ControlCharacters.isControl((char) c) || c == '|'))
                    .as("%s", line).isTrue();
        }
    }
}
