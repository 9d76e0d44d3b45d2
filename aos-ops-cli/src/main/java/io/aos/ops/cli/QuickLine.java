package io.aos.ops.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line read without picocli, for the commands operators and cron run most ({@code cron-check},
 * {@code status}, {@code sanity}, {@code monitor check}, {@code golden hash}, {@code golden diff}, {@code golden summary},
 * {@code retention status}; {@link QuickCommands}).
 * Building picocli's model of a command reads its annotations by reflection, which on JDK 17 defines a dynamic proxy
 * class per annotation type that no class-data-sharing archive keeps: about 90 ms of a 0.26 s start on the 2-core
 * machine of docs/PERFORMANCE.md, more than the work of a cron check.
 *
 * <p><b>Only what is certain is read here; everything else is picocli's.</b> A line is taken only when every word is
 * one of the command's options (in the {@code --name VALUE} or {@code --name=VALUE} form; the flags bare), each at
 * most once unless the option repeats, or a positional argument where the command takes one more. Anything else makes
 * {@link #parse} return null and the line goes to picocli as before: help and version options, a word picocli would
 * read differently ({@code @file} expansion, {@code --}, clustered or attached short options, a value that starts with
 * {@code -} or is empty, a path the file system rejects), a typo, a missing value. So a line read here is one picocli
 * reads the same way (a differential test holds the two equal over generated lines), and every error message is still
 * picocli's.
 */
public final class QuickLine {

    /** The words a command takes, by kind. */
    public static final class Grammar {
        private final Set<String> flags;
        private final Set<String> values;
        private final Set<String> repeatable;
        private final Set<String> greedy;
        private final int positionals;

        private Grammar(Set<String> flags, Set<String> values, Set<String> repeatable, Set<String> greedy,
                int positionals) {
            this.flags = flags;
            this.values = values;
            this.repeatable = repeatable;
            this.greedy = greedy;
            this.positionals = positionals;
        }

        /** A grammar of no words. */
        public static Grammar none() {
            return new Grammar(Set.of(), Set.of(), Set.of(), Set.of(), 0);
        }

        /** This grammar and the boolean options {@code names}. */
        public Grammar flags(String... names) {
            return new Grammar(union(flags, names), values, repeatable, greedy, positionals);
        }

        /** This grammar and the options {@code names}, each taking one value, given at most once. */
        public Grammar values(String... names) {
            return new Grammar(flags, union(values, names), repeatable, greedy, positionals);
        }

        /** This grammar and the options {@code names}, each taking one value, given any number of times. */
        public Grammar repeatable(String... names) {
            return new Grammar(flags, union(values, names), union(repeatable, names), greedy, positionals);
        }

        /**
         * This grammar and the options {@code names}, repeatable, each taking one or more values (picocli's
         * {@code arity = "1..*"}: every word after the name up to the next option); only the {@code --name VALUE...}
         * form is read here.
         */
        public Grammar greedy(String... names) {
            return new Grammar(flags, union(values, names), union(repeatable, names), union(greedy, names),
                    positionals);
        }

        /** This grammar and any number of positional arguments. */
        public Grammar positionals() {
            return positionals(Integer.MAX_VALUE);
        }

        /** This grammar and at most {@code max} positional arguments. */
        public Grammar positionals(int max) {
            return new Grammar(flags, values, repeatable, greedy, max);
        }

        /** {@return every option name of this grammar} */
        public Set<String> optionNames() {
            Set<String> all = new HashSet<>(flags);
            all.addAll(values);
            return Collections.unmodifiableSet(all);
        }

        /** {@return the boolean options} */
        public Set<String> flagNames() {
            return flags;
        }

        /** {@return whether {@code name} may be given more than once} */
        public boolean repeats(String name) {
            return repeatable.contains(name);
        }

        /** {@return whether {@code name} takes every word after it up to the next option} */
        public boolean isGreedy(String name) {
            return greedy.contains(name);
        }

        /** {@return the most positional arguments the command takes (0: none)} */
        public int maxPositionals() {
            return positionals;
        }

        private static Set<String> union(Set<String> set, String... more) {
            Set<String> all = new HashSet<>(set);
            Collections.addAll(all, more);
            return Collections.unmodifiableSet(all);
        }
    }

    private final Set<String> flags = new HashSet<>();
    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private QuickLine() {
    }

    /**
     * Reads {@code args} from index {@code from} by {@code grammar}.
     *
     * @return the line, or null when picocli must read it (see the class comment)
     */
    public static QuickLine parse(String[] args, int from, Grammar grammar) {
        QuickLine line = new QuickLine();
        int i = from;
        while (i < args.length) {
            String word = args[i++];
            if (word.isEmpty() || word.charAt(0) == '@') {
                return null;
            }
            if (word.charAt(0) != '-') {
                if (line.positionals.size() == grammar.positionals || !line.usable(word)) {
                    return null;
                }
                line.positionals.add(word);
                continue;
            }
            int equals = word.indexOf('=');
            if (equals > 0) {
                String name = word.substring(0, equals);
                String value = word.substring(equals + 1);
                if (!name.startsWith("--") || !grammar.values.contains(name) || grammar.greedy.contains(name)
                        || !line.add(name, value, grammar)) {
                    return null;
                }
            } else if (grammar.flags.contains(word)) {
                if (!line.flags.add(word)) {
                    return null; // picocli: "should be specified only once"
                }
            } else if (grammar.values.contains(word)) {
                if (i == args.length || !line.add(word, args[i++], grammar)) {
                    return null;
                }
                if (grammar.greedy.contains(word)) {
                    while (i < args.length && !args[i].isEmpty() && args[i].charAt(0) != '-') {
                        if (!line.add(word, args[i++], grammar)) {
                            return null;
                        }
                    }
                }
            } else {
                return null;
            }
        }
        return line;
    }

    private boolean add(String name, String value, Grammar grammar) {
        if (!usable(value)) {
            return false;
        }
        List<String> given = values.get(name);
        if (given == null) {
            given = new ArrayList<>(1);
            values.put(name, given);
        } else if (!grammar.repeatable.contains(name)) {
            return false; // picocli: "should be specified only once"
        }
        given.add(value);
        return true;
    }

    /** A value read here: not empty, no option or @file look-alike, and a path wherever the command wants a path. */
    private boolean usable(String value) {
        if (value.isEmpty() || value.charAt(0) == '-' || value.charAt(0) == '@') {
            return false;
        }
        try {
            Path.of(value);
            return true;
        } catch (InvalidPathException e) {
            return false; // picocli's message for it
        }
    }

    /** {@return whether the flag {@code name} was given} */
    public boolean has(String name) {
        return flags.contains(name);
    }

    /** {@return the value of the single-valued option {@code name}, or null} */
    public String value(String name) {
        List<String> given = values.get(name);
        return given == null ? null : given.get(0);
    }

    /** {@return the value of the option {@code name} as a path, or null} */
    public Path path(String name) {
        String value = value(name);
        return value == null ? null : Path.of(value);
    }

    /** {@return every value of the option {@code name} as paths, in order, or null when it was not given} */
    public List<Path> paths(String name) {
        List<String> given = values.get(name);
        return given == null ? null : toPaths(given);
    }

    /** {@return the positional arguments as paths, in order, or null when there are none} */
    public List<Path> positionalPaths() {
        return positionals.isEmpty() ? null : toPaths(positionals);
    }

    private static List<Path> toPaths(List<String> words) {
        List<Path> paths = new ArrayList<>(words.size());
        for (String word : words) {
            paths.add(Path.of(word));
        }
        return paths;
    }
}
