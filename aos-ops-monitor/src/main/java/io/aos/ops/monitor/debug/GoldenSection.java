package io.aos.ops.monitor.debug;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.OpsException;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.TraceAuditor;
import io.aos.ops.golden.hash.GoldenHashes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Section 4: the run's golden directory ({@code <run>/golden}, else {@code GOLDEN_DIR}): file counts by kind, sizes,
 * the newest files, the keys of one sample, and the simulation goldens that do not verify: a {@code .golden.json}
 * that does not parse, or whose {@code workflow_hash} is not the hash of its {@code step_hashes}. Engine traces
 * ({@code .jsonl} with {@code .sig}) in the golden directory are counted; {@code aos-ops golden verify} checks them.
 *
 * <p>A run of this suite's runner also keeps an engine trace per primary run (and per mismatching replay) in
 * {@code <run>/traces}: counted, sized, and each one's step hashes and seeds recomputed ({@link TraceAuditor}; the
 * runner does not sign them, so the signature is not asked for). A trace that does not verify is listed with the
 * golden files that do not.
 */
final class GoldenSection implements DebugSection {

    static final int NEWEST_SHOWN = 5;
    static final int FAILURES_SHOWN = 20;
    static final int SAMPLE_ATTEMPTS = 20;

    record FileInfo(String name, long bytes, Instant modified) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", name);
            json.put("bytes", bytes);
            json.put("modified", modified.toString());
            return json;
        }
    }

    private final Optional<Path> dir;
    private final Map<String, Long> countByKind = new TreeMap<>();
    private long files;
    private long bytes;
    private final List<FileInfo> newest = new ArrayList<>();
    private Optional<String> sampleName = Optional.empty();
    private final List<String> sampleKeys = new ArrayList<>();
    private long verified;
    private long notVerifying;
    private final List<String> failures = new ArrayList<>();
    private final Optional<Path> otherDir;
    private long otherFiles = -1;
    private long otherBytes;
    private final List<String> unreadable = new ArrayList<>();
    private final Optional<Path> tracesDir;
    private long traceFiles;
    private long traceBytes;
    private long tracesChecked;
    private long tracesVerified;
    private final List<FileInfo> newestTraces = new ArrayList<>();

    private GoldenSection(DebugInputs in) {
        Path configured = in.config().path(OpsSetting.GOLDEN_DIR);
        Optional<Path> runGolden = in.layout().map(l -> l.goldenDir()).filter(Files::isDirectory);
        this.dir = runGolden.isPresent() ? runGolden : Optional.of(configured).filter(Files::isDirectory);
        this.otherDir = runGolden.isPresent() && !runGolden.get().equals(configured) && Files.isDirectory(configured)
                ? Optional.of(configured) : Optional.empty();
        dir.ifPresent(this::analyse);
        otherDir.ifPresent(this::count);
        this.tracesDir = in.layout().map(l -> l.tracesDir()).filter(Files::isDirectory);
        tracesDir.ifPresent(this::analyseTraces);
        if (dir.isEmpty()) {
            unreadable.add("no golden directory: neither " + in.layout().map(l -> l.goldenDir() + " nor ").orElse("")
                    + configured + " exists");
        }
    }

    static GoldenSection of(DebugInputs in) {
        return new GoldenSection(in);
    }

    private void analyse(Path golden) {
        List<FileInfo> all = new ArrayList<>();
        if (!eachRegularFile(golden, (entry, info) -> {
            files++;
            bytes += info.bytes();
            countByKind.merge(kind(info.name()), 1L, Long::sum);
            all.add(info);
            if (info.name().endsWith(".golden.json")) {
                verify(entry);
            }
        })) {
            return;
        }
        newest.addAll(newestFirst(all));
        // The newest file that parses: the very newest may be the one being written, or a broken one listed above.
        all.stream().filter(f -> f.name().endsWith(".json")).limit(SAMPLE_ATTEMPTS)
                .filter(f -> sample(golden.resolve(f.name()))).findFirst();
    }

    private void analyseTraces(Path traces) {
        List<FileInfo> all = new ArrayList<>();
        TraceAuditor auditor = TraceAuditor.hashesOnly();
        if (!eachRegularFile(traces, (entry, info) -> {
            traceFiles++;
            traceBytes += info.bytes();
            all.add(info);
            if (info.name().endsWith(".jsonl")) {
                tracesChecked++;
                TraceAudit audit = auditor.audit(entry);
                if (audit.hashesMatch()) {
                    tracesVerified++;
                } else {
                    fail(entry + ": " + traceProblem(audit));
                }
            }
        })) {
            return;
        }
        newestTraces.addAll(newestFirst(all));
    }

    /**
     * Calls {@code action} for each regular file of {@code dir} (a file removed while listing is skipped); false, with
     * the reason recorded as unreadable, when the directory cannot be listed.
     */
    private boolean eachRegularFile(Path dir, BiConsumer<Path, FileInfo> action) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue; // removed by retention while listing
                }
                if (attrs.isRegularFile()) {
                    action.accept(entry, new FileInfo(entry.getFileName().toString(), attrs.size(),
                            attrs.lastModifiedTime().toInstant()));
                }
            }
            return true;
        } catch (IOException e) {
            unreadable.add(dir + ": cannot be listed: " + e.getMessage());
            return false;
        }
    }

    private static List<FileInfo> newestFirst(List<FileInfo> all) {
        all.sort(Comparator.comparing(FileInfo::modified).thenComparing(FileInfo::name).reversed());
        return all.subList(0, Math.min(NEWEST_SHOWN, all.size()));
    }

    private static String traceProblem(TraceAudit audit) {
        if (!audit.readable()) {
            return audit.truncated() ? "cut off mid-line: " + audit.error() : audit.error();
        }
        List<String> parts = new ArrayList<>();
        if (audit.hashMismatches() > 0) {
            parts.add(audit.hashMismatches() + " step hashes do not match their outputs");
        }
        if (audit.seedMismatches() > 0) {
            parts.add(audit.seedMismatches() + " step seeds are not derived from the run's seed");
        }
        if (!audit.workflowHashMatches()) {
            parts.add("workflow_hash is not the hash of its step_hashes");
        }
        parts.addAll(audit.problems());
        return String.join(", ", parts);
    }

    private static String kind(String name) {
        if (name.endsWith(".golden.json")) {
            return ".golden.json";
        }
        if (name.endsWith(".jsonl")) {
            return ".jsonl";
        }
        if (name.endsWith(".sig")) {
            return ".sig";
        }
        if (name.endsWith(".json")) {
            return ".json";
        }
        return "other";
    }

    private void verify(Path file) {
        JsonNode golden;
        try {
            golden = OpsJson.readTree(file);
        } catch (OpsException e) {
            fail(e.getMessage());
            return;
        }
        JsonNode steps = golden.path("step_hashes");
        String recorded = golden.path("workflow_hash").asText("");
        if (!steps.isArray() || recorded.isEmpty()) {
            fail(file + ": no step_hashes array or workflow_hash: not a simulation golden file");
            return;
        }
        List<String> hashes = new ArrayList<>();
        for (JsonNode h : steps) {
            hashes.add(h.asText());
        }
        String computed = GoldenHashes.workflowHash(hashes);
        if (!computed.equals(recorded)) {
            fail(file + ": workflow_hash " + abbreviate(recorded) + " is not the hash of its step_hashes ("
                    + abbreviate(computed) + ")");
            return;
        }
        verified++;
    }

    private static String abbreviate(String hash) {
        return hash.length() > 16 ? hash.substring(0, 16) + "..." : hash;
    }

    private void fail(String why) {
        notVerifying++;
        if (failures.size() < FAILURES_SHOWN) {
            failures.add(why);
        }
    }

    /** Takes {@code file} as the sample if it parses; false if it does not (it is listed above if it is a golden). */
    private boolean sample(Path file) {
        JsonNode node;
        try {
            node = OpsJson.readTree(file);
        } catch (OpsException e) {
            return false;
        }
        sampleName = Optional.of(file.getFileName().toString());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            sampleKeys.add(f.getKey() + ": " + shape(f.getValue()));
        }
        return true;
    }

    private static String shape(JsonNode v) {
        if (v.isArray()) {
            return "array[" + v.size() + "]";
        }
        if (v.isObject()) {
            return "object{" + v.size() + "}";
        }
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private void count(Path other) {
        long n = 0;
        long b = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(other)) {
            for (Path entry : entries) {
                try {
                    BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                    if (attrs.isRegularFile()) {
                        n++;
                        b += attrs.size();
                    }
                } catch (NoSuchFileException e) {
                    // removed while listing
                }
            }
        } catch (IOException e) {
            unreadable.add(other + ": cannot be listed: " + e.getMessage());
            return;
        }
        otherFiles = n;
        otherBytes = b;
    }

    long notVerifying() {
        return notVerifying;
    }

    @Override
    public String key() {
        return "golden";
    }

    @Override
    public String title() {
        return "Golden file analysis";
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dir", dir.map(Path::toString).orElse(null));
        json.put("files", files);
        json.put("bytes", bytes);
        json.put("by_kind", countByKind);
        json.put("newest", newest.stream().map(FileInfo::toJson).toList());
        json.put("sample", sampleName.orElse(null));
        json.put("sample_keys", sampleKeys);
        json.put("verified", verified);
        json.put("not_verifying", notVerifying);
        json.put("not_verifying_files", failures);
        json.put("traces_dir", tracesDir.map(Path::toString).orElse(null));
        if (tracesDir.isPresent()) {
            json.put("traces_files", traceFiles);
            json.put("traces_bytes", traceBytes);
            json.put("traces_checked", tracesChecked);
            json.put("traces_verified", tracesVerified);
            json.put("newest_traces", newestTraces.stream().map(FileInfo::toJson).toList());
        }
        json.put("other_dir", otherDir.map(Path::toString).orElse(null));
        json.put("other_dir_files", otherFiles < 0 ? null : otherFiles);
        json.put("other_dir_bytes", otherFiles < 0 ? null : otherBytes);
        json.put("unreadable", unreadable);
        return json;
    }

    @Override
    public void render(StringBuilder out) {
        if (dir.isEmpty()) {
            out.append("  Golden dir:   none found\n");
            return;
        }
        out.append("  Golden dir:   ").append(dir.get()).append('\n');
        out.append("  Files:        ").append(files).append(" (").append(Sizes.human(bytes)).append(")");
        if (!countByKind.isEmpty()) {
            List<String> parts = new ArrayList<>();
            countByKind.forEach((k, v) -> parts.add(v + " " + k));
            out.append(": ").append(String.join(", ", parts));
        }
        out.append('\n');
        if (!newest.isEmpty()) {
            out.append("  Newest files:\n");
            for (FileInfo f : newest) {
                out.append("    ").append(f.modified()).append("  ").append(String.format("%8s", Sizes.human(f.bytes())))
                        .append("  ").append(f.name()).append('\n');
            }
        }
        sampleName.ifPresent(n -> {
            out.append("  Structure of ").append(n).append(":\n");
            sampleKeys.forEach(k -> out.append("    ").append(k).append('\n'));
        });
        out.append("  Verified:     ").append(verified).append(" of ")
                .append(countByKind.getOrDefault(".golden.json", 0L)).append(" .golden.json files\n");
        if (countByKind.containsKey(".jsonl")) {
            out.append("  Engine traces: ").append(countByKind.get(".jsonl"))
                    .append(" .jsonl (not checked here: aos-ops golden verify ").append(dir.get()).append("/*.jsonl)\n");
        }
        tracesDir.ifPresent(t -> {
            out.append("  Traces dir:   ").append(t).append('\n');
            out.append("  Traces:       ").append(traceFiles).append(" (").append(Sizes.human(traceBytes)).append(")\n");
            if (!newestTraces.isEmpty()) {
                out.append("  Newest traces:\n");
                for (FileInfo f : newestTraces) {
                    out.append("    ").append(f.modified()).append("  ")
                            .append(String.format("%8s", Sizes.human(f.bytes()))).append("  ").append(f.name())
                            .append('\n');
                }
            }
            out.append("  Verified:     ").append(tracesVerified).append(" of ").append(tracesChecked)
                    .append(" traces (step hashes and seeds recomputed)\n");
        });
        if (notVerifying > 0) {
            out.append("  DO NOT VERIFY: ").append(notVerifying).append('\n');
            failures.forEach(f -> out.append("    ").append(f).append('\n'));
            if (notVerifying > failures.size()) {
                out.append("    ... and ").append(notVerifying - failures.size()).append(" more (--json lists the "
                        + "first ").append(FAILURES_SHOWN).append(")\n");
            }
        }
        otherDir.ifPresent(o -> out.append("  GOLDEN_DIR:   ").append(o).append(": ").append(otherFiles)
                .append(" files (").append(Sizes.human(otherBytes)).append(")\n"));
    }

    @Override
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
