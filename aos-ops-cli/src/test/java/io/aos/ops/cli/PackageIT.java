package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two release forms, used as an operator uses them: the tarball unpacked into a temporary directory, and the
 * Debian package installed by dpkg into a temporary root (as root), run, removed and purged; and, only on a machine
 * a person declares disposable ({@code AOS_OPS_HOST_INSTALL_TEST=1}), installed on the machine itself. Every command
 * is pointed at temporary state ({@code AOS_STATE_DIR}, {@code AOS_SHADOW_GLOB}, {@code ARCHIVE_DIR},
 * {@code GOLDEN_DIR}); the install on the machine leaves it as it found it (a {@code /var/lib/aos} that existed before is never changed), and purges the
 * package in {@code finally}, also one a crashed earlier run left installed.
 */
@Timeout(900)
class PackageIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("aos.ops.version", "0.1.0-SNAPSHOT");
    static final Path TARBALL = Path.of(System.getProperty("aos.ops.tarball",
            "target/aos-ops-" + VERSION + ".tar.gz")).toAbsolutePath();
    static final Path DEB_DIR = Path.of(System.getProperty("aos.ops.deb.dir", "target")).toAbsolutePath();

    static final List<String> LAUNCHERS = List.of(
            "scripts/stress/run_shadow_simulation.sh shadow run",
            "scripts/stress/shadow_monitor_daemon.sh monitor",
            "scripts/stress/shadow_debug.sh debug",
            "scripts/stress/shadow_cron_check.sh cron-check",
            "scripts/stress/shadow_sanity_check.sh sanity",
            "scripts/stress/check_shadow_status.sh status",
            "scripts/ops/golden_retention.sh retention",
            "scripts/ops/disable-workflows.sh emergency-stop");

    static final Path STATE_DIR = Path.of("/var/lib/aos");
    static final Path CACHE_DIR = Path.of("/var/cache/aos-ops");
    static final Path SHARE = Path.of("/usr/share/aos-ops");
    /** The systemd units the package ships (and enables none of). */
    static final List<String> UNITS = List.of("aos-ops-monitor.service", "aos-ops-cron-check.service",
            "aos-ops-cron-check.timer");

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------------------------------------------- tarball

    @Test
    void tarballUnpackedAnywhereRunsTheCommandAShadowRunAndEveryLauncherThroughASymlinkOnThePath() throws Exception {
        assertThat(TARBALL).as("built by mvn package").isRegularFile();
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        CliRun untar = run(new ProcessBuilder("tar", "-xzf", TARBALL.toString(), "-C", opt.toString()), Map.of());
        assertThat(untar.code()).as(untar.err()).isZero();
        Path home = opt.resolve("aos-ops-" + VERSION);

        assertThat(home.resolve("lib/aos-ops.jar")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("docs/runbook.md")).isRegularFile();
        assertThat(home.resolve("deploy/prometheus/aos-ops-rules.yml")).isRegularFile();
        assertThat(home.resolve("share/man/man1/aos-ops.1.gz")).isRegularFile();
        assertThat(home.resolve("aos-ops-cli")).doesNotExist();
        assertThat(Files.isExecutable(home.resolve("bin/aos-ops"))).isTrue();
        for (String launcher : LAUNCHERS) {
            assertThat(Files.isExecutable(home.resolve(launcher.split(" ")[0]))).as(launcher).isTrue();
        }
        // nothing in the release refers back to the checkout it was built from
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jar")).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(REPO.toString());
            }
        }

        // every launcher and the command itself, through symbolic links in a directory on the PATH
        Path pathDir = Files.createDirectories(tmp.resolve("path-bin"));
        Files.createSymbolicLink(pathDir.resolve("aos-ops"), home.resolve("bin/aos-ops"));
        for (String launcher : LAUNCHERS) {
            Path script = home.resolve(launcher.split(" ")[0]);
            Files.createSymbolicLink(pathDir.resolve(script.getFileName()), script);
        }
        Path py = home.resolve("scripts/stress/golden_diff_debug.py");
        Files.createSymbolicLink(pathDir.resolve(py.getFileName()), py);
        Map<String, String> env = sandbox(pathDir);

        CliRun version = run(new ProcessBuilder("aos-ops", "--version"), env);
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("aos-ops " + VERSION);

        for (String launcher : LAUNCHERS) {
            String name = Path.of(launcher.split(" ")[0]).getFileName().toString();
            String command = launcher.substring(launcher.indexOf(' ') + 1);
            CliRun help = run(new ProcessBuilder(name, "--help"), env);
            assertThat(help.code()).as(name + ": " + help.err()).isZero();
            assertThat(help.out()).as(name).contains("Usage: aos-ops " + command);
        }
        CliRun shim = run(new ProcessBuilder("python3", pathDir.resolve("golden_diff_debug.py").toString(), "--help"),
                env);
        assertThat(shim.out()).as(shim.err()).contains("Usage: aos-ops golden diff");

        quickShadowRunCronCheckAndRetentionStatus(env, List.of("run_shadow_simulation.sh"),
                List.of("shadow_cron_check.sh"), List.of("golden_retention.sh"));

        CliRun crontab = run(new ProcessBuilder("aos-ops", "cron-check", "--print-crontab"), env);
        assertThat(crontab.out()).contains(home.resolve("scripts/stress/shadow_cron_check.sh").toString());
        // the CDS archive of a command is written next to the jar of an unpacked tarball
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith("-cron-check.jsa"));
        }
    }

    @Test
    void launcherTakesDefaultsFromItsDefaultsFileButTheEnvironmentWins() throws Exception {
        assertThat(TARBALL).as("built by mvn package").isRegularFile();
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        assertThat(run(new ProcessBuilder("tar", "-xzf", TARBALL.toString(), "-C", opt.toString()), Map.of()).code())
                .isZero();
        Path launcher = opt.resolve("aos-ops-" + VERSION + "/bin/aos-ops");
        Path fromFile = tmp.resolve("from-defaults/shadow_cron_alerts.log");
        Path defaults = tmp.resolve("aos-ops.defaults");
        Files.writeString(defaults, "# as /etc/default/aos-ops\n#AOS_STATE_DIR=/var/lib/aos\nAOS_CRON_ALERTS_LOG="
                + fromFile + "\n");
        Map<String, String> env = sandbox(tmp.resolve("no-such-bin"));
        env.put("AOS_OPS_DEFAULTS", defaults.toString());
        env.remove("AOS_CRON_ALERTS_LOG");

        CliRun viaFile = run(new ProcessBuilder(launcher.toString(), "cron-check"), env);
        assertThat(viaFile.code()).as(viaFile.out() + viaFile.err()).isIn(0, 1);
        assertThat(fromFile).as("the defaults file set the alerts log").isRegularFile();

        Path fromEnv = tmp.resolve("from-env.log");
        env.put("AOS_CRON_ALERTS_LOG", fromEnv.toString());
        long before = Files.size(fromFile);
        run(new ProcessBuilder(launcher.toString(), "cron-check"), env);
        assertThat(fromEnv).as("the environment wins over the defaults file").isRegularFile();
        assertThat(Files.size(fromFile)).isEqualTo(before);
    }

    // ----------------------------------------------------------------------------------------------------- .deb

    /**
     * The .deb installed by dpkg into a temporary root ({@code dpkg --root}, its maintainer scripts run without a
     * chroot with {@code DPKG_ROOT} set, which they honour), run from there, removed and purged: the same checks as
     * the install on this machine below, and not one real system path written.
     */
    @Test
    void debianPackageInstalledIntoATemporaryRootRunsAndOnRemoveAndPurgeLeavesDataAndTakesOnlyWhatItCreated()
            throws Exception {
        requireTool("dpkg", "a Debian system");
        requireRoot("its maintainer scripts create root-owned directories");
        Path deb = debFile();
        Path root = tmp.resolve("root");
        Path admin = Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.createDirectories(admin.resolve("info"));
        Files.createDirectories(admin.resolve("updates"));
        Files.createFile(admin.resolve("status"));
        // the machine's own paths are only asked whether they exist, before and after (never opened, listed or
        // written): the proof that an install into the temporary root leaves them as they were
        Map<Path, Boolean> hostBefore = new HashMap<>();
        for (Path real : List.of(STATE_DIR, CACHE_DIR, SHARE, Path.of("/etc/default/aos-ops"))) {
            hostBefore.put(real, Files.exists(real, LinkOption.NOFOLLOW_LINKS));
        }
        Path state = root.resolve("var/lib/aos");
        Path cache = root.resolve("var/cache/aos-ops");
        Path share = root.resolve("usr/share/aos-ops");

        CliRun install = dpkgIn(root, "-i", deb.toString());
        assertThat(install.code()).as(install.out() + install.err()).isZero();
        assertThat(packageStatusIn(root)).contains("install ok installed");
        Path command = root.resolve("usr/bin/aos-ops");
        assertPackageFiles(root);
        assertThat(state).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwxr-xr-x");
        assertThat(state.resolve(".aos-ops-package")).isRegularFile();
        assertThat(cache).isDirectory();

        // the installed command on the PATH, and the runbook's launchers, pointed at temporary state
        Map<String, String> env = sandbox(root.resolve("usr/bin"));
        // the launcher puts the CDS archives of a jar under /usr/share in /var/cache/aos-ops: here, the root's
        env.put("AOS_OPS_CDS_DIR", cache.toString());
        CliRun version = run(new ProcessBuilder("aos-ops", "--version"), env);
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("aos-ops " + VERSION);
        String stress = share.resolve("scripts/stress").toString();
        quickShadowRunCronCheckAndRetentionStatus(env, List.of(stress + "/run_shadow_simulation.sh"),
                List.of(stress + "/shadow_cron_check.sh"), List.of("aos-ops", "retention"));
        try (Stream<Path> cached = Files.list(cache); Stream<Path> lib = Files.list(share.resolve("lib"))) {
            assertThat(cached.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith("-cron-check.jsa"));
            assertThat(lib.map(p -> p.getFileName().toString())).containsExactly("aos-ops.jar");
        }

        // data written after the install stays through remove and purge; only the package's own files go
        Path data = Files.writeString(state.resolve("package-it-data.txt"), "golden data written after install\n");
        assertThat(dpkgIn(root, "-r", "aos-ops").code()).isZero();
        assertThat(command).doesNotExist();
        assertThat(share).doesNotExist();
        assertThat(cache).doesNotExist();
        assertThat(root.resolve("etc/default/aos-ops")).as("a conffile stays until purge").isRegularFile();
        assertThat(data).hasContent("golden data written after install");
        assertThat(dpkgIn(root, "-P", "aos-ops").code()).isZero();
        assertThat(packageStatusIn(root)).doesNotContain("installed").doesNotContain("config-files");
        assertThat(root.resolve("etc/default/aos-ops")).doesNotExist();
        assertThat(root.resolve("etc/cron.d/aos-ops")).doesNotExist();
        assertThat(state).as("purge keeps a state directory holding data").isDirectory();
        assertThat(state.resolve(".aos-ops-package")).doesNotExist();
        assertThat(data).hasContent("golden data written after install");

        // the package created the state directory and nothing else came: purge removes it again
        Files.delete(data);
        Files.delete(state);
        assertThat(dpkgIn(root, "-i", deb.toString()).code()).isZero();
        assertThat(state.resolve(".aos-ops-package")).isRegularFile();
        assertThat(dpkgIn(root, "-r", "aos-ops").code()).isZero();
        assertThat(dpkgIn(root, "-P", "aos-ops").code()).isZero();
        assertThat(state).doesNotExist();

        for (Map.Entry<Path, Boolean> real : hostBefore.entrySet()) {
            assertThat(Files.exists(real.getKey(), LinkOption.NOFOLLOW_LINKS)).as("%s untouched", real.getKey())
                    .isEqualTo(real.getValue());
        }
    }

    @Test
    void debianPackageInstallsRunsAndOnRemoveAndPurgeLeavesDataAndTakesOnlyWhatItCreated() throws Exception {
        requireRootWithDpkg();
        Path deb = debFile();
        purgeIfInstalled();
        boolean stateDirExisted = Files.exists(STATE_DIR, LinkOption.NOFOLLOW_LINKS);
        List<String> stateBefore = stateDirExisted ? listing(STATE_DIR) : List.of();
        Path testData = STATE_DIR.resolve("package-it-data.txt");
        try {
            installAndCheck(deb, stateDirExisted, stateBefore);

            // what an engine or the tools would have written: data the package must never take away
            if (!stateDirExisted) {
                Files.writeString(testData, "golden data written after install\n");
            }
            assertThat(dpkg("-r", "aos-ops").code()).isZero();
            assertThat(Path.of("/usr/bin/aos-ops")).doesNotExist();
            assertThat(SHARE).doesNotExist();
            assertThat(Path.of("/lib/systemd/system/aos-ops-monitor.service")).doesNotExist();
            assertThat(CACHE_DIR).doesNotExist();
            assertThat(Path.of("/etc/default/aos-ops")).as("a conffile stays until purge").isRegularFile();
            assertThat(STATE_DIR).isDirectory();
            if (!stateDirExisted) {
                assertThat(testData).hasContent("golden data written after install");
            } else {
                assertThat(listing(STATE_DIR)).isEqualTo(stateBefore);
            }

            assertThat(dpkg("-P", "aos-ops").code()).isZero();
            assertThat(packageStatus()).doesNotContain("installed").doesNotContain("config-files");
            assertThat(Path.of("/etc/default/aos-ops")).doesNotExist();
            assertThat(Path.of("/etc/cron.d/aos-ops")).doesNotExist();
            assertThat(CACHE_DIR).doesNotExist();
            if (stateDirExisted) {
                assertThat(listing(STATE_DIR)).as("a state directory the package found is never touched")
                        .isEqualTo(stateBefore);
                return;
            }
            assertThat(STATE_DIR).as("purge keeps a state directory holding data").isDirectory();
            assertThat(STATE_DIR.resolve(".aos-ops-package")).doesNotExist();
            assertThat(testData).hasContent("golden data written after install");

            // the package created /var/lib/aos and nothing else came: purge removes it again
            Files.delete(testData);
            Files.delete(STATE_DIR);
            assertThat(dpkg("-i", deb.toString()).code()).isZero();
            assertThat(STATE_DIR.resolve(".aos-ops-package")).isRegularFile();
            assertThat(dpkg("-r", "aos-ops").code()).isZero();
            assertThat(STATE_DIR).isDirectory();
            assertThat(dpkg("-P", "aos-ops").code()).isZero();
            assertThat(STATE_DIR).doesNotExist();
        } finally {
            purgeIfInstalled();
            if (!stateDirExisted) {
                Files.deleteIfExists(testData);
                Files.deleteIfExists(STATE_DIR.resolve(".aos-ops-package"));
                if (Files.isDirectory(STATE_DIR) && listing(STATE_DIR).isEmpty()) {
                    Files.delete(STATE_DIR);
                }
            }
        }
    }

    private void installAndCheck(Path deb, boolean stateDirExisted, List<String> stateBefore) throws Exception {
        CliRun install = dpkg("-i", deb.toString());
        assertThat(install.code()).as(install.out() + install.err()).isZero();
        assertThat(packageStatus()).contains("install ok installed");

        assertPackageFiles(Path.of("/"));
        // the cron entry and the units are there, and nothing runs them
        for (String unit : UNITS) {
            try (Stream<Path> wants = Files.walk(Path.of("/etc/systemd/system"))) {
                assertThat(wants.map(p -> p.getFileName().toString())).as("not enabled").doesNotContain(unit);
            } catch (java.nio.file.NoSuchFileException noSystemdConfig) {
                // nothing enabled at all
            }
        }
        assertThat(Files.readAllLines(Path.of("/etc/default/aos-ops")))
                .as("every setting of docs/configuration.md, commented out")
                .anyMatch(l -> l.startsWith("#ARCHIVE_DIR=/root/archive/golden"));
        assertThat(STATE_DIR).isDirectory();
        if (stateDirExisted) {
            assertThat(listing(STATE_DIR)).isEqualTo(stateBefore);
        } else {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(STATE_DIR))).isEqualTo("rwxr-xr-x");
            assertThat(Files.getOwner(STATE_DIR).getName()).isEqualTo("root");
            assertThat(STATE_DIR.resolve(".aos-ops-package")).isRegularFile();
        }
        assertThat(CACHE_DIR).isDirectory();

        // the installed command, found on the PATH, and the runbook launchers where the runbook runs them from
        Map<String, String> env = sandbox(Path.of("/usr/bin"));
        CliRun version = run(new ProcessBuilder("aos-ops", "--version").directory(tmp.toFile()), env);
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("aos-ops " + VERSION);
        String stress = SHARE.resolve("scripts/stress").toString();
        quickShadowRunCronCheckAndRetentionStatus(env, List.of(stress + "/run_shadow_simulation.sh"),
                List.of(stress + "/shadow_cron_check.sh"), List.of("aos-ops", "retention"));
        CliRun crontab = run(new ProcessBuilder("aos-ops", "cron-check", "--print-crontab"), env);
        assertThat(crontab.out()).contains(stress + "/shadow_cron_check.sh");
        // CDS archives go to /var/cache/aos-ops, never below /usr/share
        try (Stream<Path> cache = Files.list(CACHE_DIR); Stream<Path> lib = Files.list(SHARE.resolve("lib"))) {
            assertThat(cache.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith("-cron-check.jsa"));
            assertThat(lib.map(p -> p.getFileName().toString())).containsExactly("aos-ops.jar");
        }

        // the shipped /etc/default/aos-ops is read cleanly (all comments: the defaults stand), and a setting in such
        // a file reaches the installed command; the real file is not changed, since other runs on this machine
        // may read it meanwhile (the environment winning over the file is launcherTakesDefaults...'s to show)
        Map<String, String> withEtcDefault = new HashMap<>(env);
        withEtcDefault.remove("AOS_OPS_DEFAULTS");
        CliRun shipped = run(new ProcessBuilder("aos-ops", "cron-check"), withEtcDefault);
        assertThat(shipped.code()).as(shipped.out() + shipped.err()).isZero();
        assertThat(shipped.err()).isEmpty();
        Path fromDefaults = tmp.resolve("from-defaults.log");
        Path defaults = tmp.resolve("aos-ops.defaults");
        Files.writeString(defaults, Files.readString(Path.of("/etc/default/aos-ops"))
                + "AOS_CRON_ALERTS_LOG=" + fromDefaults + "\n");
        Map<String, String> viaFile = new HashMap<>(env);
        viaFile.remove("AOS_CRON_ALERTS_LOG");
        viaFile.put("AOS_OPS_DEFAULTS", defaults.toString());
        run(new ProcessBuilder("aos-ops", "cron-check"), viaFile);
        assertThat(fromDefaults).isRegularFile();

        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (Files.isExecutable(analyze)) {
            CliRun verify = run(new ProcessBuilder(analyze.toString(), "verify", "--man=no",
                    "/lib/systemd/system/aos-ops-monitor.service", "/lib/systemd/system/aos-ops-cron-check.service",
                    "/lib/systemd/system/aos-ops-cron-check.timer"), env);
            assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        }
    }

    @Test
    void debianPackageHasNoLintianErrors() throws Exception {
        Path lintian = requireTool("lintian", "apt-get install lintian");
        Path deb = debFile();
        ProcessBuilder pb = new ProcessBuilder(lintian.toString(), "--fail-on", "error", deb.toString());
        pb.environment().put("TMPDIR", tmp.toString()); // lintian leaves mldbm-* files behind in its TMPDIR
        CliRun check = run(pb, Map.of());
        assertThat(check.out()).as(check.out()).doesNotContainPattern("(?m)^E: ");
        // the manual page is there and man reads it cleanly (no-manual-page, manpage-has-errors-from-man, ...)
        assertThat(check.out()).as(check.out()).doesNotContainPattern("(?m)^[EW]: .*(manual-page|manpage)");
        assertThat(check.code()).as(check.out() + check.err()).isZero();
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /**
     * A quick shadow run into {@code $AOS_SHADOW_GLOB}'s directory, then the cron check (silent, an OK line in the
     * cron alerts log; run twice, so the second maps the CDS archive the first wrote) and {@code retention status}.
     */
    private void quickShadowRunCronCheckAndRetentionStatus(Map<String, String> env, List<String> shadowRun,
            List<String> cronCheck, List<String> retention) throws Exception {
        Path runDir = tmp.resolve("runs/shadow_simulation_20261202_010000");
        List<String> shadow = new ArrayList<>(shadowRun);
        shadow.addAll(List.of("--quick", "--output", runDir.toString()));
        CliRun sim = run(new ProcessBuilder(shadow), env);
        assertThat(sim.code()).as(sim.out() + sim.err()).isZero();
        assertThat(sim.out()).contains("SHADOW SIMULATION PASSED");
        assertThat(runDir.resolve("status.json")).isRegularFile();

        for (int i = 0; i < 2; i++) {
            CliRun cron = run(new ProcessBuilder(cronCheck), env);
            assertThat(cron.code()).as(cron.out() + cron.err()).isZero();
            assertThat(cron.out()).as("silent on success").isEmpty();
        }
        assertThat(Files.readString(Path.of(env.get("AOS_CRON_ALERTS_LOG")))).contains("OK: ");

        List<String> status = new ArrayList<>(retention);
        status.add("status");
        CliRun storage = run(new ProcessBuilder(status), env);
        assertThat(storage.code()).as(storage.out() + storage.err()).isZero();
        assertThat(storage.out()).contains(runDir.resolve("golden").toString());
    }

    /** Every path the commands use, in the temporary directory; {@code pathFirst} leads the PATH. */
    private Map<String, String> sandbox(Path pathFirst) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", pathFirst + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        env.put("AOS_STATE_DIR", tmp.resolve("state").toString());
        env.put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        env.put("AOS_CRON_ALERTS_LOG", tmp.resolve("state/shadow_cron_alerts.log").toString());
        env.put("GOLDEN_DIR", tmp.resolve("state/golden").toString());
        env.put("ARCHIVE_DIR", tmp.resolve("archive").toString());
        env.put("AOS_OPS_DEFAULTS", ""); // this machine's /etc/default/aos-ops, if any, stays out of the test
        env.put("NO_COLOR", "1");
        Files.createDirectories(tmp.resolve("state"));
        return env;
    }

    private CliRun run(ProcessBuilder pb, Map<String, String> env) throws IOException, InterruptedException {
        if (!env.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(env);
            // as a shell does: a bare name is looked up on the child's PATH (Java would use this JVM's), and the
            // path found, a symbolic link perhaps, is what the program is started as
            pb.command(new ArrayList<>(pb.command()));
            String program = pb.command().get(0);
            if (!program.contains("/")) {
                for (String dir : env.getOrDefault("PATH", "").split(":")) {
                    Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
                    if (Files.isExecutable(candidate)) {
                        pb.command().set(0, candidate.toString());
                        break;
                    }
                }
            }
        }
        if (pb.directory() == null) {
            pb.directory(tmp.toFile()); // never the checkout
        }
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        return CliRun.process(pb, scratch);
    }

    /** dpkg, waiting (bounded) while another dpkg or apt on this shared machine holds the lock. */
    private CliRun dpkg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("dpkg"));
        command.addAll(List.of(args));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (true) {
            CliRun r = run(new ProcessBuilder(command), Map.of());
            boolean locked = r.code() != 0 && r.err().contains("lock");
            if (!locked) {
                return r;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("the dpkg lock stayed taken for 5 minutes: " + r.err());
            }
            Thread.sleep(1000);
        }
    }

    /** dpkg on the temporary root {@code root}: maintainer scripts without a chroot, with DPKG_ROOT set. */
    private CliRun dpkgIn(Path root, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--root=" + root, "--force-script-chrootless",
                "--force-depends", "--log=" + tmp.resolve("dpkg.log")));
        command.addAll(List.of(args));
        return dpkg(command.toArray(String[]::new));
    }

    private String packageStatusIn(Path root) throws Exception {
        CliRun q = run(new ProcessBuilder("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W",
                "-f=${Status}", "aos-ops"), Map.of());
        return q.code() == 0 ? q.out() : "";
    }

    private String packageStatus() throws Exception {
        CliRun q = run(new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", "aos-ops"), Map.of());
        return q.code() == 0 ? q.out() : "";
    }

    /** A package left by an earlier, interrupted run (or by this one) is purged. */
    private void purgeIfInstalled() throws Exception {
        if (!packageStatus().isEmpty() && !packageStatus().contains("not-installed")) {
            CliRun purge = dpkg("-P", "aos-ops");
            assertThat(purge.code()).as(purge.out() + purge.err()).isZero();
        }
    }

    private static Path debFile() throws IOException {
        try (Stream<Path> files = Files.list(DEB_DIR)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().matches("aos-ops_.*_all\\.deb")).toList();
            assertThat(debs).as("built by mvn package in " + DEB_DIR).hasSize(1);
            return debs.get(0);
        }
    }

    /**
     * The files the package installs below {@code root} ({@code /} for the machine itself): the command, the jar and
     * launchers, the docs, a cron entry and units that run nothing, and a defaults file of comments only.
     */
    private static void assertPackageFiles(Path root) throws IOException {
        Path share = root.resolve("usr/share/aos-ops");
        Path command = root.resolve("usr/bin/aos-ops");
        assertThat(command).isSymbolicLink();
        assertThat(command.toRealPath()).isEqualTo(share.resolve("bin/aos-ops").toRealPath());
        assertThat(share.resolve("lib/aos-ops.jar")).isRegularFile();
        for (String launcher : LAUNCHERS) {
            assertThat(Files.isExecutable(share.resolve(launcher.split(" ")[0]))).as(launcher).isTrue();
        }
        assertThat(root.resolve("usr/share/doc/aos-ops/copyright")).isRegularFile();
        assertThat(root.resolve("usr/share/man/man1/aos-ops.1.gz")).isRegularFile();
        List<String> cron = Files.readAllLines(root.resolve("etc/cron.d/aos-ops"));
        assertThat(cron).anyMatch(l -> l.contains("/usr/share/aos-ops/scripts/stress/shadow_cron_check.sh"));
        assertThat(cron).allMatch(l -> l.isBlank() || l.startsWith("#"));
        for (String unit : UNITS) {
            assertThat(root.resolve("lib/systemd/system").resolve(unit)).isRegularFile();
        }
        assertThat(Files.readAllLines(root.resolve("etc/default/aos-ops")))
                .anyMatch(l -> l.startsWith("#AOS_STATE_DIR=/var/lib/aos"))
                .allMatch(l -> l.isBlank() || l.startsWith("#"));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Installing a package on this machine writes its real paths ({@code /usr/share/aos-ops}, {@code /etc/default},
     * {@code /var/lib/aos}): it runs only when a person declares the machine disposable
     * ({@code AOS_OPS_HOST_INSTALL_TEST=1}), as root with dpkg; anywhere else, CI included, it is skipped (the install
     * into a temporary root covers the package there), so no test run installs anything by default.
     */
    private static void requireRootWithDpkg() throws Exception {
        Assumptions.assumeTrue("1".equals(System.getenv("AOS_OPS_HOST_INSTALL_TEST")),
                "installs the .deb on this machine: set AOS_OPS_HOST_INSTALL_TEST=1 on a machine that may be changed");
        requireTool("dpkg", "a Debian system");
        requireRoot("installing the .deb needs root");
    }

    /** Skips unless this runs as root; under CI=true (which runs as root) fails instead. */
    private static void requireRoot(String why) {
        if ("root".equals(System.getProperty("user.name"))) {
            return;
        }
        String message = why + " (running as " + System.getProperty("user.name") + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + "; under CI=true this test must run");
        }
        Assumptions.assumeTrue(false, message);
    }

    private static Path requireTool(String name, String hint) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String why = name + " is not on PATH (" + hint + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; under CI=true this test must run");
        }
        Assumptions.assumeTrue(false, why);
        throw new AssertionError("unreachable");
    }
}
