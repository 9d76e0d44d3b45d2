package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
}
