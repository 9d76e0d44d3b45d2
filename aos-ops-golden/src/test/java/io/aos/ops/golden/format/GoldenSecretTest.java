package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.io.FileTooLargeException;
import io.aos.ops.core.io.NotRegularFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenSecretTest {

    @TempDir
    Path tmp;

    /** The rule, restated on text: one CR-LF or LF at the very end is not part of the secret. */
    private static byte[] model(byte[] written) {
        String text = new String(written, StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSecretFileIsItsBytesLessOneLineEndOverGeneratedFiles() throws IOException {
        Random random = new Random(20261203);
        byte[] ends = {'\r', '\n', 'x', 0, (byte) 0xff};
        for (int i = 0; i < 500; i++) {
            byte[] written = new byte[random.nextInt(40)];
            for (int j = 0; j < written.length; j++) {
                // line-end bytes often, so the tails \n, \r\n, \n\n, \r\n\n, \r and \n\r all occur
                written[j] = random.nextInt(3) == 0 ? ends[random.nextInt(ends.length)] : (byte) random.nextInt(256);
            }
            Path file = tmp.resolve("secret-" + i);
            Files.write(file, written);
            assertThat(GoldenSecret.readFile(file)).as(Arrays.toString(written)).isEqualTo(model(written));
        }
    }

    @Test
    void onlyOneLineEndIsTakenOffAndABareCarriageReturnStays() throws IOException {
        assertThat(read("s3cret\n")).isEqualTo("s3cret");
        assertThat(read("s3cret\r\n")).isEqualTo("s3cret");
        assertThat(read("s3cret\n\n")).isEqualTo("s3cret\n");
        assertThat(read("s3cret\r")).isEqualTo("s3cret\r");
        assertThat(read("\n")).isEmpty();
        assertThat(read("")).isEmpty();
    }

    @Test
    void aTraceSignedWithASecretVerifiesWithTheFileThatHoldsItAndNotWithAnother() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 30; i++) {
            Path dir = Files.createDirectories(tmp.resolve("run-" + i));
            Path trace = GoldenTraceReaderTest.fixture(dir, GoldenTraceReaderTest.ENGINE);
            byte[] secret = new byte[1 + random.nextInt(64)];
            random.nextBytes(secret);
            Path sig = trace.resolveSibling(trace.getFileName() + ".sig");
            Files.writeString(sig, GoldenRecorder.signFile(trace, secret));
            Path secretFile = dir.resolve("golden.secret");
            byte[] written = concat(secret, random.nextBoolean() ? "\n" : "\r\n");
            Files.write(secretFile, written);
            // a random secret may itself end with CR: written with LF after it, the CR-LF is one line end
            assertThat(TraceAuditor.withSignatures(GoldenSecret.readFile(secretFile)).audit(trace).signature())
                    .isEqualTo(Arrays.equals(model(written), secret) ? SignatureStatus.VALID : SignatureStatus.INVALID);
            byte[] other = secret.clone();
            other[random.nextInt(other.length)] ^= 1;
            Files.write(secretFile, other);
            assertThat(TraceAuditor.withSignatures(GoldenSecret.readFile(secretFile)).audit(trace).signature())
                    .isNotEqualTo(SignatureStatus.VALID);
        }
    }

    @Test
    void aMissingFileADirectoryAndAnOversizedFileAreRefusedByName() throws IOException {
        assertThatThrownBy(() -> GoldenSecret.readFile(tmp.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        assertThatThrownBy(() -> GoldenSecret.readFile(dir)).isInstanceOf(NotRegularFileException.class)
                .hasMessageContaining(dir.toString());
        Path big = tmp.resolve("big");
        Files.write(big, new byte[GoldenSecret.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> GoldenSecret.readFile(big)).isInstanceOf(FileTooLargeException.class);
        Path limit = tmp.resolve("limit");
        Files.write(limit, new byte[GoldenSecret.MAX_FILE_BYTES]);
        assertThat(GoldenSecret.readFile(limit)).hasSize(GoldenSecret.MAX_FILE_BYTES);
    }

    @Test
    void theEnvironmentGivesTheVariablesUtf8BytesAndNothingWhenUnset() {
        assertThat(GoldenSecret.fromEnvironment(Map.of())).isEmpty();
        assertThat(GoldenSecret.fromEnvironment(Map.of("GOLDEN_SECRET", ""))).hasValue(new byte[0]);
        assertThat(GoldenSecret.fromEnvironment(Map.of("GOLDEN_SECRET", "gé\n")))
                .hasValue("gé\n".getBytes(StandardCharsets.UTF_8));
    }

    private String read(String written) throws IOException {
        Path file = Files.writeString(tmp.resolve("s"), written, StandardCharsets.ISO_8859_1);
        return new String(GoldenSecret.readFile(file), StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] tail = b.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(a, a.length + tail.length);
        System.arraycopy(tail, 0, all, a.length, tail.length);
        return all;
    }
}
