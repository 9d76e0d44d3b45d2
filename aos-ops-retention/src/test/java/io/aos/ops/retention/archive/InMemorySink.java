package io.aos.ops.retention.archive;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.BiConsumer;

/** Test helper: hands each member's bytes, whole, to a consumer once the member has been read. */
final class InMemorySink implements ArchiveReader.MemberSink {
    private final BiConsumer<String, byte[]> consumer;
    private ByteArrayOutputStream current;

    InMemorySink(BiConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    @Override
    public OutputStream begin(String name, long size) {
        current = new ByteArrayOutputStream();
        return current;
    }

    @Override
    public void end(String name, byte[] sha256) {
        consumer.accept(name, current.toByteArray());
    }
}
