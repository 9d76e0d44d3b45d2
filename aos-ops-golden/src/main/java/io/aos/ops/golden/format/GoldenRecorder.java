package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.golden.hash.GoldenHashes;
import io.aos.ops.golden.json.PyJsonOutput;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import javax.crypto.Mac;

/**
 * Records an engine trace (format A) the way the engine's {@code GoldenRecorder} does, for Java services:
 * {@link #recordRunStart}, {@link #recordStep} per step, then {@link #recordRunEnd}, which signs the file. The file
 * is {@code <dir>/<run_id>.steps.jsonl}, its signature {@code <file>.sig}; both are byte-compatible with the Python
 * tools (sorted compact ASCII lines, HMAC-SHA256 hex without newline).
 *
 * <p>Safer than upstream where it costs nothing: each event is one write straight to the file (never half in a
 * buffer), the file is forced to disk before it is signed, the {@code .sig} is replaced atomically and durably, and a
 * run id that would escape the directory is refused. Like upstream, a reused run id appends to the existing file.
 *
 * <p>Thread-safe: events from several threads are written whole, one after another.
 */
public final class GoldenRecorder implements Closeable {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;
    private final String runId;
    private final byte[] secret;
    private final Clock clock;
    private final FileChannel channel;
    private final PyJsonOutput line = new PyJsonOutput(1024);
    private boolean ended;

    private GoldenRecorder(Path file, String runId, byte[] secret, Clock clock, FileChannel channel) {
        this.file = file;
        this.runId = runId;
        this.secret = secret;
        this.clock = clock;
        this.channel = channel;
    }

    /**
     * Opens (creating or appending to) the trace of {@code runId} in {@code dir}. The directory is created with mode
     * 0750 and the file 0640 where the filesystem has POSIX permissions.
     *
     * @param dir    the directory; created if missing
     * @param runId  the run id, which names the file; must be a plain file name
     * @param secret the {@code GOLDEN_SECRET} bytes; empty is allowed (upstream allows it, insecurely); copied
     * @param clock  stamps each event's {@code timestamp}
     * @return the recorder; the caller closes it
     * @throws IllegalArgumentException if {@code runId} is empty or would leave {@code dir}
     * @throws IOException if the directory or the file cannot be created or opened
     */
    public static GoldenRecorder open(Path dir, String runId, byte[] secret, Clock clock) throws IOException {
        checkNotNull(dir, "dir");
        checkNotNull(runId, "run id");
        checkNotNull(secret, "secret");
        checkNotNull(clock, "clock");
        checkArgument(!runId.isEmpty() && !runId.contains("/") && !runId.contains("\\") && !runId.contains("\0")
                && !runId.equals(".") && !runId.equals(".."), "run id %s cannot be a file name", runId);
        Files.createDirectories(dir);
        setPermissions(dir, "rwxr-x---");
        Path file = dir.resolve(runId + ".steps.jsonl");
        boolean existed = Files.exists(file);
        FileChannel channel = FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (!existed) {
            setPermissions(file, "rw-r-----");
            AtomicFiles.forceDirectory(dir);
        }
        return new GoldenRecorder(file, runId, secret.clone(), clock, channel);
    }

    /** {@return the trace file, {@code <dir>/<run_id>.steps.jsonl}} */
    public Path file() {
        return file;
    }

    /** {@return the signature file, {@code <file>.sig}} */
    public Path signatureFile() {
        return TraceFormat.signatureFileOf(file);
    }

    /** {@return the run id} */
    public String runId() {
        return runId;
    }

    /**
     * Records {@code run_start} for a spec ({@code WorkflowSpec.to_dict()}: {@code id, name, version, steps, ...}):
     * its id, name, version (default {@code 1.0.0}), step count and {@code spec_hash}, the base seed and the replay
     * flag, plus the budget snapshot when a policy enforcer is configured (else null).
     *
     * @param specDict       the spec dictionary
     * @param seed           the run's base seed
     * @param replay         whether this run replays another
     * @param budgetSnapshot the policy enforcer's budget snapshot, or null
     * @throws IOException if the event cannot be written
     * @throws IllegalStateException if the recorder is closed
     */
    public void recordRunStart(JsonNode specDict, BigInteger seed, boolean replay, JsonNode budgetSnapshot)
            throws IOException {
        checkNotNull(specDict, "spec");
        checkNotNull(seed, "seed");
        ObjectNode data = NODES.objectNode();
        data.set("spec_id", specDict.path("id").deepCopy());
        data.set("spec_name", specDict.path("name").deepCopy());
        JsonNode version = specDict.get("version");
        data.set("spec_version", version == null ? NODES.textNode("1.0.0") : version.deepCopy());
        data.put("steps_count", specDict.path("steps").size());
        data.put("seed", seed);
        data.put("replay", replay);
        data.put("spec_hash", GoldenHashes.specHash(specDict));
        if (budgetSnapshot != null) {
            data.set("budget_snapshot", budgetSnapshot.deepCopy());
        }
        recordEvent(GoldenEvent.RUN_START, data);
    }

    /**
     * Records one {@code step}: the step as declared ({@code inputs} with references unresolved), its derived seed,
     * and its full result ({@code StepResult.to_dict()}), whose {@code output_hash} is computed here. The error code
     * and recovery hint are written only when non-empty, as upstream does.
     *
     * @param index        the 0-based step index
     * @param stepId       the step's id in the spec
     * @param skillId      the skill the step ran
     * @param inputs       the inputs as declared; null is written as {@code {}}
     * @param seed         the step's seed ({@link io.aos.ops.golden.hash.GoldenHashes#stepSeed})
     * @param success      whether the step succeeded
     * @param output       the step result dictionary
     * @param errorCode    the error code of a failed step, or null
     * @param recoveryHint the recovery hint of a failed step, or null
     * @throws IOException if the event cannot be written
     * @throws IllegalArgumentException if {@code index} is negative
     * @throws IllegalStateException if the recorder is closed
     */
    public void recordStep(int index, String stepId, String skillId, JsonNode inputs, BigInteger seed,
                           boolean success, JsonNode output, String errorCode, String recoveryHint)
            throws IOException {
        checkArgument(index >= 0, "step index must be >= 0, got %s", index);
        checkNotNull(output, "step output");
        ObjectNode data = NODES.objectNode();
        data.put("index", index);
        data.put("step_id", stepId);
        data.put("skill_id", skillId);
        data.set("inputs", inputs == null ? NODES.objectNode() : inputs.deepCopy());
        data.put("seed", seed);
        data.put("success", success);
        data.set("output", output.deepCopy());
        data.put("output_hash", GoldenHashes.outputHash(output));
        if (errorCode != null && !errorCode.isEmpty()) {
            data.put("error_code", errorCode);
        }
        if (recoveryHint != null && !recoveryHint.isEmpty()) {
            data.put("recovery_hint", recoveryHint);
        }
        recordEvent(GoldenEvent.STEP, data);
    }

    /**
     * Records {@code run_end}, forces the file to disk and writes the {@code .sig}; returns the signature.
     *
     * @param status {@code completed}, {@code failed}, {@code budget_exceeded}, ...
     * @return the signature written to {@link #signatureFile()}
     * @throws IOException if the event, the sync or the signature cannot be written
     * @throws IllegalStateException if the recorder is closed
     */
    public synchronized String recordRunEnd(String status) throws IOException {
        checkNotNull(status, "status");
        ObjectNode data = NODES.objectNode();
        data.put("status", status);
        recordEvent(GoldenEvent.RUN_END, data);
        channel.force(true);
        ended = true;
        return sign();
    }

    /**
     * Appends any event: {@code {"data":data,"event_type":type,"run_id":...,"timestamp":now}}.
     *
     * @param eventType the {@code event_type}
     * @param data      the {@code data} object
     * @throws IOException if the event cannot be written
     * @throws IllegalStateException if the recorder is closed
     */
    public synchronized void recordEvent(String eventType, JsonNode data) throws IOException {
        checkNotNull(eventType, "event type");
        checkNotNull(data, "data");
        checkState(channel.isOpen(), "recorder for %s is closed", file);
        ObjectNode event = NODES.objectNode();
        event.set("data", data);
        event.put("event_type", eventType);
        event.put("run_id", runId);
        event.put("timestamp", PyTimestamps.isoformatUtc(clock.instant()));
        line.reset();
        EngineTraceWriter.appendLine(event, line);
        ByteBuffer buffer = ByteBuffer.wrap(line.array(), 0, line.length());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Signs the file as it is now and replaces the {@code .sig} atomically; returns the signature.
     *
     * @return the signature
     * @throws IOException if the file cannot be read or the signature written
     */
    public synchronized String sign() throws IOException {
        String signature = signFile(file, secret);
        AtomicFiles.replace(signatureFile(), signature.getBytes(StandardCharsets.US_ASCII));
        return signature;
    }

    /**
     * The HMAC-SHA256 hex of a file's bytes, read in chunks.
     *
     * @param file   the file
     * @param secret the key; empty is allowed
     * @return 64 lowercase hex digits
     * @throws IOException if the file cannot be read
     */
    public static String signFile(Path file, byte[] secret) throws IOException {
        Mac mac = GoldenHashes.hmac(secret);
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                mac.update(chunk, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(mac.doFinal());
    }

    /**
     * Whether {@link #recordRunEnd} has been called.
     *
     * @return whether the run has ended
     */
    public synchronized boolean ended() {
        return ended;
    }

    /** Forces what was written to disk and closes the file. Does not sign: a run without an end stays unsigned. */
    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            try {
                channel.force(true);
            } finally {
                channel.close();
            }
        }
    }

    private static void setPermissions(Path path, String perms) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX filesystem, or not ours to chmod: upstream only warns here too.
        }
    }
}
