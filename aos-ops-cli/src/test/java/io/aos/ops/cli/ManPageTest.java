package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.config.OpsSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The manual page the package installs: every visible command's help and every setting (ManPageIT: man reads it). */
class ManPageTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static String page() throws Exception {
        return ManPage.render("9.9.9", Files.readAllLines(ROOT.resolve("docs/configuration.md")));
    }

    private static void visibleCommands(CommandLine command, List<String> into) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                into.add(sub.getCommandSpec().qualifiedName());
                visibleCommands(sub, into);
            }
        }
    }

    @Test
    void everyVisibleCommandHasItsHelpAndEverySettingItsEntry() throws Exception {
        String page = page();
        List<String> commands = new ArrayList<>();
        visibleCommands(AosOps.commandLine("--help"), commands);

        assertThat(page).startsWith(".TH AOS-OPS 1 \"\" \"aos-ops 9.9.9\" \"User Commands\"\n");
        assertThat(commands).hasSizeGreaterThan(40).contains("aos-ops golden diff", "aos-ops retention restore",
                "aos-ops cron-check").doesNotContain("aos-ops monitor daemon");
        for (String command : commands) {
            assertThat(page).as(command).contains(".SS \"" + ManPage.escape(command) + "\"\n");
        }
        assertThat(page).doesNotContain("aos\\-ops monitor daemon\"");
        // a command's own help, whole: the retention restore's description and options
        assertThat(page).contains("Verify an archive, then put its files back into DEST.", "\\-\\-force");
        String environment = page.substring(page.indexOf(".SH ENVIRONMENT"), page.indexOf(".SH EXIT STATUS"));
        for (OpsSetting setting : OpsSetting.values()) {
            assertThat(environment).as(setting.envVar()).containsPattern("\\.B [^\\n]*"
                    + java.util.regex.Pattern.quote(ManPage.escape(setting.envVar())));
        }
        assertThat(environment).contains(".B AOS_OPS_CDS_DIR\n", ".B NO_COLOR\n");
    }

    @Test
    void noTextLineIsReadAsARequestAndNoBackslashIsLeftBare() throws Exception {
        for (String line : page().split("\n")) {
            if (line.startsWith(".") || line.startsWith("'")) {
                assertThat(line).matches("\\.(TH|SH|SS|TP|B|I|BR|RI|nf|fi)( .*)?");
            }
            // every backslash starts an escape this page uses
            assertThat(line.replaceAll("\\\\(e|-|&|f[BRI])", "")).as(line).doesNotContain("\\");
        }
    }
}
