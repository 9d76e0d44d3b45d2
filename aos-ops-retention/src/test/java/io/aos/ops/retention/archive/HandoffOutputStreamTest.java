package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandoffOutputStreamTest {

    @Test
    void everyByteReachesTheSinkInOrder() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (HandoffOutputStream out = new HandoffOutputStream(sink)) {
            out.write(data, 0, 1000);
            out.write(data[1000]);
            out.write(data, 1001, data.length - 1001);
        }
        assertThat(sink.toByteArray()).isEqualTo(data);
    }

    @Test
    void aFailingSinkFailsTheWriterInsteadOfHangingIt() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        byte[] chunk = new byte[1 << 20];
        assertThatThrownBy(() -> {
            try (HandoffOutputStream out = new HandoffOutputStream(broken)) {
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left");
    }
}
