package io.aos.ops.golden.diff;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.json.TextPosition;
import io.aos.ops.golden.format.BadGoldenException;
import io.aos.ops.golden.json.GoldenJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lines of a JSONL trace held as raw bytes (about the file's size, not the 7x of a tree). Identity values are read
 * by {@link JsonLineScanner}, or the streaming parser for a line the scanner is unsure of, and either checks every
 * line is valid JSON; a line becomes a tree only when it has to be compared with a line that is not byte-for-byte
 * the same.
 */
final class JsonlSequence implements ElementSequence {

    private final Path file;
    private final byte[] data;
    private final int[] starts;
    private final int[] ends;
    private final int[] lineNumbers;
    private final Set<String> volatileFields;
    /** Every path extracted so far, and the values of each line in that order. */
    private final List<String> extractedPaths = new ArrayList<>();
    private final Map<String, Integer> pathIndex = new HashMap<>();
    private String[][] extracted;
    private final JsonFactory factory;
    private long[] hashes;

    JsonlSequence(Path file, byte[] data, LineIndex index, Set<String> volatileFields) {
        this.file = file;
        this.data = data;
        this.volatileFields = volatileFields;
        this.factory = LoadedGoldenFile.STREAMING;
        this.starts = index.starts();
        this.ends = index.ends();
        this.lineNumbers = index.numbers();
    }

    Path file() {
        return file;
    }

    /** The file's bytes; line {@code i} is {@code [start(i), end(i))}, without its line break. */
    byte[] data() {
        return data;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    @Override
    public int size() {
        return starts.length;
    }

    /**
     * The event on line {@code i} as a tree: read from a streaming parser ({@link GoldenJson#readTree(JsonParser)},
     * the same tree the golden reader builds), so that a diff which needs a few whole events (an inserted step) does
     * not set up Jackson's data binding (about 0.2 s of a cold start); anything that parser does not read cleanly as
     * one value is read by the golden reader, which builds the tree or throws what it always threw.
     */
    @Override
    public JsonNode node(int i) {
        try (JsonParser p = lineParser(i)) {
            JsonToken t = p.nextToken();
            if (t != null && t != JsonToken.FIELD_NAME) {
                JsonNode tree = GoldenJson.readTree(p);
                if (tree != null && p.nextToken() == null) {
                    return tree;
                }
            }
        } catch (IOException e) {
            // the golden reader below says what is wrong, as it always did
        }
        try {
            return LoadedGoldenFile.reader().readTree(data, starts[i], ends[i] - starts[i]);
        } catch (JsonProcessingException e) {
            throw describe(i, e);
        } catch (IOException e) {
            throw new UnreadableFileException(file, "line " + lineNumbers[i] + " cannot be read: " + e.getMessage(), e);
        }
    }

    private BadGoldenException describe(int i, JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation at = GoldenJson.location(e);
        String problem = GoldenJson.problem(e);
        TextPosition position = at == null ? TextPosition.of(data, starts[i], ends[i], 1, tooDeepAt(i), null)
                : TextPosition.of(data, starts[i], ends[i], at.getLineNr(), Math.max(1, at.getColumnNr()), problem);
        return new BadGoldenException(file, lineNumbers[i] + position.line() - 1, position.column(), problem, e);
    }

    /** The column (1-based, in bytes) where line i first nests deeper than the limit; 1 if it never does. */
    private long tooDeepAt(int i) {
        int depth = 0;
        boolean inString = false;
        for (int k = starts[i]; k < ends[i]; k++) {
            byte c = data[k];
            if (inString) {
                if (c == '\\') {
                    k++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > GoldenJson.MAX_NESTING_DEPTH) {
                    return k - starts[i] + 1;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return 1;
    }

    @Override
    public String[] identityValues(int i, List<String> paths) {
        if (extracted == null || !pathIndex.keySet().containsAll(paths)) {
            List<String> union = new ArrayList<>(extractedPaths);
            union.addAll(TracePosition.PATHS);
            union.addAll(paths);
            extractedPaths.clear();
            pathIndex.clear();
            for (String p : union) {
                if (!pathIndex.containsKey(p)) {
                    pathIndex.put(p, extractedPaths.size());
                    extractedPaths.add(p);
                }
            }
            extracted = extractAll(extractedPaths);
        }
        String[] all = extracted[i];
        String[] values = new String[paths.size()];
        for (int p = 0; p < values.length; p++) {
            values[p] = all[pathIndex.get(paths.get(p))];
        }
        return values;
    }

    /** Every line's values of {@code paths}, one pass over the lines; also validates every line. */
    private String[][] extractAll(List<String> paths) {
        String[][] split = new String[paths.size()][];
        for (int p = 0; p < split.length; p++) {
            split[p] = paths.get(p).split("\\.");
        }
        // Most lines are plain ASCII JSON the scanner is sure of; it is several times cheaper than the parser.
        JsonLineScanner scanner = JsonLineScanner.canCapture(paths) ? new JsonLineScanner(split) : null;
        String[][] out = new String[starts.length][];
        for (int i = 0; i < starts.length; i++) {
            if (scanner != null && scanner.scan(data, starts[i], ends[i])) {
                out[i] = scanner.values(data);
                continue;
            }
            out[i] = extractParsed(i, split);
        }
        return out;
    }

    /** Line i's values of the split paths, read by the streaming parser; also validates the line. */
    String[] extractParsed(int i, String[][] split) {
        String[] values = new String[split.length];
        try (JsonParser parser = factory.createParser(data, starts[i], ends[i] - starts[i])) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                extract(parser, split, 0, values, new boolean[split.length]);
            } else {
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                com.fasterxml.jackson.core.JsonLocation at = parser.currentTokenLocation();
                TextPosition position = TextPosition.of(data, starts[i], ends[i], at.getLineNr(), at.getColumnNr(),
                        null);
                throw new BadGoldenException(file, lineNumbers[i], position.column(),
                        "more than one JSON value on the line");
            }
        } catch (JsonProcessingException e) {
            throw describe(i, e);
        } catch (IOException e) {
            throw new UnreadableFileException(file, "line " + lineNumbers[i] + " cannot be read: " + e.getMessage(), e);
        }
        return values;
    }

    /**
     * Reads the fields of the object the parser is in; {@code live[p]} says path p still matches the prefix at
     * {@code depth}. Leaves the parser on the object's END_OBJECT.
     */
    private static void extract(JsonParser parser, String[][] paths, int depth, String[] values, boolean[] dead)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean descend = false;
            boolean[] childDead = null;
            for (int p = 0; p < paths.length; p++) {
                if (dead[p] || paths[p].length <= depth || !paths[p][depth].equals(name)) {
                    continue;
                }
                if (paths[p].length == depth + 1) {
                    if (value.isScalarValue()) {
                        values[p] = parser.getText();
                    } else {
                        values[p] = "<" + value + ">";
                    }
                } else if (value == JsonToken.START_OBJECT) {
                    descend = true;
                    if (childDead == null) {
                        childDead = new boolean[paths.length];
                        Arrays.fill(childDead, true);
                    }
                    childDead[p] = false;
                }
            }
            if (descend) {
                extract(parser, paths, depth + 1, values, childDead);
            } else {
                parser.skipChildren();
            }
        }
    }

    @Override
    public long hash(int i) {
        if (hashes == null) {
            hashes = new long[starts.length];
            for (int k = 0; k < hashes.length; k++) {
                hashes[k] = NodeHash.of(node(k), volatileFields);
            }
        }
        return hashes[i];
    }

    @Override
    public boolean sameRaw(int i, ElementSequence other, int j) {
        if (!(other instanceof JsonlSequence o)) {
            return false;
        }
        return Arrays.equals(data, starts[i], ends[i], o.data, o.starts[j], o.ends[j]);
    }

    /** A parser over line {@code i} alone. */
    JsonParser lineParser(int i) throws IOException {
        return factory.createParser(data, starts[i], ends[i] - starts[i]);
    }

    /** A parser over lines {@code [from, to)}: it reads their values one after another. */
    JsonParser rangeParser(int from, int to) throws IOException {
        return factory.createParser(data, starts[from], ends[to - 1] - starts[from]);
    }

    /** Turns a parse error of {@link #rangeParser}{@code (from, to)} into one naming file, line, column. */
    BadGoldenException describe(JsonProcessingException e, int from, int to) {
        com.fasterxml.jackson.core.JsonLocation at = GoldenJson.location(e);
        String problem = GoldenJson.problem(e);
        TextPosition position = at == null ? new TextPosition(1, 1)
                : TextPosition.of(data, starts[from], ends[to - 1], at.getLineNr(), at.getColumnNr(), problem);
        return new BadGoldenException(file, position.line() + lineNumbers[from] - 1, position.column(), problem, e);
    }
}
