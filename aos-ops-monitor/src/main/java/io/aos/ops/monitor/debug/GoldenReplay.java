package io.aos.ops.monitor.debug;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.OperationFailedException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.format.SimulationGolden;
import io.aos.ops.golden.format.SimulationGoldenWriter;
import io.aos.ops.golden.shadow.RunTrace;
import io.aos.ops.golden.shadow.StopCheck;
import io.aos.ops.golden.shadow.WorkflowExecutor;
import io.aos.ops.golden.shadow.WorkflowRun;
import io.aos.ops.golden.shadow.builtin.BuiltinWorkflows;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code debug replay <run_id>}: replays exactly the recorded run it names, with its workflow type and seed, through
 * the workflow registry, and compares the result with its golden file. Upstream's {@code replay} ignored the id and
 * ran the whole runner against the live golden directory, adding three golden files each time; this one reads the
 * golden directory and writes nothing there: the replay goes to {@code --output}, or to a temporary file that is
 * deleted once compared (also when the comparison fails), so repeated replays leave nothing in {@code /tmp}.
 *
 * <p>The verdict is the runner's (equal workflow hashes). The explanation comes from the classified diff: step by step
 * against the run's recorded trace ({@code <run>/traces/<run_id>.steps.jsonl}) when the suite's runner kept one, else
 * against the golden file itself (upstream runs record step hashes only).
 *
 * <p>The emergency stop is not consulted: a replay runs in this process only and records nothing, and the incident
 * playbook replays runs after engaging the stop.
 */
public final class GoldenReplay {

    static final String GOLDEN_SUFFIX = ".golden.json";
    static final int CLOSEST_SHOWN = 5;

    private final WorkflowRegistry registry;
    private final Clock clock;
    /** Where a replay without --output is written while compared; null: {@code java.io.tmpdir}. */
    private final Path tempDirectory;

    private GoldenReplay(WorkflowRegistry registry, Clock clock, Path tempDirectory) {
        this.registry = registry;
        this.clock = clock;
        this.tempDirectory = tempDirectory;
    }

    /** A replayer over {@code registry} ({@link WorkflowRegistry#discover()} for the built-ins plus plugins). */
    public static GoldenReplay create(WorkflowRegistry registry, Clock clock) {
        return new GoldenReplay(checkNotNull(registry, "registry"), checkNotNull(clock, "clock"), null);
    }

    /** A copy that writes a replay without {@code --output} into {@code dir} (deleted after) instead of /tmp. */
    public GoldenReplay withTempDirectory(Path dir) {
        return new GoldenReplay(registry, clock, checkNotNull(dir, "dir"));
    }

    private Path tempFile(String runId, String suffix) throws IOException {
        Path dir = tempDirectory != null ? tempDirectory : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempFile(dir, "aos-replay-" + runId + "-", suffix);
    }

    /**
     * Replays the run {@code runId} names, looked up as {@code <runDir>/golden/<id>.golden.json} (a trailing
     * {@code .golden.json} is allowed). The id is a plain name: a path, {@code ..} or a control character is a
     * configuration error, and a golden file or trace that is a link leading out of the run is a bad-input error, so
     * nothing outside the run is read. An unknown id is a bad-input error that lists the closest ids.
     */
    public ReplayResult replay(Optional<Path> runDir, String runId, Optional<Path> output) {
        checkNotNull(runDir, "runDir");
        checkNotNull(runId, "runId");
        checkNotNull(output, "output");
        Path goldenFile = locate(runDir, runId.strip());
        String fileId = stripSuffix(goldenFile.getFileName().toString());
        Path goldenDir = goldenFile.toAbsolutePath().normalize().getParent();
        if (output.isPresent() && output.get().toAbsolutePath().normalize().startsWith(goldenDir)) {
            throw new BadConfigurationException("--output " + output.get() + " is inside the golden directory " + goldenDir
                    + "; a replay never writes there");
        }
        JsonNode golden = OpsJson.readTree(goldenFile);
        String recordedId = text(golden, "run_id").orElse(fileId);
        String type = text(golden, "workflow_type").orElseThrow(
                () -> new BadInputException(goldenFile, "has no workflow_type: not a simulation golden file"));
        JsonNode seedNode = golden.path("seed");
        if (!seedNode.canConvertToLong()) {
            throw new BadInputException(goldenFile, "has no integer seed: not a simulation golden file");
        }
        long seed = seedNode.asLong();
        String originalHash = text(golden, "workflow_hash").orElse("");
        if (registry.workflow(type).isEmpty()) {
            throw new BadInputException(goldenFile, "records workflow type '" + type + "', which is not registered "
                    + "(known: " + String.join(", ", registry.types()) + "); is its plugin on the class path?");
        }

        String replayId = "replay-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        WorkflowRun replay = new WorkflowExecutor(registry, StopCheck.NEVER).run(replayId, type, seed, true);
        if (!replay.completed()) {
            throw new OperationFailedException("the replay of " + recordedId + " did not complete: "
                    + replay.error());
        }

        Path runRoot = runDir.orElseThrow();
        Optional<Path> originalTrace = Optional.of(ShadowRunLayout.of(runRoot).tracesDir()
                        .resolve(fileId + ".steps.jsonl"))
                .filter(Files::isRegularFile);
        if (originalTrace.isPresent() && !staysInside(originalTrace.get(), runRoot)) {
            throw new BadInputException(originalTrace.get(), "is a link that leads out of the run directory "
                    + runRoot + "; a replay reads only the run's own files");
        }
        DiffResult diff;
        Path written = null;
        String comparedWith;
        try {
            if (originalTrace.isPresent()) {
                written = output.isPresent() ? output.get() : tempFile(fileId, ".steps.jsonl");
                RunTrace.write(written, replay, clock.instant());
                diff = GoldenDiff.compare(originalTrace.get(), written, BuiltinWorkflows.DIFF_OPTIONS);
                comparedWith = "trace " + originalTrace.get();
            } else {
                SimulationGolden result = new SimulationGolden(replayId, type, BigInteger.valueOf(seed),
                        replay.stepHashes(), replay.workflowHash(), replay.durationMs(), true, null);
                byte[] bytes = SimulationGoldenWriter.toBytes(result);
                written = output.isPresent() ? output.get() : tempFile(fileId, GOLDEN_SUFFIX);
                Files.write(written, bytes);
                // Compared as a replay of the same run: the run id is the replay's name, not a difference.
                ObjectNode actual = (ObjectNode) OpsJson.mapper().readTree(bytes);
                actual.put("run_id", recordedId);
                diff = GoldenDiff.compare(golden, actual, BuiltinWorkflows.DIFF_OPTIONS);
                comparedWith = "golden file (no step trace was recorded)";
            }
        } catch (IOException e) {
            throw new BadInputException(output.orElse(tempDirectoryShown()),
                    "cannot write the replay: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new BadInputException(output.orElse(tempDirectoryShown()),
                    "cannot write the replay: " + e.getCause().getMessage(), e);
        } finally {
            if (output.isEmpty() && written != null) {
                deleteQuietly(written);
            }
        }
        Path kept = output.orElse(null);
        boolean matches = originalHash.equals(replay.workflowHash());
        Integer step = null;
        if (diff.firstDivergingStep().isPresent()) {
            step = diff.firstDivergingStep().getAsInt();
        } else if (!matches) {
            step = firstDifferentStep(golden, replay);
        }
        String evidence = diff.evidence();
        if (!matches && diff.matches()) {
            evidence = "the workflow hashes differ but the classified diff finds no difference in the compared "
                    + comparedWith;
        }
        return new ReplayResult(recordedId, goldenFile, type, seed, replayId, originalHash, replay.workflowHash(),
                matches, diff.severity().name(), diff.rootCause().map(Enum::name).orElse(null), step, evidence,
                comparedWith, kept);
    }

    private Path tempDirectoryShown() {
        return tempDirectory != null ? tempDirectory : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The verdict stands; a temporary file we could not delete is the OS's to clean.
        }
    }

    private static Integer firstDifferentStep(JsonNode golden, WorkflowRun replay) {
        List<String> original = new ArrayList<>();
        golden.path("step_hashes").forEach(h -> original.add(h.asText()));
        List<String> replayed = replay.stepHashes();
        for (int i = 0; i < Math.min(original.size(), replayed.size()); i++) {
            if (!original.get(i).equals(replayed.get(i))) {
                return i;
            }
        }
        return original.size() == replayed.size() ? null : Math.min(original.size(), replayed.size());
    }

    /**
     * The golden file of {@code runId}: {@code <runDir>/golden/<id>.golden.json}. The id is a plain name: a path, a
     * {@code ..}, or a link that leads out of the golden directory is refused, so an id never reads a file elsewhere.
     */
    private static Path locate(Optional<Path> runDir, String runId) {
        String id = stripSuffix(plainName(runId));
        if (runDir.isEmpty()) {
            throw new BadConfigurationException("no shadow run found to look up '" + id + "' in; give --run-dir DIR");
        }
        Path goldenDir = ShadowRunLayout.of(runDir.get()).goldenDir();
        Path file = goldenDir.resolve(id + GOLDEN_SUFFIX);
        if (Files.isRegularFile(file)) {
            if (!staysInside(file, goldenDir)) {
                throw new BadInputException(file, "is a link that leads out of the golden directory " + goldenDir
                        + "; a run id only names a file in it");
            }
            return file;
        }
        List<String> closest = closest(goldenDir, id);
        throw new BadInputException(goldenDir, "has no recorded run '" + id + "'"
                + (closest.isEmpty() ? " (and no golden files at all)" : "; closest: " + String.join(", ", closest)));
    }

    /**
     * {@code runId} if it is a plain file name: not empty, no path separator, not {@code .} or {@code ..}, no control
     * character. Else a usage error that says what a run id is.
     */
    static String plainName(String runId) {
        if (runId.isEmpty()) {
            throw new BadConfigurationException("replay needs a run id (RUN_ID of a <run>/golden/RUN_ID.golden.json)");
        }
        boolean plain = !runId.equals(".") && !runId.equals("..")
                && runId.chars().noneMatch(c -> c == '/' || c == '\\' || ControlCharacters.isControl((char) c));
        if (!plain) {
            throw new BadConfigurationException("'" + ControlCharacters.oneLine(runId) + "' is not a run id: give "
                    + "the plain name of a recorded run (<run>/golden/RUN_ID.golden.json, with --run-dir RUN), "
                    + "not a path");
        }
        return runId;
    }

    /** Whether {@code file}, links resolved, is inside {@code dir}, links resolved. */
    private static boolean staysInside(Path file, Path dir) {
        try {
            return file.toRealPath().startsWith(dir.toRealPath());
        } catch (IOException e) {
            throw UnreadableFileException.of(file, e);
        }
    }

    private static String stripSuffix(String name) {
        return name.endsWith(GOLDEN_SUFFIX) ? name.substring(0, name.length() - GOLDEN_SUFFIX.length()) : name;
    }

    /** The run ids in {@code goldenDir} closest to {@code id}: longest common prefix first, then edit distance. */
    static List<String> closest(Path goldenDir, String id) {
        record Candidate(String id, int prefix, int distance) {
        }
        List<Candidate> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(goldenDir, "*" + GOLDEN_SUFFIX)) {
            for (Path f : files) {
                String other = stripSuffix(f.getFileName().toString());
                candidates.add(new Candidate(other, commonPrefix(id, other), editDistance(id, other)));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new BadInputException(goldenDir, "cannot be listed: " + e.getMessage(), e);
        }
        return candidates.stream()
                .sorted(Comparator.comparingInt((Candidate c) -> -c.prefix()).thenComparingInt(Candidate::distance)
                        .thenComparing(Candidate::id))
                .limit(CLOSEST_SHOWN)
                .map(Candidate::id)
                .toList();
    }

    static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Levenshtein distance, two rows. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }
}
