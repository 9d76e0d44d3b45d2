package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

/**
 * The quick path ({@link QuickCommands}, {@link QuickLine}) against picocli, the oracle: over generated command lines,
 * every line the quick path takes is one picocli accepts for the same command and sets up the same way (every
 * {@code @Option}, {@code @Parameters} and {@code @Mixin} field equal), and every line picocli rejects or reads as a
 * help request is left to picocli. Then whole runs: the same output and exit code either way.
 */
class QuickCommandsTest {

    private static final List<String> PATHS =
            List.of("cron-check", "status", "sanity", "monitor check", "golden hash", "golden diff",
                    "golden summary", "golden verify", "retention status");

    private static final String[] VALUES = {"a", "dir/x.jsonl", "/abs/p", "x y", "600", "dé", "a=b", "-neg", "-",
        "@file", "", "a\0b", "hash", "--json", "010", "0x10", "+3", "99999999999"};

    private static final String[] STRAY = {"--help", "-h", "-V", "--version", "--", "--unknown", "-oX", "-o=F",
        "--json=true", "--debug=false", "--JSON", "-x", "@args", "", "status", "summary"};

    @Test
    void everyLineTheQuickPathTakesPicocliReadsTheSameWayAndTheRestIsLeftToPicocli() throws Exception {
        SplittableRandom random = new SplittableRandom(20261202L);
        for (String path : PATHS) {
            QuickLine.Grammar grammar = QuickCommands.grammar(path);
            List<String> words = new ArrayList<>(grammar.optionNames());
            words.sort(null); // a stable order: the generated lines depend on the seed alone
            int taken = 0;
            int lines = 3000;
            for (int n = 0; n < lines; n++) {
                String[] args = line(random, path, grammar, words);
                Callable<Integer> quick = QuickCommands.command(args, Console.of(null, null));
                Object picocli = picocliCommand(args);
                String shown = Arrays.stream(args).map(a -> "'" + a + "'").collect(Collectors.joining(" "));
                if (picocli == null) {
                    assertThat(quick).as("picocli does not run %s", shown).isNull();
                    continue;
                }
                if (quick == null) {
                    continue; // left to picocli: always allowed
                }
                taken++;
                assertThat(quick).as(shown).isExactlyInstanceOf(picocli.getClass());
                assertSameOptions(quick, picocli, shown);
            }
            // the generator makes mostly plain lines: the quick path must be taking a good share of them
            assertThat(taken).as("%s lines taken by the quick path", path).isGreaterThan(lines / 8);
        }
    }

    @Test
    void everyOptionOfAQuickCommandIsInItsGrammar() {
        for (String path : PATHS) {
            String[] words = path.split(" ");
            CommandLine cli = AosOps.commandLine(words);
            for (String word : words) {
                cli = cli.getSubcommands().get(word);
            }
            QuickLine.Grammar grammar = QuickCommands.grammar(path);
            for (OptionSpec option : cli.getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                for (String name : option.names()) {
                    assertThat(grammar.optionNames()).as(path).contains(name);
                    assertThat(grammar.flagNames().contains(name)).as(path + " " + name)
                            .isEqualTo(option.arity().max() == 0);
                    assertThat(grammar.repeats(name)).as(path + " " + name).isEqualTo(option.isMultiValue());
                    assertThat(grammar.isGreedy(name)).as(path + " " + name)
                            .isEqualTo(option.isMultiValue() && option.arity().max() > 1);
                }
            }
            int max = 0;
            for (var positional : cli.getCommandSpec().positionalParameters()) {
                max = positional.arity().isUnspecified() || positional.arity().max() == Integer.MAX_VALUE
                        ? Integer.MAX_VALUE : max + positional.arity().max();
            }
            assertThat(grammar.maxPositionals()).as(path).isEqualTo(max);
        }
    }

    @Test
    void theOperatorsLinesTakeTheQuickPath() {
        for (String[] line : new String[][] {{"cron-check"}, {"cron-check", "--nagios"}, {"status"},
            {"status", "--json", "--run-dir", "/tmp/run"}, {"golden", "hash", "a.steps.jsonl"},
            {"golden", "summary", "--summary-dir", "d1", "d2", "--json"}, {"retention", "status", "--dir", "d"},
            {"golden", "diff", "a.jsonl", "b.jsonl", "-v"}, {"golden", "diff", "--golden-a", "a", "--golden-b", "b"},
            {"sanity"}, {"sanity", "--nagios", "--timeout", "5"}, {"monitor", "check", "--nagios"}}) {
            assertThat(QuickCommands.command(line, Console.of(null, null))).as(String.join(" ", line)).isNotNull();
        }
        for (String[] line : new String[][] {{"cron-check", "--help"}, {"golden", "hash"}, {"--debug", "status"},
            {"golden", "diff", "a", "b", "c"}, {"golden", "diff", "-v", "--verbose", "a", "b"},
            {"retention", "status", "--dir"}, {"status", "--json", "--json"}, {"sanity", "--timeout", "010"},
            {"monitor", "check", "--metrics-port", "9"}}) {
            assertThat(QuickCommands.command(line, Console.of(null, null))).as(String.join(" ", line)).isNull();
        }
    }

    @Test
    void aRunGivesTheSameOutputAndExitCodeEitherWay(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("run-1.steps.jsonl");
        Files.writeString(trace, "{\"data\":{\"seed\":7,\"spec_id\":\"s\"},\"event_type\":\"run_start\","
                + "\"run_id\":\"run-1\",\"timestamp\":\"t\"}\n"
                + "{\"data\":{\"index\":0,\"output\":{\"x\":1},\"output_hash\":\"0000000000000000\",\"seed\":1,"
                + "\"skill_id\":\"k\",\"step_id\":\"s0\",\"success\":true},\"event_type\":\"step\",\"run_id\":\"run-1\","
                + "\"timestamp\":\"t\"}\n", StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.steps.jsonl");
        Files.writeString(bad, "{\"data\":\n", StandardCharsets.UTF_8);
        Path state = Files.createDirectories(dir.resolve("state"));
        Path golden = Files.createDirectories(dir.resolve("golden"));
        Files.writeString(golden.resolve("w-1.golden.json"), "{}", StandardCharsets.UTF_8);
        String run = dir.resolve("no-such-run").toString();
        String[][] lines = {
            {"golden", "hash", trace.toString()},
            {"golden", "hash", "--json", trace.toString(), bad.toString()},
            {"golden", "hash", dir.resolve("missing.steps.jsonl").toString()},
            {"golden", "hash", "--debug", bad.toString()},
            {"golden", "summary", "--summary-dir", dir.toString()},
            {"golden", "diff", trace.toString(), trace.toString()},
            {"golden", "diff", "--json", "-v", trace.toString(), bad.toString()},
            {"golden", "diff", trace.toString()},
            {"golden", "summary", "--json", dir.resolve("nothing").toString()},
            {"status", "--state-dir", state.toString(), "--run-dir", run},
            {"status", "--json", "--state-dir", state.toString(), "--run-dir", run},
            {"monitor", "check", "--json", "--state-dir", state.toString(), "--run-dir", run},
            {"monitor", "check", "--nagios", "--state-dir", state.toString(), "--run-dir", run},
            {"sanity", "--prometheus-url", "http://[bad", "--timeout", "1", "--state-dir", state.toString(),
                "--run-dir", run},
            // (no cron check of a run here: its alerts would go to the machine's syslog; CronIT runs those)
            {"cron-check", "--print-crontab", "--state-dir", state.toString()},
            {"cron-check", "--nagios", "--state-dir", state.toString(), "--run-dir", run, "--stale-warning", "x"},
            {"retention", "status", "--json", "--dir", golden.toString(), "--archive-dir", dir.resolve("a").toString(),
                "--state-dir", state.toString()},
        };
        for (String[] line : lines) {
            assertThat(QuickCommands.command(line, Console.of(null, null))).as(String.join(" ", line)).isNotNull();
            CliRun quick = CliRun.of(line);
            CliRun picocli = CliRun.viaPicocli(line);
            assertThat(withoutClock(quick)).as(String.join(" ", line)).isEqualTo(withoutClock(picocli));
        }
    }

    /** The run with the times it prints (a second may pass between the two runs) replaced. */
    private static CliRun withoutClock(CliRun run) {
        String time = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z?";
        return new CliRun(run.code(), run.out().replaceAll(time, "T").replaceAll("\"age_seconds\" : \\d+", "age"),
                run.err().replaceAll(time, "T"));
    }

    /** A random line for the command at {@code path}: mostly its own words, now and then a stray or broken one. */
    private static String[] line(SplittableRandom random, String path, QuickLine.Grammar grammar, List<String> names) {
        List<String> args = new ArrayList<>(Arrays.asList(path.split(" ")));
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            int pick = random.nextInt(20);
            if (pick == 0) {
                args.add(STRAY[random.nextInt(STRAY.length)]);
            } else if (pick < 6) {
                args.add(value(random)); // a positional
            } else {
                String name = names.get(random.nextInt(names.size()));
                if (grammar.flagNames().contains(name)) {
                    args.add(name);
                } else if (random.nextInt(4) == 0 && name.startsWith("--")) {
                    args.add(name + "=" + value(random));
                } else {
                    args.add(name);
                    if (random.nextInt(12) != 0) { // now and then the value is missing
                        args.add(value(random));
                    }
                }
            }
        }
        return args.toArray(String[]::new);
    }

    private static String value(SplittableRandom random) {
        // plain values most of the time, the awkward ones now and then
        return random.nextInt(3) == 0 ? VALUES[random.nextInt(VALUES.length)] : "p" + random.nextInt(4);
    }

    /** The leaf command object picocli sets up for {@code args}, or null when it rejects them or shows help. */
    private static Object picocliCommand(String[] args) {
        CommandLine cli = AosOps.commandLine(args);
        ParseResult result;
        try {
            result = cli.parseArgs(args);
        } catch (ParameterException e) {
            return null;
        }
        ParseResult leaf = result;
        while (leaf.hasSubcommand()) {
            if (leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) {
                return null;
            }
            leaf = leaf.subcommand();
        }
        if (leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) {
            return null;
        }
        return leaf.commandSpec().userObject();
    }

    /** Every option, parameter and mixin field of the two command objects (and their mixins') equal. */
    private static void assertSameOptions(Object quick, Object picocli, String line) throws IllegalAccessException {
        for (Class<?> type = quick.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                field.setAccessible(true);
                Object a = field.get(quick);
                Object b = field.get(picocli);
                if (field.isAnnotationPresent(Mixin.class)) {
                    assertThat(a).as("%s: mixin %s", line, field.getName()).isNotNull();
                    assertSameOptions(a, b, line);
                } else if (field.isAnnotationPresent(Option.class) || field.isAnnotationPresent(Parameters.class)) {
                    assertThat(Objects.equals(a, b)).as("%s: %s.%s quick=%s picocli=%s", line,
                            type.getSimpleName(), field.getName(), a, b).isTrue();
                }
            }
        }
    }
}
