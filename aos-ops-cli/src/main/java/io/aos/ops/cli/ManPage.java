package io.aos.ops.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Writes the {@code aos-ops(1)} manual page at build time (the Debian package installs it), from the two sources
 * that cannot drift from the code: every command's own {@code --help}, as the jar prints it, and the tables of
 * settings in {@code docs/configuration.md}, which {@code DocsTest} holds to the code.
 *
 * <p>Usage: {@code ManPage VERSION CONFIGURATION_MD OUT_FILE}.
 */
public final class ManPage {

    /** A backticked environment variable in a table cell: {@code `AOS_STATE_DIR`}. */
    private static final Pattern ENV_VAR = Pattern.compile("`([A-Z][A-Z0-9_]*)`");
    private static final int WIDTH = 78;

    private ManPage() {
    }

    /**
     * Writes the page.
     *
     * @param args the version, the path of {@code docs/configuration.md}, the page to write
     * @throws IOException if the configuration cannot be read or the page written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ManPage VERSION CONFIGURATION_MD OUT_FILE");
            System.exit(2);
        }
        String page = render(args[0], Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8));
        Path out = Path.of(args[2]);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, page, StandardCharsets.UTF_8);
    }

    /**
     * The page, in the man(7) macros.
     *
     * @param version       the version in the page's header
     * @param configuration the lines of {@code docs/configuration.md}
     * @return the page
     */
    static String render(String version, List<String> configuration) {
        StringBuilder out = new StringBuilder();
        out.append(".TH AOS-OPS 1 \"\" \"aos-ops ").append(escape(version)).append("\" \"User Commands\"\n");
        out.append(".SH NAME\naos-ops \\- operations suite for AOS deterministic workflow engines\n");
        out.append(".SH SYNOPSIS\n.B aos-ops\n.I command\n.RI [ subcommand ]\n.RI [ options ]\n");
        out.append(".SH DESCRIPTION\n");
        out.append("Shadow simulations and their replays, the monitor daemon and its cron check, the debug console, ")
                .append("golden trace diffs and hashes, golden-file retention and the emergency stop of AOS ")
                .append("workflow engines. Each command below is shown with its own help, as ")
                .append("\\fBaos\\-ops\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR prints it.\n");
        out.append(".SH COMMANDS\n");
        CommandLine root = AosOps.commandLine("--help");
        root.setUsageHelpWidth(WIDTH);
        commands(root, out);
        out.append(".SH ENVIRONMENT\n");
        out.append("Settings are read from the command line, then the environment, then ")
                .append("\\fI/etc/default/aos\\-ops\\fR, then the defaults below.\n");
        environment(configuration, out);
        out.append(".SH EXIT STATUS\n");
        out.append(".TP\n.B 0\nall well\n.TP\n.B 1\na failure the runbook names (a dead run, mismatches, ")
                .append("a damaged archive, a refused restore)\n.TP\n.B 2\nusage or unreadable input, named with ")
                .append("its file (and line and column for JSON)\n.TP\n.B 3\nunder \\fB\\-\\-nagios\\fR, ")
                .append("UNKNOWN\n");
        out.append(".SH FILES\n");
        out.append(".TP\n.I /etc/default/aos\\-ops\nsettings read by the launcher before each command\n");
        out.append(".TP\n.I /var/lib/aos\nthe state directory (logs, PID files, alerts, goldens)\n");
        out.append(".TP\n.I /var/cache/aos\\-ops\nthe class\\-data\\-sharing archives of the packaged jar\n");
        out.append(".TP\n.I /usr/share/aos\\-ops/scripts\nthe runbook's script paths, each running one command\n");
        out.append(".SH SEE ALSO\n");
        out.append(".BR cron (8),\n.BR systemd.service (5),\n.I /usr/share/doc/aos\\-ops/README.md\n");
        return out.toString();
    }

    /** Each command with subcommands of its own is a heading; every runnable one's help follows, preformatted. */
    private static void commands(CommandLine command, StringBuilder out) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            sub.setUsageHelpWidth(WIDTH);
            out.append(".SS \"").append(escape(sub.getCommandSpec().qualifiedName())).append("\"\n");
            out.append(".nf\n");
            for (String line : sub.getUsageMessage(Ansi.OFF).split("\n", -1)) {
                out.append(preformatted(line)).append('\n');
            }
            out.append(".fi\n");
            commands(sub, out);
        }
    }

    /** Every table row of the configuration that names a variable: the variable, then its other cells. */
    private static void environment(List<String> configuration, StringBuilder out) {
        List<String> header = List.of();
        for (String line : configuration) {
            if (!line.startsWith("|")) {
                header = List.of();
                continue;
            }
            List<String> cells = cells(line);
            if (header.isEmpty()) {
                header = cells;
                continue;
            }
            if (cells.stream().allMatch(c -> c.matches("-+"))) {
                continue;
            }
            int named = -1;
            List<String> vars = new ArrayList<>();
            for (int i = 0; i < cells.size() && named < 0; i++) {
                Matcher m = ENV_VAR.matcher(cells.get(i));
                while (m.find()) {
                    vars.add(m.group(1));
                    named = i;
                }
            }
            if (named < 0) {
                continue;
            }
            out.append(".TP\n.B ").append(escape(String.join(", ", vars))).append('\n');
            List<String> about = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                if (i != named && !cells.get(i).isBlank()) {
                    String label = i < header.size() ? header.get(i) : "";
                    about.add((label.isBlank() ? "" : plain(label) + ": ") + plain(cells.get(i)));
                }
            }
            out.append(escape(String.join("; ", about))).append('\n');
        }
    }

    /** The cells of a Markdown table row; {@code \|} is a pipe inside a cell. */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String body = row.strip();
        for (int i = 1; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    /** Markdown inline code and emphasis marks and links dropped: {@code `x`} is x, {@code [a](b)} is a. */
    static String plain(String markdown) {
        return markdown.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("**", "");
    }

    /** Text for a man(7) line: backslashes doubled as {@code \e}, minus signs as {@code \-}; no leading dot. */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }

    /** A line of a {@code .nf} block: escaped, and a blank line kept as an empty request-free line. */
    private static String preformatted(String line) {
        String s = escape(line.stripTrailing());
        return s.isEmpty() ? "\\&" : s;
    }
}
