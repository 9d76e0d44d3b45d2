package io.aos.ops.golden.diff;

import java.util.Arrays;

/**
 * Where the lines of a JSONL file are: line {@code k} (blank lines skipped) is bytes {@code [starts[k], ends[k])},
 * without its line break or a trailing CR, and is line {@code numbers[k]} of the file (1-based, for error messages).
 */
record LineIndex(int[] starts, int[] ends, int[] numbers) {

    static LineIndex of(byte[] data) {
        int capacity = Math.max(16, data.length / 256);
        int[] s = new int[capacity];
        int[] e = new int[capacity];
        int[] n = new int[capacity];
        int count = 0;
        int line = 0;
        int pos = 0;
        while (pos < data.length) {
            int nl = pos;
            while (nl < data.length && data[nl] != '\n') {
                nl++;
            }
            line++;
            int end = nl;
            if (end > pos && data[end - 1] == '\r') {
                end--;
            }
            if (!isBlank(data, pos, end)) {
                if (count == capacity) {
                    capacity *= 2;
                    s = Arrays.copyOf(s, capacity);
                    e = Arrays.copyOf(e, capacity);
                    n = Arrays.copyOf(n, capacity);
                }
                s[count] = pos;
                e[count] = end;
                n[count] = line;
                count++;
            }
            pos = nl + 1;
        }
        return new LineIndex(Arrays.copyOf(s, count), Arrays.copyOf(e, count), Arrays.copyOf(n, count));
    }

    private static boolean isBlank(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
