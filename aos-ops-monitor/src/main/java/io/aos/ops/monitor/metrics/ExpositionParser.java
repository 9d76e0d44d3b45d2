package io.aos.ops.monitor.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, tolerant reader of the Prometheus text format 0.0.4 (and of OpenMetrics text, which differs only in ways
 * this reader skips): the Java client libraries only write the format, and the sanity check must read an exporter
 * directly when there is no Prometheus server.
 *
 * <p>It takes samples and ignores comments ({@code # HELP}, {@code # TYPE}, {@code # EOF}, anything else), blank lines,
 * timestamps, exemplars ({@code # {...} v} after a value), a trailing comma in a label set, CRLF line ends and a
 * missing final newline. A line it cannot read is skipped and reported in {@link Result#problems()} with its line
 * number, so one bad line does not make every other value unknown.
 */
public final class ExpositionParser {

    /** The samples read, in input order, and the lines that could not be read. */
    public record Result(List<Sample> samples, List<String> problems) {
        public Result {
            samples = List.copyOf(samples);
            problems = List.copyOf(problems);
        }

        /** Every sample of the metric {@code name}, whatever its labels. */
        public List<Sample> samples(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }
    }

    private ExpositionParser() {
    }

    /** Parses a whole exposition. */
    public static Result parse(String text) {
        List<Sample> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new LineReader(trimmed).sample());
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Result(samples, problems);
    }

    /** Reads one sample line: {@code name{label="value",...} value [timestamp] [# exemplar]}. */
    private static final class LineReader {
        private final String line;
        private int pos;

        LineReader(String line) {
            this.line = line;
        }

        Sample sample() {
            String name = name(true);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("no metric name in '" + line + "'");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            skipSpaces();
            if (peek() == '{') {
                pos++;
                labels(labels);
            }
            skipSpaces();
            int start = pos;
            while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            double value = value(line.substring(start, pos));
            // A timestamp and an exemplar may follow; the sanity check has no use for either.
            return new Sample(name, labels, value);
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                String label = name(false);
                if (label.isEmpty()) {
                    throw new IllegalArgumentException("bad label name at column " + (pos + 1));
                }
                skipSpaces();
                expect('=');
                skipSpaces();
                expect('"');
                labels.put(label, quoted());
                skipSpaces();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at column " + (pos + 1));
                }
            }
        }

        private String quoted() {
            StringBuilder b = new StringBuilder();
            while (pos < line.length()) {
                char c = line.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\' && pos < line.length()) {
                    char e = line.charAt(pos++);
                    b.append(switch (e) {
                        case 'n' -> '\n';
                        case '\\' -> '\\';
                        case '"' -> '"';
                        default -> throw new IllegalArgumentException("bad escape '\\" + e + "' at column " + pos);
                    });
                } else {
                    b.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated label value");
        }

        private String name(boolean colons) {
            int start = pos;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                        || (colons && c == ':') || (pos > start && c >= '0' && c <= '9');
                if (!ok) {
                    break;
                }
                pos++;
            }
            return line.substring(start, pos);
        }

        private static double value(String text) {
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "+Inf":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                case "":
                    throw new IllegalArgumentException("no value");
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad value '" + text + "'", e);
                    }
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + (pos + 1));
            }
            pos++;
        }

        private char peek() {
            return pos < line.length() ? line.charAt(pos) : '\0';
        }

        private void skipSpaces() {
            while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                pos++;
            }
        }
    }
}
