package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.io.RegularFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The HMAC secret of engine trace signatures ({@code <trace>.sig}), as the engine and {@code aos-ops golden verify}
 * take it: from a secret file, or from the {@code GOLDEN_SECRET} environment variable. For a service or a test that
 * verifies traces with {@link TraceAuditor#withSignatures} and must read the secret the way the command does.
 *
 * <pre>{@code
 * byte[] secret = GoldenSecret.readFile(Path.of("/etc/aos/golden.secret"));
 * TraceAudit audit = TraceAuditor.withSignatures(secret).audit(trace);
 * }</pre>
 *
 * <p>There is deliberately no way to pass the secret as a command-line value: it would show in {@code ps} and in the
 * shell's history. Stateless and thread-safe.
 */
public final class GoldenSecret {

    /** The environment variable the engine reads its secret from. */
    public static final String ENVIRONMENT_VARIABLE = "GOLDEN_SECRET";

    /** The largest secret file read: 64 KiB, far beyond any HMAC key. */
    public static final int MAX_FILE_BYTES = 1 << 16;

    private GoldenSecret() {
    }

    /**
     * The secret a file holds: its bytes as they are, less one line end ({@code \n} or {@code \r\n}) at the very end,
     * which {@code echo} and editors add and which is not part of the secret. Only a regular file is read: a FIFO or
     * a device is refused before it is opened, so reading never blocks.
     *
     * @param file the secret file
     * @return the secret's bytes (a new array)
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws io.aos.ops.core.io.NotRegularFileException if it is not a regular file
     * @throws io.aos.ops.core.io.FileTooLargeException if it holds more than {@link #MAX_FILE_BYTES}
     * @throws IOException if it cannot be read
     */
    public static byte[] readFile(Path file) throws IOException {
        checkNotNull(file, "file");
        return withoutLineEnd(RegularFile.readAllBytes(file, MAX_FILE_BYTES));
    }

    /**
     * The secret the environment gives, as the engine reads it: the UTF-8 bytes of {@code GOLDEN_SECRET}. Empty when
     * the variable is unset; an empty secret is what the engine signs with then (insecure, but a trace signed that
     * way verifies only with it).
     *
     * @param environment the environment, such as {@link System#getenv()}
     * @return the secret's bytes, or empty when the variable is unset
     */
    public static Optional<byte[]> fromEnvironment(Map<String, String> environment) {
        checkNotNull(environment, "environment");
        String value = environment.get(ENVIRONMENT_VARIABLE);
        return value == null ? Optional.empty() : Optional.of(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code bytes} less one {@code \r\n} or {@code \n} at its very end.
     *
     * @param bytes a secret file's bytes
     * @return the secret
     */
    static byte[] withoutLineEnd(byte[] bytes) {
        int n = bytes.length;
        if (n >= 2 && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
            return Arrays.copyOf(bytes, n - 2);
        }
        if (n >= 1 && bytes[n - 1] == '\n') {
            return Arrays.copyOf(bytes, n - 1);
        }
        return bytes;
    }
}
