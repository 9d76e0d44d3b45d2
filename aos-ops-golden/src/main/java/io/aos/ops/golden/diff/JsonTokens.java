package io.aos.ops.golden.diff;

/**
 * The tokens of one line that {@link JsonLineScanner} has accepted (so it is valid JSON and needs no checks here):
 * structure, strings (with their quotes), numbers and literals, as byte ranges.
 */
final class JsonTokens {

    static final int END = 0;
    static final int OBJECT_START = 1;
    static final int OBJECT_END = 2;
    static final int ARRAY_START = 3;
    static final int ARRAY_END = 4;
    static final int COLON = 5;
    static final int COMMA = 6;
    static final int STRING = 7;
    static final int NUMBER = 8;
    static final int LITERAL = 9;

    /** Deeper lines are not accepted by the scanner either. */
    static final int MAX_DEPTH = 64;

    private byte[] data;
    private int pos;
    private int limit;
    /** The range of the last token. */
    int start;
    int end;

    void reset(byte[] data, int from, int to) {
        this.data = data;
        this.pos = from;
        this.limit = to;
    }

    int next() {
        while (pos < limit && (data[pos] == ' ' || data[pos] == '\t')) {
            pos++;
        }
        start = pos;
        if (pos >= limit) {
            end = pos;
            return END;
        }
        byte c = data[pos];
        int type;
        switch (c) {
            case '{' -> type = OBJECT_START;
            case '}' -> type = OBJECT_END;
            case '[' -> type = ARRAY_START;
            case ']' -> type = ARRAY_END;
            case ':' -> type = COLON;
            case ',' -> type = COMMA;
            case '"' -> {
                int p = pos + 1;
                while (data[p] != '"') {
                    p += data[p] == '\\' ? 2 : 1;
                }
                pos = p + 1;
                end = pos;
                return STRING;
            }
            default -> {
                int p = pos + 1;
                while (p < limit && data[p] != ',' && data[p] != '}' && data[p] != ']' && data[p] != ' '
                        && data[p] != '\t') {
                    p++;
                }
                pos = p;
                end = p;
                return c == '-' || c >= '0' && c <= '9' ? NUMBER : LITERAL;
            }
        }
        pos++;
        end = pos;
        return type;
    }
}
