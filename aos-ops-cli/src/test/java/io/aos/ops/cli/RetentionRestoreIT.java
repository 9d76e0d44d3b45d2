package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retention restore} run as the jar: a bare archive name, as {@code verify} prints it, is found in the archive
 * directory and never taken ambiguously; SIGTERM while restoring leaves DEST as it was and says so on stderr.
 */
class RetentionRestoreIT {

    /** Restore's fault-injection property ({@code PausePoint.PROPERTY}): waits at a phase until called off. */
    private static final String PAUSE = "aos.retention.pauseRestore";

    @TempDir
    Path tmp;
    Path golden;
    Path archives;
    Path archive;

    @BeforeEach
    void anArchive() throws Exception {
        golden = Files.createDirectories(tmp.resolve("shadow_simulation_20261127_010203/golden"));
        archives = tmp.resolve("archive");
        for (int i = 0; i < 5; i++) {
            Path p = Files.writeString(golden.resolve("run-" + i + ".golden.json"), "{\"i\":" + i + "}\n");
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        }
        CliRun archived = jar(List.of(), tmp, "retention", "archive", "--days", "1", "--dir", golden.toString(),
                "--archive-dir", archives.toString());
        assertThat(archived.code()).as(archived.err()).isZero();
        try (Stream<Path> s = Files.list(archives)) {
            archive = s.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
        }
    }

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBareNameIsFoundInTheArchiveDirectory() throws Exception {
        Path dest = tmp.resolve("dest");
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));

        CliRun r = jar(List.of(), cwd, "retention", "restore", archive.getFileName().toString(), dest.toString(),
                "--archive-dir", archives.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Restored 5 files to " + dest.toRealPath() + " from " + archive);
        assertThat(dest.resolve("run-4.golden.json")).hasContent("{\"i\":4}");
    }

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBareNameOfTwoDifferentFilesIsRefusedNamingBoth() throws Exception {
        Path dest = tmp.resolve("dest");
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Files.writeString(cwd.resolve(archive.getFileName()), "another file of the same name");

        CliRun r = jar(List.of(), cwd, "retention", "restore", archive.getFileName().toString(), dest.toString(),
                "--archive-dir", archives.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is ambiguous", cwd.resolve(archive.getFileName()) + " (in the current directory)",
                archive + " (in the archive directory)");
        assertThat(dest).doesNotExist();
    }

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sigtermWhileRestoringLeavesDestCleanAndSaysSo() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Files.writeString(dest.resolve("kept.txt"), "was here before");
        List<String> command = command(List.of("-D" + PAUSE + "=staged"), "retention", "restore",
                archive.toString(), dest.toString(), "--archive-dir", archives.toString());
        Path err = tmp.resolve("restore.err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectError(err.toFile());
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            List<String> out = new ArrayList<>();
            boolean paused = false;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; !paused && (line = lines.readLine()) != null; ) {
                    out.add(line);
                    paused = line.equals("PAUSED staged");
                }
                assertThat(paused).as("the restore reached 'staged'; output " + out).isTrue();
                try (Stream<Path> s = Files.list(dest)) {
                    assertThat(s.map(f -> f.getFileName().toString())).as("staged, not yet named")
                            .anyMatch(n -> n.startsWith(".aos-restore-"));
                }

                p.destroy(); // SIGTERM

                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            }
            assertThat(p.exitValue()).isEqualTo(143);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(stderr.lines()).as(stderr).containsExactly("aos-ops: restore of " + archive
                    + " interrupted; nothing restored, " + dest.toRealPath() + " left clean");
            try (Stream<Path> s = Files.list(dest)) {
                assertThat(s.map(f -> f.getFileName().toString())).containsExactly("kept.txt");
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private List<String> command(List<String> jvmOptions, String... args) {
        String jar = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath().toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(args));
        return command;
    }

    private CliRun jar(List<String> jvmOptions, Path workingDir, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(jvmOptions, args)).directory(workingDir.toFile());
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        return CliRun.process(pb, tmp);
    }
}
