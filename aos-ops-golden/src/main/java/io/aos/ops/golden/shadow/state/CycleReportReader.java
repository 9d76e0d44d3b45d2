package io.aos.ops.golden.shadow.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.io.FileTooLargeException;
import io.aos.ops.core.io.RegularFile;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.json.TextPosition;
import io.aos.ops.golden.format.BadGoldenException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one reader of {@code reports/cycle_N.json}: the shadow summary, the monitor's checks, {@code status}, the cron
 * check, the debug console and the metrics all read cycle reports here, so they agree on what a report says.
 *
 * <p>Two views of one walk with Jackson's streaming parser: {@link #read} gives the whole {@link CycleReport};
 * {@link #readCounts} gives only the counts a monitor needs and never touches data binding, whose set-up costs more
 * than a whole cron check in a fresh JVM (a 24-hour run has 2,880 reports). {@link #read} streams the entries of
 * {@code mismatch_details} into records too, and leaves a file to data binding only when an entry has another shape
 * than the plain one every writer produces (a number where a string belongs, say), so data binding's coercions still
 * decide such a file.
 *
 * <p>The rules, the same for both views: the top level is an object; {@code primary} and {@code shadow} are objects or
 * null; {@code mismatch_details} is an array or null; a count is a JSON integer from 0 to {@link #MAX_COUNT} (null
 * only for the optional {@code emergency_stopped} and {@code cycle}; a count left out is 0); {@code passed} is true or
 * false;
 * {@code timestamp} is a string or null; unknown fields are skipped. Anything else, and bad JSON, is a
 * {@link BadGoldenException} naming the file, line and column; a file that cannot be read is an
 * {@link UnreadableFileException}. Only a regular file of at most {@link #MAX_REPORT_BYTES} is opened (a FIFO named
 * like a report would block for good).
 *
 * <p>Stateless and thread-safe.
 */
public final class CycleReportReader {

    /**
     * The largest count a report may hold. A cycle replays a few to a few thousand workflows; a count that is negative,
     * a fraction, null or larger than this is a report that cannot be trusted (a negative {@code mismatches} would
     * cancel another cycle's mismatch in a total, and {@code 2^63-1} would wrap it), so it is refused as bad, naming
     * the field. At this bound a sum over any number of reports a directory can hold fits a {@code long}.
     */
    public static final long MAX_COUNT = Integer.MAX_VALUE;

    /** A cycle report is a few hundred bytes (a few MB with thousands of mismatches); larger is not one. */
    public static final long MAX_REPORT_BYTES = 64L << 20;

    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * The numbers of one cycle report that a monitor needs.
     *
     * @param workflows  {@code primary.total}
     * @param replays    {@code shadow.total_replays}
     * @param mismatches {@code shadow.mismatches}, or the number of {@code mismatch_details} entries when the report
     *                   has no such count
     */
    public record CycleCounts(long workflows, long replays, long mismatches) {
    }

    private CycleReportReader() {
    }

    /**
     * Reads a whole report.
     *
     * @param file the {@code cycle_N.json}
     * @return the report; {@code cycle} is null in upstream files, which carry no number
     * @throws BadGoldenException if it is not a cycle report (bad JSON, a field of the wrong type, empty, too large)
     * @throws UnreadableFileException if it cannot be read
     */
    public static CycleReport read(Path file) {
        return readChecked(file).report();
    }

    /**
     * A report and the fields of it that every runner writes (upstream's and this suite's) but that it lacks, which
     * {@link #read} takes as {@code false} ({@code passed}), absent ({@code primary}) or 0 ({@code shadow.mismatches}).
     *
     * @param report  the report as {@link #read} gives it
     * @param missing {@code "passed"}, {@code "primary"}, {@code "shadow.mismatches"}: those it lacks (or holds as
     *                null), in that order
     */
    public record Checked(CycleReport report, List<String> missing) {

        /** Copies {@code missing}. */
        public Checked {
            missing = List.copyOf(missing);
        }
    }

    /**
     * As {@link #read}, also naming the fields every runner writes that the report lacks: a summary must not take
     * them for {@code passed: false} or 0 mismatches.
     *
     * @param file the {@code cycle_N.json}
     * @return the report and what it lacks
     * @throws BadGoldenException if it is not a cycle report (bad JSON, a field of the wrong type, empty, too large)
     * @throws UnreadableFileException if it cannot be read
     */
    public static Checked readChecked(Path file) {
        Optional<Walked> streamed;
        try {
            streamed = walkStreamed(file);
        } catch (BadGoldenException e) {
            streamed = Optional.empty();
        }
        // an entry of another shape than this suite and upstream write, or a bad file: data binding decides, as it
        // always did (its coercions, its error message)
        Walked walked = streamed.isPresent() ? streamed.get() : walk(file, Details.BIND);
        return new Checked(walked.report(), walked.missing());
    }

    /**
     * Reads a whole report streaming its {@code mismatch_details} entries into records: the fast path of
     * {@link #read}.
     *
     * @return the report; empty when an entry is not of the plain shape ({@link #plainDetail})
     */
    static Optional<CycleReport> readStreamed(Path file) {
        return walkStreamed(file).map(Walked::report);
    }

    private static Optional<Walked> walkStreamed(Path file) {
        try {
            return Optional.of(walk(file, Details.STREAM));
        } catch (NotPlain e) {
            return Optional.empty();
        }
    }

    /**
     * Reads a whole report binding every {@code mismatch_details} entry with data binding: what {@link #read} falls
     * back to, and the oracle its test compares the fast path with.
     */
    static CycleReport readBound(Path file) {
        return walk(file, Details.BIND).report();
    }

    /**
     * How {@code mismatch_details} is read: counted only; streamed into records when every entry has the plain shape
     * ({@link #plainDetail}); bound by data binding.
     */
    private enum Details { COUNT, STREAM, BIND }

    /** An entry that {@link #plainDetail} leaves to data binding; no stack trace, it is caught at once. */
    private static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the counts of a report only, without data binding: the fast path for checks run every few seconds.
     *
     * @param file the {@code cycle_N.json}
     * @return its counts
     * @throws BadGoldenException if it is not a cycle report (bad JSON, a field of the wrong type, empty, too large)
     * @throws UnreadableFileException if it cannot be read
     */
    public static CycleCounts readCounts(Path file) {
        CycleCounts fast = scanCounts(file);
        return fast != null ? fast : parseCounts(file);
    }

    /** {@link #readCounts} by the streaming parser alone: the slow tier, and the oracle of the fast one's test. */
    static CycleCounts parseCounts(Path file) {
        Walked walked = walk(file, Details.COUNT);
        CycleReport report = walked.report();
        long workflows = report.primary() == null ? 0 : report.primary().total();
        long replays = report.shadow() == null ? 0 : report.shadow().totalReplays();
        long mismatches = walked.mismatchCountGiven() ? report.shadow().mismatches() : walked.detailCount();
        return new CycleCounts(workflows, replays, mismatches);
    }

    /**
     * The fast tier: the report's bytes read in one go and scanned without a parser ({@link CycleCountScanner}), or
     * null when the file is anything but a plain, readable report; the walk then reads it again and decides. An empty
     * (or all-blank) file is the walk's {@code is empty} error at once.
     */
    private static CycleCounts scanCounts(Path file) {
        byte[] bytes;
        int length = 0;
        try {
            long size = RegularFile.check(file).size();
            if (size > SCAN_BYTES) {
                return null;
            }
            bytes = new byte[(int) size];
            try (InputStream in = new FileInputStream(file.toFile())) {
                int n;
                while (length < bytes.length && (n = in.read(bytes, length, bytes.length - length)) > 0) {
                    length += n;
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        if (length != bytes.length) {
            return null;
        }
        if (CycleCountScanner.isBlank(bytes, length)) {
            // what the walk says of it, without setting up a parser: upstream's newest report is empty while its
            // cycle runs (the shell creates it when the cycle starts)
            throw new BadGoldenException(file, "is empty");
        }
        return CycleCountScanner.scan(bytes, length);
    }

    /** Reports up to this size are scanned; larger ones (thousands of mismatch details) go to the parser. */
    private static final long SCAN_BYTES = 1L << 20;

    private record Walked(CycleReport report, long detailCount, boolean mismatchCountGiven, boolean passedGiven) {

        /** What {@link Checked#missing} says of this report. */
        List<String> missing() {
            List<String> missing = new ArrayList<>(3);
            if (!passedGiven) {
                missing.add("passed");
            }
            if (report.primary() == null) {
                missing.add("primary");
            }
            if (report.shadow() != null && !mismatchCountGiven) {
                missing.add("shadow.mismatches");
            }
            return missing;
        }
    }

    private static Walked walk(Path file, Details mode) {
        // Streamed, not read whole first: in a cold JVM (a cron check reading thousands) the copy costs more than
        // the parse.
        try (JsonParser p = FACTORY.createParser(RegularFile.newInputStream(file, MAX_REPORT_BYTES))) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new BadGoldenException(file, "is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "a cycle report must be a JSON object, found " + first,
                        p.currentTokenLocation());
            }
            String timestamp = null;
            Long cycle = null;
            CycleReport.Primary primary = null;
            ShadowCounts shadow = null;
            List<CycleReport.MismatchDetail> details = List.of();
            long detailCount = 0;
            boolean passed = false;
            boolean passedGiven = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "timestamp" -> timestamp = value == JsonToken.VALUE_NULL ? null : text(p, value);
                    case "cycle" -> cycle = optionalCount(p, value, "cycle");
                    case "primary" -> primary = value == JsonToken.VALUE_NULL ? null : primary(p, value);
                    case "shadow" -> shadow = value == JsonToken.VALUE_NULL ? null : shadow(p, value);
                    case "mismatch_details" -> {
                        if (mode == Details.COUNT) {
                            detailCount = countDetails(p, value);
                        } else {
                            details = details(p, value, mode);
                            detailCount = details.size();
                        }
                    }
                    case "passed" -> {
                        passed = bool(p, value);
                        passedGiven = true;
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected content after the report", p.currentTokenLocation());
            }
            CycleReport report = new CycleReport(timestamp, cycle, primary, shadow == null ? null : shadow.counts(),
                    details, passed);
            return new Walked(report, detailCount, shadow != null && shadow.mismatchesGiven(), passedGiven);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            if (at == null || at.getLineNr() < 1) {
                throw new BadGoldenException(file, "invalid JSON: " + e.getOriginalMessage(), e);
            }
            // the column in characters at the first character of what is wrong, the file read again for the error
            TextPosition position = TextPosition.inFile(file, at.getLineNr(), at.getColumnNr(),
                    e.getOriginalMessage());
            throw new BadGoldenException(file, position.line(), Math.max(1, position.column()),
                    e.getOriginalMessage(), e);
        } catch (FileTooLargeException e) {
            throw new BadGoldenException(file, "is larger than " + (MAX_REPORT_BYTES >> 20)
                    + " MB, too large for a cycle report", e);
        } catch (IOException e) {
            throw UnreadableFileException.of(file, e);
        }
    }

    private static CycleReport.Primary primary(JsonParser p, JsonToken start) throws IOException {
        expectObject(p, start, "primary");
        long total = 0;
        long successful = 0;
        long failed = 0;
        Long stopped = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "total" -> total = count(p, v, "primary.total");
                case "successful" -> successful = count(p, v, "primary.successful");
                case "failed" -> failed = count(p, v, "primary.failed");
                case "emergency_stopped" -> stopped = optionalCount(p, v, "primary.emergency_stopped");
                default -> p.skipChildren();
            }
        }
        return new CycleReport.Primary(total, successful, failed, stopped);
    }

    /** The shadow counts, and whether the report gave {@code mismatches} at all (upstream reports may not). */
    private record ShadowCounts(CycleReport.Shadow counts, boolean mismatchesGiven) {
    }

    private static ShadowCounts shadow(JsonParser p, JsonToken start) throws IOException {
        expectObject(p, start, "shadow");
        long replays = 0;
        long matches = 0;
        long mismatches = 0;
        boolean mismatchesGiven = false;
        Long stopped = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "total_replays" -> replays = count(p, v, "shadow.total_replays");
                case "matches" -> matches = count(p, v, "shadow.matches");
                case "mismatches" -> {
                    mismatches = count(p, v, "shadow.mismatches");
                    mismatchesGiven = true;
                }
                case "emergency_stopped" -> stopped = optionalCount(p, v, "shadow.emergency_stopped");
                default -> p.skipChildren();
            }
        }
        return new ShadowCounts(new CycleReport.Shadow(replays, matches, mismatches, stopped), mismatchesGiven);
    }

    private static List<CycleReport.MismatchDetail> details(JsonParser p, JsonToken start, Details mode)
            throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expectArray(p, start);
        List<CycleReport.MismatchDetail> details = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NULL) {
                // data binding would make it a null entry, which no reader of the report can use
                throw new JsonParseException(p, "a mismatch_details entry must be a JSON object, found null",
                        p.currentTokenLocation());
            }
            details.add(mode == Details.STREAM ? plainDetail(p, t)
                    : OpsJson.mapper().readValue(p, CycleReport.MismatchDetail.class));
        }
        return details;
    }

    /**
     * An entry of {@code mismatch_details} read without data binding (whose set-up costs a cold summary more than
     * its 2,880 reports), for the shape every writer produces: an object whose known fields have their own JSON type
     * or null, each at most once; unknown fields are skipped as data binding skips them. Anything else throws
     * {@link NotPlain}, and {@link #read} reads the file again with data binding, so the record is always the one
     * data binding makes (a test compares the two over generated reports).
     */
    private static CycleReport.MismatchDetail plainDetail(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw NotPlain.INSTANCE;
        }
        String[] text = new String[TEXT_FIELDS.size()];
        boolean match = false;
        Long seed = null;
        Integer step = null;
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int bit;
            int i = TEXT_FIELDS.indexOf(name);
            if (i >= 0) {
                bit = 1 << i;
                if (v == JsonToken.VALUE_STRING) {
                    text[i] = p.getText();
                } else if (v != JsonToken.VALUE_NULL) {
                    throw NotPlain.INSTANCE;
                }
            } else if (name.equals("match")) {
                bit = 1 << TEXT_FIELDS.size();
                if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                    throw NotPlain.INSTANCE;
                }
                match = v == JsonToken.VALUE_TRUE;
            } else if (name.equals("seed")) {
                bit = 1 << (TEXT_FIELDS.size() + 1);
                if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    seed = p.getLongValue();
                } else if (v != JsonToken.VALUE_NULL) {
                    throw NotPlain.INSTANCE;
                }
            } else if (name.equals("first_diverging_step")) {
                bit = 1 << (TEXT_FIELDS.size() + 2);
                if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                    step = p.getIntValue();
                } else if (v != JsonToken.VALUE_NULL) {
                    throw NotPlain.INSTANCE;
                }
            } else {
                p.skipChildren();
                continue;
            }
            if ((seen & bit) != 0) {
                throw NotPlain.INSTANCE;
            }
            seen |= bit;
        }
        return new CycleReport.MismatchDetail(text[0], text[1], text[2], text[3], match, text[4], text[5], seed, step,
                text[6], text[7], text[8]);
    }

    /** The string fields of a {@link CycleReport.MismatchDetail}, in the order {@link #plainDetail} passes them. */
    private static final List<String> TEXT_FIELDS = List.of("original_run_id", "replay_run_id", "original_hash",
            "replay_hash", "diff_details", "workflow_type", "root_cause", "severity", "evidence");

    private static long countDetails(JsonParser p, JsonToken start) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return 0;
        }
        expectArray(p, start);
        long n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            n++;
            p.skipChildren();
        }
        return n;
    }

    private static void expectObject(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, field + " must be an object, found " + t, p.currentTokenLocation());
        }
    }

    private static void expectArray(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new JsonParseException(p, "mismatch_details must be an array, found " + t,
                    p.currentTokenLocation());
        }
    }

    /**
     * A count: a JSON integer from 0 to {@link #MAX_COUNT}. Null, a fraction ({@code 0.5}, also {@code 1.0} and
     * {@code 1e0}, which no writer produces for a count), a negative or larger number is refused naming {@code field}:
     * reading it as 0, cut toward zero or as it stands would let it cancel or hide a mismatch in a total.
     */
    private static long count(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long n = p.getLongValue();
            if (n >= 0 && n <= MAX_COUNT) {
                return n;
            }
        }
        String found = switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_NULL, VALUE_TRUE, VALUE_FALSE -> p.getText();
            case VALUE_STRING -> "a string";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.toString();
        };
        throw new JsonParseException(p, "'" + field + "' must be a whole number from 0 to " + MAX_COUNT + ", found "
                + found, p.currentTokenLocation());
    }

    /** A count that may be null (the optional {@code cycle} and {@code emergency_stopped}); otherwise as {@link #count}. */
    private static Long optionalCount(JsonParser p, JsonToken t, String field) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : count(p, t, field);
    }

    private static boolean bool(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw new JsonParseException(p, "'passed' must be true or false, found " + t, p.currentTokenLocation());
        }
        return t == JsonToken.VALUE_TRUE;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new JsonParseException(p, "'" + p.currentName() + "' must be a string, found " + t,
                    p.currentTokenLocation());
        }
        return p.getText();
    }
}
