package io.aos.ops.monitor.debug;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.io.GoldenFileKind;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.TraceAuditor;
import io.aos.ops.golden.hash.GoldenHashes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
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
    private long notChecked;
    private final List<String> notCheckedShown = new ArrayList<>();
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
            countByKind.merge(GoldenFileKind.of(info.name()).label(), 1L, Long::sum);
            all.add(info);
            if (GoldenFileKind.of(info.name()) == GoldenFileKind.SIMULATION_GOLDEN) {
                verify(entry);
            }
        })) {
            return;
        }
        newest.addAll(newestFirst(all));
        // The newest file that parses: the very newest may be the one being written, or a broken one listed above.
        all.stream().filter(f -> GoldenFileKind.of(f.name()).isJsonDocument()).limit(SAMPLE_ATTEMPTS)
                .filter(f -> sample(golden.resolve(f.name()))).findFirst();
    }

    private void analyseTraces(Path traces) {
        List<FileInfo> all = new ArrayList<>();
        TraceAuditor auditor = TraceAuditor.hashesOnly();
        if (!eachRegularFile(traces, (entry, info) -> {
            traceFiles++;
            traceBytes += info.bytes();
            all.add(info);
            if (GoldenFileKind.of(info.name()) == GoldenFileKind.ENGINE_TRACE) {
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
     * Calls {@code action} for each regular file below {@code dir}, and for each symbolic link to one, with the path
     * relative to {@code dir} as the name. Every other entry is accounted for: one that cannot be checked (a symbolic
     * link loop, a dangling link, a link to a directory, which is not followed, a FIFO or device, a subdirectory that
     * cannot be listed) is recorded as not checked, with the reason, and the walk goes on; a file removed while listing
     * is skipped. False, with the reason recorded as unreadable, when {@code dir} itself cannot be listed.
     */
    private boolean eachRegularFile(Path dir, BiConsumer<Path, FileInfo> action) {
        boolean[] listed = {true};
        try {
            // Links are not followed by the walk (a link to a directory could lead anywhere, or back to a parent);
            // each link is looked at on its own below.
            Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            BasicFileAttributes target = attrs.isSymbolicLink() ? followLink(file) : attrs;
                            if (target == null) {
                                return FileVisitResult.CONTINUE; // recorded as not checked, or gone
                            }
                            if (target.isRegularFile()) {
                                action.accept(file, new FileInfo(dir.relativize(file).toString(), target.size(),
                                        target.lastModifiedTime().toInstant()));
                            } else if (!target.isDirectory()) {
                                notChecked(file + ": not a regular file (a FIFO, socket or device): not read");
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (file.equals(dir)) {
                                listed[0] = false;
                                unreadable.add(dir + ": cannot be listed: " + e.getMessage());
                            } else if (!(e instanceof NoSuchFileException) || Files.exists(file, NOFOLLOW_LINKS)) {
                                notChecked(file + ": cannot be read: " + e.getMessage());
                            }
                            // else: removed by retention while listing
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path d, IOException e) {
                            if (e != null) {
                                notChecked(d + ": listing stopped: " + e.getMessage()
                                        + "; the entries after that point were not checked");
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            unreadable.add(dir + ": cannot be listed: " + e.getMessage());
            return false;
        }
        return listed[0];
    }

    /**
     * The attributes of what the symbolic link {@code link} points to, if that is a regular file (or a FIFO or device,
     * which the caller names); null, with the reason recorded as not checked, for a loop, a dangling link or a link to
     * a directory, and null without a word when the link was removed while listing.
     */
    private BasicFileAttributes followLink(Path link) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (NoSuchFileException e) {
            return null; // removed by retention while listing
        } catch (IOException e) {
            notChecked(link + ": changed while listing (" + e.getMessage() + "): not checked");
            return null;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(link, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            notChecked(link + ": dangling symbolic link to " + target + ": not checked");
            return null;
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getMessage() : e.getReason();
            notChecked(link + (reason.contains("levels of symbolic links") ? ": symbolic link loop (" + target + "): "
                    : ": symbolic link to " + target + " cannot be followed: ") + reason + ": not checked");
            return null;
        } catch (IOException e) {
            notChecked(link + ": symbolic link to " + target + ": " + e.getMessage() + ": not checked");
            return null;
        }
        if (attrs.isDirectory()) {
            notChecked(link + ": symbolic link to the directory " + target + (leadsBack(link)
                    ? ", which leads back to one of its parents" : "") + ": not followed, its files not checked");
            return null;
        }
        return attrs;
    }

    /** True if the directory {@code link} points to is one of the link's parents: a loop, were it followed. */
    private static boolean leadsBack(Path link) {
        try {
            Path real = link.toRealPath();
            for (Path p = link.getParent(); p != null; p = p.getParent()) {
                if (Files.isSameFile(p, real)) {
                    return true;
                }
            }
        } catch (IOException e) {
            // unresolvable: not followed either way
        }
        return false;
    }

    private void notChecked(String why) {
        notChecked++;
        if (notCheckedShown.size() < FAILURES_SHOWN) {
            notCheckedShown.add(why);
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

    private void verify(Path file) {
        JsonNode golden;
        try {
            golden = OpsJson.readTree(file);
        } catch (AosOpsException e) {
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
        } catch (AosOpsException e) {
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

    /** Entries below the golden and traces directories that could not be checked (see the JSON's reasons). */
    long notChecked() {
        return notChecked;
    }

    @Override
    public Optional<String> nothingRead() {
        return dir.isEmpty() ? Optional.of("no golden directory: no golden file was checked") : Optional.empty();
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
        json.put("not_checked", notChecked);
        json.put("not_checked_entries", notCheckedShown);
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
        out.append("  Files:        ").append(files).append(" (").append(HumanBytes.format(bytes)).append(")");
        if (!countByKind.isEmpty()) {
            List<String> parts = new ArrayList<>();
            countByKind.forEach((k, v) -> parts.add(v + " " + k));
            out.append(": ").append(String.join(", ", parts));
        }
        out.append('\n');
        if (!newest.isEmpty()) {
            out.append("  Newest files:\n");
            for (FileInfo f : newest) {
                out.append("    ").append(f.modified()).append("  ").append(String.format("%8s", HumanBytes.format(f.bytes())))
                        .append("  ").append(f.name()).append('\n');
            }
        }
        sampleName.ifPresent(n -> {
            out.append("  Structure of ").append(n).append(":\n");
            sampleKeys.forEach(k -> out.append("    ").append(k).append('\n'));
        });
        out.append("  Verified:     ").append(verified).append(" of ")
                .append(countByKind.getOrDefault(".golden.json", 0L)).append(" .golden.json files");
        if (notChecked > 0) {
            out.append("; ").append(notChecked).append(notChecked == 1 ? " entry" : " entries")
                    .append(" not checked (below)");
        }
        out.append('\n');
        if (countByKind.containsKey(".jsonl")) {
            out.append("  Engine traces: ").append(countByKind.get(".jsonl"))
                    .append(" .jsonl (not checked here: aos-ops golden verify ").append(dir.get()).append("/*.jsonl)\n");
        }
        tracesDir.ifPresent(t -> {
            out.append("  Traces dir:   ").append(t).append('\n');
            out.append("  Traces:       ").append(traceFiles).append(" (").append(HumanBytes.format(traceBytes)).append(")\n");
            if (!newestTraces.isEmpty()) {
                out.append("  Newest traces:\n");
                for (FileInfo f : newestTraces) {
                    out.append("    ").append(f.modified()).append("  ")
                            .append(String.format("%8s", HumanBytes.format(f.bytes()))).append("  ").append(f.name())
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
        if (notChecked > 0) {
            out.append("  NOT CHECKED: ").append(notChecked).append('\n');
            notCheckedShown.forEach(f -> out.append("    ").append(f).append('\n'));
            if (notChecked > notCheckedShown.size()) {
                out.append("    ... and ").append(notChecked - notCheckedShown.size()).append(" more (--json lists "
                        + "the first ").append(FAILURES_SHOWN).append(")\n");
            }
        }
        otherDir.ifPresent(o -> out.append("  GOLDEN_DIR:   ").append(o).append(": ").append(otherFiles)
                .append(" files (").append(HumanBytes.format(otherBytes)).append(")\n"));
    }

    @Override
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
