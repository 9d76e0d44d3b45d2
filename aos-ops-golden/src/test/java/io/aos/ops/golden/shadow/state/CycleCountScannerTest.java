package io.aos.ops.golden.shadow.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level tier of {@link CycleReportReader#readCounts} against its oracle, the streaming-parser walk
 * ({@link CycleReportReader#parseCounts}): over generated reports (upstream's indent-2 shape, compact, nulls, unknown and
 * nested fields, duplicate keys, wrong types) and over byte-level mutations of them (truncations, flipped and inserted
 * bytes, fractions, huge numbers, escapes, non-ASCII, BOMs), the fast path either declines or gives the oracle's
 * counts, and {@code readCounts} as a whole returns the same counts or fails with the same error.
 */
class CycleCountScannerTest {

    @TempDir
    Path tmp;

    private int files;

    @Test
    void theScannerNeverDisagreesWithTheParser() throws Exception {
        Random r = new Random(20261202L);
        int scanned = 0;
        int declined = 0;
        for (int i = 0; i < 3000; i++) {
            String text = i < BLANKS.length ? BLANKS[i] : i % 3 == 0 ? mutate(report(r), r) : report(r);
            byte[] bytes = i % 17 == 0 ? mutateBytes(text.getBytes(StandardCharsets.UTF_8), r)
                    : text.getBytes(StandardCharsets.UTF_8);
            Path file = tmp.resolve("cycle_" + (++files) + ".json");
            Files.write(file, bytes);

            Object oracle = outcome(() -> CycleReportReader.parseCounts(file));
            Object whole = outcome(() -> CycleReportReader.readCounts(file));
            CycleReportReader.CycleCounts fast = CycleCountScanner.scan(bytes, bytes.length);
            String what = new String(bytes, StandardCharsets.UTF_8);

            assertThat(whole).as(what).isEqualTo(oracle);
            if (fast != null) {
                assertThat(fast).as(what).isEqualTo(oracle);
                scanned++;
            } else {
                declined++;
            }
        }
        // both tiers were exercised
        assertThat(scanned).isGreaterThan(900);
        assertThat(declined).isGreaterThan(300);
    }

    @Test
    void upstreamsReportIsScannedNotParsed() {
        String upstream = """
                {
                  "timestamp": "2026-11-28T02:24:03.915613+00:00",
                  "primary": {
                    "total": 9,
                    "successful": 9,
                    "failed": 0
                  },
                  "shadow": {
                    "total_replays": 9,
                    "matches": 8,
                    "mismatches": 1
                  },
                  "mismatch_details": [
                    {
                      "original_run_id": "primary-w1-280cfdcd",
                      "replay_run_id": "shadow-0a1b2c3d",
                      "original_hash": "85046808c4908b85a2b0ad5efdc3f9edc5434ca2c0581e1a7cbaadfef8dacbc5",
                      "replay_hash": "",
                      "match": false,
                      "diff_details": null
                    }
                  ],
                  "passed": false
                }""";
        byte[] bytes = upstream.getBytes(StandardCharsets.US_ASCII);

        assertThat(CycleCountScanner.scan(bytes, bytes.length)).isEqualTo(new CycleReportReader.CycleCounts(9, 9, 1));
    }

    @Test
    void withoutAMismatchCountTheDetailsAreCounted() {
        byte[] bytes = "{\"shadow\":{\"total_replays\":3},\"mismatch_details\":[{},[],1]}".getBytes(
                StandardCharsets.US_ASCII);

        assertThat(CycleCountScanner.scan(bytes, bytes.length)).isEqualTo(new CycleReportReader.CycleCounts(0, 3, 3));
    }

    /** Upstream's newest report while its cycle runs is empty; blank, it is just as empty to the parser. */
    private static final String[] BLANKS = {"", " ", "\n", " \t\r\n ", "\u000B", "\f", "\u0000"};

    /** The counts, or the error's class and message: what a caller of the reader sees. */
    private static Object outcome(java.util.function.Supplier<CycleReportReader.CycleCounts> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static final String[] TYPES = {"null", "true", "false", "0", "7", "-3", "2.5", "1e2", "\"x\"", "{}", "[]",
        "{\"total\": 4}", "[1, [2, {\"a\": null}]]", "12345678901234567890", "007", "2147483647", "2147483648",
        "-0", "-1"};

    private static String count(Random r) {
        return switch (r.nextInt(60)) {
            case 0, 1, 2 -> "null";
            case 3 -> "2.7";
            case 4 -> TYPES[r.nextInt(TYPES.length)];
            default -> Integer.toString(r.nextInt(20));
        };
    }

    private static String report(Random r) {
        String ws = r.nextBoolean() ? "\n  " : r.nextBoolean() ? "" : " \t\r\n";
        List<String> members = new ArrayList<>();
        if (r.nextInt(10) > 0) {
            members.add("\"timestamp\": " + (r.nextInt(10) == 0 ? TYPES[r.nextInt(TYPES.length)]
                    : "\"2026-11-28T02:24:03.915613+00:00\""));
        }
        if (r.nextInt(4) == 0) {
            members.add("\"cycle\": " + count(r));
        }
        if (r.nextInt(10) > 0) {
            members.add("\"primary\": " + (r.nextInt(15) == 0 ? TYPES[r.nextInt(TYPES.length)]
                    : object(r, ws, "total", "successful", "failed", "emergency_stopped")));
        }
        if (r.nextInt(10) > 0) {
            members.add("\"shadow\": " + (r.nextInt(15) == 0 ? TYPES[r.nextInt(TYPES.length)]
                    : object(r, ws, "total_replays", "matches", "mismatches", "emergency_stopped")));
        }
        if (r.nextInt(10) > 0) {
            members.add("\"mismatch_details\": " + details(r));
        }
        if (r.nextInt(10) > 0) {
            members.add("\"passed\": " + (r.nextInt(12) == 0 ? TYPES[r.nextInt(TYPES.length)] : r.nextBoolean()));
        }
        if (r.nextInt(4) == 0) {
            members.add("\"unknown_" + r.nextInt(3) + "\": " + TYPES[r.nextInt(TYPES.length)]);
        }
        if (r.nextInt(6) == 0 && !members.isEmpty()) {
            members.add(members.get(r.nextInt(members.size()))); // a duplicate key: the last one wins
        }
        java.util.Collections.shuffle(members, r);
        return "{" + ws + String.join("," + ws, members) + (ws.isEmpty() ? "" : "\n") + "}"
                + (r.nextInt(8) == 0 ? "\n" : "");
    }

    private static String object(Random r, String ws, String... names) {
        List<String> members = new ArrayList<>();
        for (String name : names) {
            if (r.nextInt(8) > 0) {
                members.add("\"" + name + "\": " + count(r));
            }
        }
        if (r.nextInt(5) == 0) {
            members.add("\"extra\": " + TYPES[r.nextInt(TYPES.length)]);
        }
        return "{" + ws + "  " + String.join("," + ws + "  ", members) + ws + "}";
    }

    private static String details(Random r) {
        if (r.nextInt(10) == 0) {
            return TYPES[r.nextInt(TYPES.length)];
        }
        List<String> entries = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            entries.add("{\"original_run_id\": \"primary-w1-280cfdcd\", \"match\": false, \"diff_details\": "
                    + (r.nextBoolean() ? "null" : "\"Mismatch at step 0: original=a:1, replay=a:2\"") + "}");
        }
        return "[" + String.join(", ", entries) + "]";
    }

    private static final String[] INSERTS = {"\\u0041", "\\\"", "é", "\u0000", "\u0001", ".5", "e5", "E-1", "99999999999999999999",
        "-", "--", ",", ",,", "]", "}", "{", "[", ":", "\"", "tru", "nul", "x", " ", "\t", "\u001B", "\u007F", "//c",
        "/*c*/", "'", "NaN", "Infinity", "+1", "0x1", "\uD83D\uDE00"};

    private static String mutate(String text, Random r) {
        int at = r.nextInt(text.length() + 1);
        return switch (r.nextInt(4)) {
            case 0 -> text.substring(0, at); // truncated: a report being written
            case 1 -> text.substring(0, at) + INSERTS[r.nextInt(INSERTS.length)] + text.substring(at);
            case 2 -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
            default -> text + (r.nextBoolean() ? " {}" : "x");
        };
    }

    private static byte[] mutateBytes(byte[] bytes, Random r) {
        byte[] copy = bytes.clone();
        if (r.nextBoolean() && copy.length > 0) {
            copy[r.nextInt(copy.length)] = (byte) r.nextInt(256);
            return copy;
        }
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] out = new byte[copy.length + bom.length];
        System.arraycopy(bom, 0, out, 0, bom.length);
        System.arraycopy(copy, 0, out, bom.length, copy.length);
        return out;
    }
}
