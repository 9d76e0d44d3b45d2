package io.aos.ops.monitor.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DockerEngineTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPlainBodyIsReturnedAsIs() throws IOException {
        assertThat(DockerEngine.body(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]"))).isEqualTo("[]");
    }

    @Test
    void aChunkedBodyIsDecoded() throws IOException {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[{\"\r\nb;ext=1\r\nNames\":[]}]\r\n0\r\n\r\n";

        assertThat(DockerEngine.body(bytes(response))).isEqualTo("[{\"Names\":[]}]");
    }

    @Test
    void anHttpErrorOrSomethingElseIsAnError() {
        assertThatThrownBy(() -> DockerEngine.body(bytes("HTTP/1.1 500 Internal Server Error\r\n\r\n{}")))
                .hasMessage("GET /containers/json answered HTTP/1.1 500 Internal Server Error");
        assertThatThrownBy(() -> DockerEngine.body(bytes("-ERR unknown command\r\n")))
                .hasMessageStartingWith("not an HTTP answer: '-ERR unknown command'");
    }
}
