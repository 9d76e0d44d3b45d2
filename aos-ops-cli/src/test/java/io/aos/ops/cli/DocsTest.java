package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.config.OpsSetting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Keeps the README and the guides under {@code docs/} true to the repository and to the command line: every relative
 * link resolves (file and heading), every {@code aos-ops ...} command they show exists with the options they give it,
 * and every setting of the suite is documented.
 */
class DocsTest {

    /**
     * Guides the README links to that are written on other branches and not merged yet. A link to one of these may
     * point at a file that does not exist; once the guide is merged it is checked like any other. Empty this list when
     * they are all in.
     */
    static final Set<String> PENDING_GUIDES = Set.of();

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("``?([^`]+)``?");
    private static final Pattern AOS_OPS = Pattern.compile("(?<![\\w.$-])aos-ops ");
    private static final Pattern ENV_VAR = Pattern.compile("\\bAOS_[A-Z][A-Z_]*[A-Z]\\b");

    @Test
    void everyRelativeLinkOfTheDocsResolvesToAFileAndAHeading() {
        List<String> broken = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> lines = lines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(lines.get(i));
                while (m.find()) {
                    String problem = problem(doc, m.group(1));
                    if (problem != null) {
                        broken.add(ROOT.relativize(doc) + ":" + (i + 1) + ": " + m.group(1) + ": " + problem);
                    }
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theReadmeLinksEveryGuideUnderDocs() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md"))
                    .forEach(p -> assertThat(readme).as("README links " + p.getFileName())
                            .contains("(docs/" + p.getFileName() + ")"));
        }
        assertThat(readme).contains("(docs/runbooks/incident.md)");
        PENDING_GUIDES.forEach(guide -> assertThat(readme).contains("(" + guide + ")"));
    }

    @Test
    void everyAosOpsCommandTheDocsShowExistsWithTheOptionsTheyGiveIt() {
        CommandLine root = AosOps.commandLine();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs()) {
            List<String> problems = commands(root, doc, new HashSet<>());
            checked += problems.size();
            problems.stream().filter(p -> !p.endsWith(": ")).forEach(wrong::add);
        }
        assertThat(wrong).as("commands or options the CLI does not have").isEmpty();
        assertThat(checked).as("commands checked in the docs").isGreaterThan(100);
    }

    /**
     * Every {@code aos-ops ...} command line in {@code doc} (fenced code and inline code), as
     * {@code "<file>:<line>: <problem>"}, the problem empty when the command is right; the commands found go into
     * {@code shown} by their qualified names.
     */
    private static List<String> commands(CommandLine root, Path doc, Set<String> shown) {
        List<String> found = new ArrayList<>();
        List<String> lines = lines(doc);
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            List<String> snippets = new ArrayList<>();
            if (fenced) {
                snippets.add(line);
            } else {
                Matcher code = INLINE_CODE.matcher(line);
                while (code.find()) {
                    snippets.add(code.group(1));
                }
            }
            for (String snippet : snippets) {
                String unescaped = snippet.replace("\\|", "|"); // a pipe inside a table cell is written \|
                Matcher at = AOS_OPS.matcher(unescaped);
                while (at.find()) {
                    String problem = commandProblem(root, unescaped.substring(at.end()), shown);
                    if (problem != null) {
                        found.add(ROOT.relativize(doc) + ":" + (i + 1) + ": " + problem);
                    }
                }
            }
        }
        return found;
    }

    @Test
    void theRunbookShowsEveryCommandOfTheCli() {
        CommandLine root = AosOps.commandLine();
        Set<String> shown = new TreeSet<>();
        commands(root, ROOT.resolve("docs/runbook.md"), shown);
        Set<String> all = new TreeSet<>();
        collect(root, all);
        assertThat(shown).as("commands the runbook shows").containsAll(all);
    }

    private static void collect(CommandLine command, Set<String> names) {
        for (CommandLine sub : new HashSet<>(command.getSubcommands().values())) {
            names.add(sub.getCommandSpec().qualifiedName());
            collect(sub, names);
        }
    }

    @Test
    void everySettingIsInTheConfigurationGuideAndTheDebianDefaultsFile() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/configuration.md"));
        String defaults = Files.readString(ROOT.resolve("aos-ops-cli/src/deb/etc/default/aos-ops"));
        for (OpsSetting setting : OpsSetting.values()) {
            assertThat(guide).as(setting + " in docs/configuration.md").contains("`" + setting.envVar() + "`");
            assertThat(defaults).as(setting + " in /etc/default/aos-ops").contains("#" + setting.envVar() + "=");
        }
    }

    @Test
    void everyAosVariableTheDocsNameIsInTheConfigurationGuide() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/configuration.md"));
        Set<String> missing = new TreeSet<>();
        for (Path doc : docs()) {
            Matcher m = ENV_VAR.matcher(String.join("\n", lines(doc)));
            while (m.find()) {
                if (!guide.contains("`" + m.group() + "`")) {
                    missing.add(m.group() + " (" + ROOT.relativize(doc) + ")");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void noDocReferencesIssueNumbersOrFilesOutsideTheRepository() {
        Pattern outside = Pattern.compile("(?i)\\bissue \\d|(?<![\\w&])#\\d{1,3}\\b|\\.\\./shared|/work/|"
                + "upstream-behaviour|anchors-(golden|ops)|\\bDESIGN\\.md|\\bthe seed's\\b");
        List<String> found = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> lines = lines(doc);
            for (int i = 0; i < lines.size(); i++) {
                if (outside.matcher(lines.get(i)).find()) {
                    found.add(ROOT.relativize(doc) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theCommandCheckFindsAWrongCommandOptionOrAlternative() {
        CommandLine root = AosOps.commandLine();
        Set<String> shown = new TreeSet<>();
        assertThat(commandProblem(root, "monitor check [--json|--nagios]  # one check", shown)).isEmpty();
        assertThat(commandProblem(root, "retention verify ARCHIVE --archive-dir DIR", shown)).isEmpty();
        assertThat(commandProblem(root, "shadow start --hours 24 --workers 3 --verbose", shown)).isEmpty();
        assertThat(commandProblem(root, "emergency-stop enable --reason 'P0 # --nope' && ls --nope", shown))
                .isEmpty();
        assertThat(shown).contains("aos-ops monitor check", "aos-ops retention verify", "aos-ops shadow start");
        assertThat(commandProblem(root, "monitor check --jsn", shown)).contains("has no option --jsn");
        assertThat(commandProblem(root, "monitr check", shown)).contains("no command 'monitr'");
        assertThat(commandProblem(root, "cron install|remove|shw", shown)).contains("no command 'shw'");
        assertThat(commandProblem(root, "shadow start --no-such-flag", shown)).contains("no option --no-such-flag");
        assertThat(commandProblem(root, "... shadow run", shown)).isNull();
    }

    @Test
    void headingAnchorsAreGitHubs(@TempDir Path tmp) throws IOException {
        Path doc = tmp.resolve("anchors.md");
        Files.writeString(doc, "# Finishing a run (Post-Shadow Run)\n## `compare.sh` run of record\n"
                + "```\n# not a heading\n```\n## Monitor\n## Monitor\n");
        assertThat(anchors(doc)).containsExactlyInAnyOrder("finishing-a-run-post-shadow-run",
                "comparesh-run-of-record", "monitor", "monitor-1");
    }

    /** Why {@code target} (a link in {@code doc}) does not resolve, or null when it does. */
    private static String problem(Path doc, String target) {
        if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return null; // http(s), mailto: not checked here
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path linked = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!linked.startsWith(ROOT)) {
            return "outside the repository";
        }
        if (!Files.exists(linked)) {
            return PENDING_GUIDES.contains(ROOT.relativize(linked).toString().replace('\\', '/')) ? null
                    : "no such file";
        }
        if (anchor != null && linked.toString().endsWith(".md") && !anchors(linked).contains(anchor)) {
            return "no heading #" + anchor + " in " + ROOT.relativize(linked);
        }
        return null;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    static Set<String> anchors(Path doc) {
        Set<String> anchors = new HashSet<>();
        boolean fenced = false;
        for (String line : lines(doc)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            Matcher m = HEADING.matcher(line);
            if (fenced || !m.matches()) {
                continue;
            }
            String slug = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            String unique = slug;
            for (int n = 1; anchors.contains(unique); n++) {
                unique = slug + "-" + n;
            }
            anchors.add(unique);
        }
        return anchors;
    }

    /**
     * Checks the words after {@code aos-ops } against the command tree: null when they do not start with a command
     * word (prose such as {@code aos-ops ... shadow run}), "" when the command and its options exist, else what is
     * wrong. {@code a|b} lists alternatives, {@code [...]} optional parts; a shell comment, pipe or {@code &&} ends the
     * command.
     */
    static String commandProblem(CommandLine root, String rest, Set<String> shown) {
        List<String> words = words(rest);
        if (words.isEmpty() || !words.get(0).matches("[a-z][a-z-]*(\\|[a-z-]+)*|--[a-z-]+")) {
            return null;
        }
        CommandLine command = root;
        int i = 0;
        for (; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.matches("[a-z][a-z-]*(\\|[a-z][a-z-]*)*")) {
                break;
            }
            String[] alternatives = word.split("\\|");
            CommandLine next = command.getSubcommands().get(alternatives[0]);
            if (next == null) {
                if (command == root || !command.getSubcommands().isEmpty() && alternatives.length > 1) {
                    return "no command '" + word + "' in " + command.getCommandSpec().qualifiedName();
                }
                break; // a positional argument, such as retention verify's ARCHIVE
            }
            for (String alternative : alternatives) {
                CommandLine each = command.getSubcommands().get(alternative);
                if (each == null) {
                    return "no command '" + alternative + "' in " + command.getCommandSpec().qualifiedName();
                }
                shown.add(each.getCommandSpec().qualifiedName());
            }
            command = next;
        }
        for (; i < words.size(); i++) {
            for (String word : words.get(i).replaceAll("[\\[\\]]", "").split("\\|")) {
                if (!word.startsWith("--")) {
                    continue;
                }
                String option = word.replaceAll("=.*$", "");
                if (!hasOption(command, option)) {
                    return command.getCommandSpec().qualifiedName() + " has no option " + option;
                }
            }
        }
        return "";
    }

    private static boolean hasOption(CommandLine command, String option) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.findOption(option) != null) {
            return true;
        }
        // A command that hands its other arguments on (shadow start to shadow run) takes its siblings' options too.
        CommandLine parent = command.getParent();
        if (!spec.unmatchedArgsBindings().isEmpty() && parent != null) {
            return parent.getSubcommands().values().stream()
                    .anyMatch(sibling -> sibling.getCommandSpec().findOption(option) != null);
        }
        return false;
    }

    /** Shell-like words up to a comment, pipe, {@code &&}, {@code ;} or redirection; quoted strings are one word. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                word.append(c);
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else if (c == '#' || c == ';' || c == '>' || c == '<' || c == '`' || c == ')'
                    || (c == '&' && i + 1 < text.length() && text.charAt(i + 1) == '&')
                    || (c == '|' && (word.length() == 0 || i + 1 >= text.length()
                            || Character.isWhitespace(text.charAt(i + 1))))) {
                break;
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0 && quote == 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static List<Path> docs() {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
