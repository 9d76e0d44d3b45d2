package io.aos.ops.retention.scan;

/**
 * Which files are golden files: simulation {@code *.golden.json} and any {@code *.json}, engine traces
 * {@code *.steps.jsonl} (any {@code *.jsonl}) and their {@code <trace>.sig} signatures.
 */
public final class GoldenKind {

    private GoldenKind() {
    }

    public static boolean isGolden(String fileName) {
        return fileName.endsWith(".json") || fileName.endsWith(".jsonl") || fileName.endsWith(".sig");
    }

    /**
     * The file that must travel with this one, as a name relative to the same directory, or null: a trace
     * {@code x.jsonl} travels with {@code x.jsonl.sig}, and a signature {@code x.jsonl.sig} with {@code x.jsonl}.
     */
    public static String partnerOf(String relative) {
        if (relative.endsWith(".jsonl")) {
            return relative + ".sig";
        }
        if (relative.endsWith(".jsonl.sig")) {
            return relative.substring(0, relative.length() - ".sig".length());
        }
        return null;
    }
}
