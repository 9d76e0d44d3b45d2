package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.util.concurrent.MoreExecutors;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.io.NotRegularFileException;
import io.aos.ops.core.io.RegularFile;
import io.aos.ops.golden.hash.GoldenHashes;
import io.aos.ops.golden.hash.StepSeeds;
import io.aos.ops.golden.json.GoldenJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Audits golden trace files: reads each one step by step, recomputes every hash that can be recomputed (engine
 * {@code output_hash} per step, per-step seeds from the base seed, the simulation {@code workflow_hash}) and, when a
 * secret is given, checks the engine {@code .sig}. Never throws for a bad file: an unreadable or truncated file is an
 * audit with an error, so one bad file does not hide the others.
 *
 * <p>Engine traces are hashed on the calling thread, or, with {@link #withExecutor}, in chunks of lines on an
 * executor while the calling thread hands the steps to the listener in file order; the audit is the same either way.
 *
 * <p>Thread-safe: each audit keeps its state to itself. Starts no thread of its own.
 */
public final class TraceAuditor {

    /** Steps that do not match are kept in the audit up to this many; the rest are only counted. */
    public static final int MAX_KEPT_STEPS = 100;

    /** Sees a trace as it is audited, so a caller can print a trace of any length without holding it. */
    public interface Listener {
        /**
         * The file is open: its format and header (null for an engine trace without run_start) are known.
         *
         * @param file   the file
         * @param format its format
         * @param header its header, or null
         */
        default void started(Path file, TraceFormat format, RunHeader header) {
        }

        /**
         * One step, in file order.
         *
         * @param check the step's check
         */
        default void step(StepCheck check) {
        }
    }

    private static final Listener NONE = new Listener() {
    };

    private final byte[] secret;
    /** Where engine traces are hashed besides the calling thread; null: the calling thread only. */
    private final Executor executor;
    private final int chunkBytes;

    private TraceAuditor(byte[] secret, Executor executor, int chunkBytes) {
        this.secret = secret;
        this.executor = executor;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Recomputes hashes and seeds only.
     *
     * @return the auditor
     */
    public static TraceAuditor hashesOnly() {
        return new TraceAuditor(null, null, ChunkedEngineReader.CHUNK_BYTES);
    }

    /**
     * Also checks {@code .sig} signatures of engine traces with {@code secret} (may be empty, as upstream allows).
     *
     * @param secret the {@code GOLDEN_SECRET} bytes; copied
     * @return the auditor
     */
    public static TraceAuditor withSignatures(byte[] secret) {
        checkNotNull(secret, "secret");
        return new TraceAuditor(secret.clone(), null, ChunkedEngineReader.CHUNK_BYTES);
    }

    /**
     * A copy that hashes engine traces on {@code executor}: the trace is read in chunks of whole lines (a quarter
     * megabyte each, a few read ahead), the chunks are parsed and hashed there, several at once, and the calling
     * thread hands their steps to the listener in file order. Everything an audit reports, the listener's calls and
     * every error (the first in file order, with its line and column) are the same as on the calling thread alone. A
     * trace that fits one chunk, and a file that is not a regular file, are read on the calling thread. A chunk that
     * no thread of the executor has begun when its turn comes is hashed by the calling thread, so an executor that is
     * busy, saturated or never runs its tasks (even one that queues to the caller's own single thread) costs time,
     * never a hang.
     *
     * @param executor where chunks are hashed, such as a pool with a thread per core;
     *                 {@link MoreExecutors#directExecutor()} for the calling thread alone
     * @return the new auditor; this one is unchanged
     * @throws NullPointerException if {@code executor} is null
     */
    public TraceAuditor withExecutor(Executor executor) {
        return withExecutor(executor, ChunkedEngineReader.CHUNK_BYTES);
    }

    /** {@link #withExecutor(Executor)} with chunks of {@code chunkBytes}: tests cut small traces into many chunks. */
    TraceAuditor withExecutor(Executor executor, int chunkBytes) {
        checkNotNull(executor, "executor");
        checkArgument(chunkBytes >= 1, "chunk size must be >= 1 byte, got %s", chunkBytes);
        return new TraceAuditor(secret, executor == MoreExecutors.directExecutor() ? null : executor, chunkBytes);
    }

    /**
     * Audits {@code file}.
     *
     * @param file the trace file
     * @return the audit; an unreadable file gives an audit with an {@link TraceAudit#error()}, never an exception
     */
    public TraceAudit audit(Path file) {
        return audit(file, NONE);
    }

    /**
     * Audits {@code file}, telling {@code listener} about the header and every step as they are read.
     *
     * @param file     the trace file
     * @param listener told about the header and each step
     * @return the audit; an unreadable file gives an audit with an {@link TraceAudit#error()}, never an exception
     */
    public TraceAudit audit(Path file, Listener listener) {
        checkNotNull(file, "file");
        checkNotNull(listener, "listener");
        SignatureStatus signature = SignatureStatus.NOT_CHECKED;
        try {
            // a FIFO (whose open would wait for a writer), a device (/dev/zero is endless) or a directory is named
            // and never opened
            RegularFile.check(file);
            TraceFormat format = TraceFormat.fromFileName(file).orElseGet(() -> GoldenTraceReader.sniff(file));
            if (secret != null) {
                signature = format == TraceFormat.SIMULATION_JSON ? SignatureStatus.NOT_SIGNED_FORMAT
                        : checkSignature(file);
            }
            if (format == TraceFormat.ENGINE_JSONL) {
                return auditEngine(file, signature, listener);
            }
            try (GoldenTraceReader reader = GoldenTraceReader.open(file)) {
                return audit(reader, signature, listener);
            }
        } catch (TruncatedTraceException e) {
            return TraceAudit.unreadable(file, e.getMessage(), true, signature);
        } catch (AosOpsException e) {
            return TraceAudit.unreadable(file, e.getMessage(), false, signature);
        } catch (NotRegularFileException e) {
            return TraceAudit.unreadable(file, e.getMessage(), false, signature);
        } catch (NoSuchFileException e) {
            return TraceAudit.unreadable(file, file + ": no such file", false, signature);
        } catch (IOException e) {
            return TraceAudit.unreadable(file, file + ": cannot be read: " + e.getMessage(), false, signature);
        } catch (OutOfMemoryError e) {
            // Events are streamed, so only one event (one line) larger than the heap gets here; what it allocated
            // is garbage now, and the next file is audited as usual.
            return TraceAudit.unreadable(file, file + ": an event too large to read in a JVM heap of "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; raise it with AOS_OPS_JAVA_OPTS=-Xmx...",
                    false, signature);
        }
    }

    /** The largest {@code .sig} read: a signature is 64 hex digits and a line end. */
    static final int MAX_SIGNATURE_BYTES = 4096;

    private SignatureStatus checkSignature(Path file) throws IOException {
        Path sig = TraceFormat.signatureFileOf(file);
        String sigText;
        try {
            // hex, read as bytes (ISO-8859-1: any byte is a char, so a damaged .sig is INVALID, not an exception);
            // a FIFO or device refused before it is opened, and a .sig is short
            sigText = new String(RegularFile.readAllBytes(sig, MAX_SIGNATURE_BYTES), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(sig)) {
                // a .sig that is a link to nothing: a signature was meant to be there
                throw new UnreadableFileException(sig, "is a symbolic link to a file that does not exist", e);
            }
            return SignatureStatus.UNSIGNED;
        } catch (IOException e) {
            throw new UnreadableFileException(sig, "the signature cannot be read: " + e.getMessage(), e);
        }
        String computed = GoldenRecorder.signFile(file, secret);
        return GoldenHashes.signatureMatches(computed, sigText) ? SignatureStatus.VALID : SignatureStatus.INVALID;
    }

    /**
     * Engine traces take the token-stream path ({@link EngineTraceHasher}): no tree per step, so hashing runs at
     * parse speed and memory stays flat whatever the trace length.
     */
    private TraceAudit auditEngine(Path file, SignatureStatus signature, Listener listener) throws IOException {
        EngineAuditState state = new EngineAuditState(file, listener);
        boolean chunked = executor != null && Files.isRegularFile(file);
        try (InputStream in = chunked ? Files.newInputStream(file)
                : new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (chunked) {
                ChunkedEngineReader.read(in, file, executor, state, chunkBytes);
            } else {
                new EngineTraceHasher().read(in, file, state);
            }
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file, "no such file", e);
        }
        state.start();
        RunHeader header = state.header;
        return new TraceAudit(file, TraceFormat.ENGINE_JSONL, header == null ? state.firstRunId : header.runId(),
                header == null ? null : header.specId().orElse(null), state.baseSeed, state.count, state.kept,
                state.omitted, state.hashMismatches, state.seedMismatches, state.unverifiable, null, null,
                state.endStatus, signature, null, false, state.problems());
    }

    /** Counts and keeps what an engine audit finds, event by event. */
    private static final class EngineAuditState implements ChunkedEngineReader.Sink {
        /** A JSON integer that is not negative: an index out of int's range, as opposed to one of another kind. */
        private static final Pattern INTEGER = Pattern.compile("[0-9]+");
        private final Path file;
        private final Listener listener;
        private final List<StepCheck> kept = new ArrayList<>();
        private RunHeader header;
        private BigInteger baseSeed;
        private StepSeeds seeds;
        private boolean started;
        private String firstRunId = "";
        private String endStatus;
        private int count;
        private int omitted;
        private int hashMismatches;
        private int seedMismatches;
        private int unverifiable;
        private int events;
        private int withoutHash;
        private int withoutSeed;
        private int withoutOutput;
        private long firstWithoutHash;
        private long firstWithoutSeed;
        private long firstWithoutOutput;
        private int lastIndex = -1;
        private boolean ended;
        private final List<String> problems = new ArrayList<>();

        EngineAuditState(Path file, Listener listener) {
            this.file = file;
            this.listener = listener;
        }

        void start() {
            if (!started) {
                started = true;
                listener.started(file, TraceFormat.ENGINE_JSONL, header);
            }
        }

        @Override
        public void event(GoldenEvent event) {
            events++;
            if (event.isRunStart() && header == null && !started) {
                header = new RunHeader(TraceFormat.ENGINE_JSONL, event.raw());
                baseSeed = header.seed().orElse(null);
                seeds = baseSeed == null ? null : StepSeeds.of(baseSeed);
                if (baseSeed == null) {
                    JsonNode seed = event.data().get("seed");
                    problem("run_start (line " + event.line() + ") " + (seed == null || seed.isNull() ? "has no seed"
                            : "seed is not an integer: " + GoldenJson.compact(seed))
                            + ": no step seed can be checked");
                }
                start();
            } else if (event.isRunEnd()) {
                endStatus = event.data().path("status").asText(null);
            }
            if (event.isRunStart()) {
                // a resumed run appends a new run_start and may repeat the step it crashed in
                lastIndex = -1;
                ended = false;
            } else if (event.isRunEnd()) {
                ended = true;
            }
            if (firstRunId.isEmpty()) {
                firstRunId = event.runId();
            }
        }

        /** The reasons nothing or not everything could be checked, once the whole trace was read. */
        List<String> problems() {
            List<String> all = new ArrayList<>();
            if (events == 0) {
                all.add("the trace holds no events (an empty file or only blank lines): nothing to check");
                return all;
            }
            if (header == null) {
                all.add("no run_start event before the first step: no base seed to check the step seeds against");
            }
            if (count == 0) {
                all.add("no step events: no output_hash to recompute");
            }
            note(all, withoutHash, firstWithoutHash, "no output_hash");
            note(all, withoutSeed, firstWithoutSeed, "no seed");
            note(all, withoutOutput, firstWithoutOutput, "no output to recompute its output_hash from");
            all.addAll(problems);
            return all;
        }

        private static void note(List<String> all, int n, long line, String what) {
            if (n > 0) {
                all.add(n + (n == 1 ? " step has " : " steps have ") + what + " (first at line " + line
                        + "): nothing to check there");
            }
        }

        private void problem(String text) {
            if (problems.size() < MAX_KEPT_STEPS) {
                problems.add(text);
            }
        }

        @Override
        public void step(EngineTraceHasher.StepHash s) {
            step(s, null, null);
        }

        @Override
        public void step(EngineTraceHasher.StepHash s, BigInteger hintSeed, BigInteger derived) {
            start();
            events++;
            if (s.storedHash() == null && withoutHash++ == 0) {
                firstWithoutHash = s.line();
            }
            if (s.badSeed() != null) {
                problem("the step at line " + s.line() + ": seed is not an integer: " + s.badSeed()
                        + ": it cannot be checked");
            } else if (s.seed() == null && withoutSeed++ == 0) {
                firstWithoutSeed = s.line();
            }
            if (s.storedHash() != null && s.recomputedHash() == null && withoutOutput++ == 0) {
                firstWithoutOutput = s.line();
            }
            if (ended) {
                problem("a step at line " + s.line() + " comes after run_end (line order broken)");
            }
            if (s.badIndex() != null) {
                problem("the step at line " + s.line() + ": " + (INTEGER.matcher(s.badIndex()).matches()
                        ? "step index " + s.badIndex() + " out of range"
                        : "step index is not a non-negative integer: " + s.badIndex())
                        + ": its order and seed cannot be checked");
            } else if (s.index() < 0) {
                problem("the step at line " + s.line() + " has no index: its order and seed cannot be checked");
            } else if (s.index() <= lastIndex) {
                problem("steps out of order: step index " + s.index() + " at line " + s.line() + " follows index "
                        + lastIndex);
            }
            lastIndex = Math.max(lastIndex, s.index());
            // (a step without a usable index is shown without one, never as the step of its position)
            int index = s.index();
            BigInteger expected = null;
            if (baseSeed != null && s.seed() != null && index >= 0) {
                // a seed derived ahead of time, on another thread, from what the trace's base seed was guessed to be
                expected = derived != null && s.index() >= 0 && baseSeed.equals(hintSeed) ? derived
                        : seeds.seed(index, s.seed());
            }
            StepCheck check = new StepCheck(count, index, s.stepId(), s.skillId() == null ? "" : s.skillId(),
                    s.storedHash(), s.recomputedHash(), s.seed(), expected);
            count++;
            if (s.storedHash() == null || s.recomputedHash() == null) {
                unverifiable++;
            }
            if (!check.hashMatches()) {
                hashMismatches++;
            }
            if (!check.seedMatches()) {
                seedMismatches++;
            }
            listener.step(check);
            if (!check.ok()) {
                if (kept.size() < MAX_KEPT_STEPS) {
                    kept.add(check);
                } else {
                    omitted++;
                }
            }
        }
    }

    private TraceAudit audit(GoldenTraceReader reader, SignatureStatus signature, Listener listener) {
        TraceFormat format = reader.format();
        RunHeader header = reader.header().orElse(null);
        BigInteger baseSeed = header == null ? null : header.seed().orElse(null);
        listener.started(reader.source(), format, header);
        int omitted = 0;
        List<StepCheck> kept = new ArrayList<>();
        List<String> simulationEntries = new ArrayList<>();  // B only: a few entries
        int count = 0;
        int hashMismatches = 0;
        int seedMismatches = 0;
        int unverifiable = 0;
        for (TraceStep step : reader.steps()) {
            count++;
            String stored = step.storedHash().orElse(null);
            String recomputed = step.recomputedHash().orElse(null);
            BigInteger seed = step.seed().orElse(null);
            // (a step without a usable index is shown without one, -1, and its seed is not derived from its position)
            int index = step.index().orElse(-1);
            BigInteger expected = format == TraceFormat.ENGINE_JSONL && baseSeed != null && seed != null && index >= 0
                    ? GoldenHashes.stepSeed(baseSeed, index) : null;
            StepCheck check = new StepCheck(step.position(), index, step.stepId().orElse(null), step.skill(),
                    stored, recomputed, seed, expected);
            if (stored == null || recomputed == null) {
                unverifiable++;
            }
            if (!check.hashMatches()) {
                hashMismatches++;
            }
            if (!check.seedMatches()) {
                seedMismatches++;
            }
            listener.step(check);
            if (!check.ok()) {
                if (kept.size() < MAX_KEPT_STEPS) {
                    kept.add(check);
                } else {
                    omitted++;
                }
            }
            step.hashEntry().ifPresent(simulationEntries::add);
        }
        RunEnd end = reader.end().orElse(null);
        String storedWorkflowHash = null;
        String recomputedWorkflowHash = null;
        String endStatus = null;
        if (format == TraceFormat.SIMULATION_JSON) {
            storedWorkflowHash = end.workflowHash().orElse("");
            recomputedWorkflowHash = GoldenHashes.workflowHash(simulationEntries);
            endStatus = end.success().map(ok -> ok ? "success" : "failed").orElse(null);
        } else if (end != null) {
            endStatus = end.status().orElse(null);
        }
        String runId = header != null ? header.runId() : "";
        String type = header == null ? null
                : format == TraceFormat.SIMULATION_JSON ? header.workflowType().orElse(null)
                : header.specId().orElse(null);
        return new TraceAudit(reader.source(), format, runId, type, baseSeed, count, kept, omitted, hashMismatches,
                seedMismatches, unverifiable, storedWorkflowHash, recomputedWorkflowHash, endStatus, signature, null,
                false, List.of());
    }
}
