package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one Docker Engine API call pre-flight needs, {@code GET /containers/json} (running containers), as a minimal
 * HTTP/1.1 request over the engine's Unix socket: no Docker client library, no {@code docker} binary.
 */
public final class DockerEngine {

    /** A running container as the API lists it: its names (without the leading {@code /}), image and state. */
    public record Container(List<String> names, String image, String state) {
        public Container {
            names = List.copyOf(names);
        }

        /** What {@code docker ps | grep} would match against. */
        String searchText() {
            return String.join(" ", names) + " " + image;
        }
    }

    private final Path socket;
    private final Duration timeout;

    public DockerEngine(Path socket, Duration timeout) {
        this.socket = checkNotNull(socket, "socket");
        this.timeout = checkNotNull(timeout, "timeout");
    }

    public Path socket() {
        return socket;
    }

    /** The running containers. Throws with what went wrong: no answer, an HTTP error, a body that is not a list. */
    public List<Container> runningContainers() throws IOException {
        byte[] response = exchange("GET /containers/json HTTP/1.1\r\nHost: docker\r\nAccept: application/json\r\n"
                + "Connection: close\r\n\r\n");
        JsonNode list = OpsJson.mapper().readTree(body(response));
        if (!list.isArray()) {
            throw new IOException("GET /containers/json: expected a JSON list, got " + list.getNodeType());
        }
        List<Container> containers = new ArrayList<>();
        for (JsonNode each : list) {
            List<String> names = new ArrayList<>();
            each.path("Names").forEach(n -> names.add(n.asText().replaceFirst("^/", "")));
            containers.add(new Container(names, each.path("Image").asText(""), each.path("State").asText("")));
        }
        return containers;
    }

    /** Sends the request and reads until the engine closes the connection, within the timeout. */
    private byte[] exchange(String request) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.configureBlocking(false);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_READ);
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new IOException("no complete answer within " + timeout.toMillis() + " ms");
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                    int n = channel.read(in);
                    if (n < 0) {
                        return received.toByteArray();
                    }
                    received.write(in.array(), 0, in.position());
                    in.clear();
                    if (received.size() > 16 << 20) {
                        throw new IOException("answer larger than 16 MiB");
                    }
                }
            }
        }
    }

    /** The body of an HTTP/1.1 response: status checked, chunked transfer coding undone. */
    static String body(byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || headerEnd < 0) {
            throw new IOException("not an HTTP answer: " + BackendHealthProbe.excerpt(text));
        }
        String[] head = text.substring(0, headerEnd).split("\r\n");
        String[] statusLine = head[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[1].startsWith("2")) {
            throw new IOException("GET /containers/json answered " + head[0]);
        }
        boolean chunked = false;
        for (int i = 1; i < head.length; i++) {
            String h = head[i].toLowerCase(Locale.ROOT);
            if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                chunked = true;
            }
        }
        String raw = text.substring(headerEnd + 4);
        if (!chunked) {
            return new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int lineEnd = raw.indexOf("\r\n", pos);
            if (lineEnd < 0) {
                throw new IOException("truncated chunked answer");
            }
            int size;
            try {
                size = Integer.parseInt(raw.substring(pos, lineEnd).split(";", 2)[0].trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size in answer", e);
            }
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            if (start + size > raw.length()) {
                throw new IOException("truncated chunked answer");
            }
            decoded.writeBytes(raw.substring(start, start + size).getBytes(StandardCharsets.ISO_8859_1));
            pos = start + size + 2;
        }
        return decoded.toString(StandardCharsets.UTF_8);
    }
}
