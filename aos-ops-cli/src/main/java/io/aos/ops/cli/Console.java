package io.aos.ops.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command run without picocli's model ({@link QuickCommands}) writes: the writers given, else the ones
 * picocli's {@code CommandLine} makes when none is set (an auto-flushing writer over a buffer, in the encoding of
 * {@code sun.stdout.encoding} / {@code sun.stderr.encoding}, else the default charset), so that the quick path builds
 * no {@code CommandSpec} and no {@code CommandLine} (some 25 ms of a cold start) and writes the same bytes.
 */
public final class Console {

    private final PrintWriter out;
    private final PrintWriter err;

    private Console(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * The writers of a quick run.
     *
     * @param out the command's output, or null for the process's standard output
     * @param err the command's error output, or null for the process's standard error
     * @return the console
     */
    static Console of(PrintWriter out, PrintWriter err) {
        return new Console(out != null ? out : writer(System.out, encoding("sun.stdout.encoding")),
                err != null ? err : writer(System.err, encoding("sun.stderr.encoding")));
    }

    /** {@return the command's output} */
    public PrintWriter out() {
        return out;
    }

    /** {@return the command's error output} */
    public PrintWriter err() {
        return err;
    }

    /**
     * The output of a command: its quick run's, else picocli's.
     *
     * @param console the quick run's console, or null when picocli runs the command
     * @param spec the command's spec, set by picocli (unused when {@code console} is given)
     * @return the writer
     */
    public static PrintWriter out(Console console, CommandSpec spec) {
        return console != null ? console.out : spec.commandLine().getOut();
    }

    /**
     * The error output of a command: its quick run's, else picocli's.
     *
     * @param console the quick run's console, or null when picocli runs the command
     * @param spec the command's spec, set by picocli (unused when {@code console} is given)
     * @return the writer
     */
    public static PrintWriter err(Console console, CommandSpec spec) {
        return console != null ? console.err : spec.commandLine().getErr();
    }

    private static PrintWriter writer(OutputStream stream, Charset charset) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    /** As picocli reads it: the property's charset ("cp65001" is UTF-8), the default one if unset or unknown. */
    private static Charset encoding(String property) {
        String name = System.getProperty(property);
        if (name == null) {
            return Charset.defaultCharset();
        }
        try {
            return Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
