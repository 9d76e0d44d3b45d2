package io.aos.ops.monitor.cron;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An independent reading of a file in {@code /etc/cron.d}, written from cron's documented behaviour and not from
 * {@link CrontabLine} or {@link CronInstallation}: environment lines as two cron parsers read them (Debian's cron,
 * Vixie cron 3.0's {@code sscanf("%[^ =] = %[^\n#]")} plus matching-quote stripping, and ISC cron 4.1's quote-aware
 * state machine), entry lines as five time fields, a user and a command whose {@code %} handling is cron's, and the
 * command split into words as {@code /bin/sh} would (quotes and backslashes; any expansion fails the reading).
 */
final class CronDOracle {

    /** One entry line: its five time fields, user, the command the shell gets, and the stdin cron would feed it. */
    record Entry(List<String> timeFields, String user, String shellCommand, Optional<String> stdin) {
    }

    /** What both parsers read; an env line the two read differently is an error, not a reading. */
    record Reading(List<String> comments, Map<String, String> environment, List<Entry> entries) {
    }

    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};

    private CronDOracle() {
    }

    static Reading read(String content) {
        if (!content.endsWith("\n")) {
            throw new AssertionError("cron ignores a last line without a newline");
        }
        List<String> comments = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (String line : content.substring(0, content.length() - 1).split("\n", -1)) {
            String trimmed = line.stripLeading();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                comments.add(line);
                continue;
            }
            Optional<String[]> vixie = vixieEnv(line);
            Optional<String[]> isc = iscEnv(line);
            if (vixie.isPresent() || isc.isPresent()) {
                if (vixie.isEmpty() || isc.isEmpty() || !vixie.get()[0].equals(isc.get()[0])
                        || !vixie.get()[1].equals(isc.get()[1])) {
                    throw new AssertionError("the cron parsers disagree on " + line + ": vixie "
                            + vixie.map(List::of) + ", isc " + isc.map(List::of));
                }
                env.put(vixie.get()[0], vixie.get()[1]);
                continue;
            }
            entries.add(entry(line));
        }
        return new Reading(comments, env, entries);
    }

    /** Vixie cron 3.0 (Debian): {@code sscanf(line, "%[^ =] = %[^\n#]")}, trailing blanks cut, matching quotes cut. */
    static Optional<String[]> vixieEnv(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '=') {
            i++;
        }
        if (i == 0) {
            return Optional.empty();
        }
        String name = line.substring(0, i);
        i = skipSpace(line, i);
        if (i >= line.length() || line.charAt(i) != '=') {
            return Optional.empty();
        }
        i = skipSpace(line, i + 1);
        int start = i;
        while (i < line.length() && line.charAt(i) != '#') {
            i++;
        }
        if (i == start) {
            return Optional.empty();
        }
        String value = line.substring(start, i).replaceAll("[ \t]+$", "");
        if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            value = value.substring(1, value.length() - 1);
        }
        return Optional.of(new String[] {name, value});
    }

    /** ISC cron 4.1: blanks around the name and '=', a value in quotes up to the matching quote, else to the end. */
    static Optional<String[]> iscEnv(String line) {
        int i = skipBlank(line, 0);
        StringBuilder name = new StringBuilder();
        char quote = 0;
        if (i < line.length() && (line.charAt(i) == '\'' || line.charAt(i) == '"')) {
            quote = line.charAt(i++);
        }
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quote != 0 ? c == quote : (c == ' ' || c == '\t' || c == '=')) {
                break;
            }
            if (quote != 0 && c == '=') {
                return Optional.empty();
            }
            name.append(c);
            i++;
        }
        if (quote != 0) {
            if (i >= line.length()) {
                return Optional.empty();
            }
            i++;
        }
        i = skipBlank(line, i);
        if (i >= line.length() || line.charAt(i) != '=' || name.length() == 0) {
            return Optional.empty();
        }
        i = skipBlank(line, i + 1);
        String value;
        if (i < line.length() && (line.charAt(i) == '\'' || line.charAt(i) == '"')) {
            char q = line.charAt(i);
            int close = line.indexOf(q, i + 1);
            if (close < 0 || !line.substring(close + 1).isBlank()) {
                return Optional.empty();
            }
            value = line.substring(i + 1, close);
        } else {
            value = line.substring(i).replaceAll("[ \t]+$", "");
        }
        return Optional.of(new String[] {name.toString(), value});
    }

    private static Entry entry(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (fields.size() < 6) {
            i = skipBlank(line, i);
            int start = i;
            while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                i++;
            }
            if (start == i) {
                throw new AssertionError("an entry needs 5 time fields, a user and a command: " + line);
            }
            fields.add(line.substring(start, i));
        }
        for (int f = 0; f < 5; f++) {
            checkTimeField(fields.get(f), RANGES[f][0], RANGES[f][1]);
        }
        String command = line.substring(skipBlank(line, i));
        if (command.isEmpty()) {
            throw new AssertionError("an entry without a command: " + line);
        }
        // do_command: "\%" is a literal '%', a bare '%' ends the command and the rest (each '%' a newline) is stdin
        StringBuilder shell = new StringBuilder();
        Optional<String> stdin = Optional.empty();
        for (int c = 0; c < command.length(); c++) {
            char ch = command.charAt(c);
            if (ch == '\\' && c + 1 < command.length()) {
                char next = command.charAt(c + 1);
                if (next == '%') {
                    shell.append('%');
                } else {
                    shell.append(ch).append(next);
                }
                c++;
                continue;
            }
            if (ch == '%') {
                stdin = Optional.of(command.substring(c + 1).replace('%', '\n'));
                break;
            }
            shell.append(ch);
        }
        return new Entry(List.copyOf(fields.subList(0, 5)), fields.get(5), shell.toString(), stdin);
    }

    private static void checkTimeField(String field, int min, int max) {
        for (String item : field.split(",", -1)) {
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                int step = Integer.parseInt(item.substring(slash + 1));
                if (step < 1 || step > max) {
                    throw new AssertionError("bad step in " + field);
                }
                range = item.substring(0, slash);
            }
            if (range.equals("*")) {
                continue;
            }
            String[] ends = range.split("-", -1);
            if (ends.length > 2) {
                throw new AssertionError("bad range in " + field);
            }
            for (String end : ends) {
                int n = Integer.parseInt(end);
                if (n < min || n > max) {
                    throw new AssertionError(field + " out of " + min + "-" + max);
                }
            }
        }
    }

    /** The words /bin/sh makes of {@code command}: quotes and backslashes only; any expansion is an error here. */
    static List<String> shellWords(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            switch (c) {
                case '\'' -> {
                    int close = command.indexOf('\'', i + 1);
                    if (close < 0) {
                        throw new AssertionError("unterminated ' in " + command);
                    }
                    word.append(command, i + 1, close);
                    i = close;
                }
                case '"' -> {
                    i++;
                    while (i < command.length() && command.charAt(i) != '"') {
                        char d = command.charAt(i);
                        if (d == '$' || d == '`') {
                            throw new AssertionError("an expansion in " + command);
                        }
                        if (d == '\\' && i + 1 < command.length() && "$`\"\\\n".indexOf(command.charAt(i + 1)) >= 0) {
                            d = command.charAt(++i);
                        }
                        word.append(d);
                        i++;
                    }
                    if (i >= command.length()) {
                        throw new AssertionError("unterminated \" in " + command);
                    }
                }
                case '\\' -> word.append(command.charAt(++i));
                default -> {
                    if ("$`;&|<>()*?[#~".indexOf(c) >= 0) {
                        throw new AssertionError("an unquoted '" + c + "' in " + command);
                    }
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static int skipSpace(String line, int i) {
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipBlank(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
