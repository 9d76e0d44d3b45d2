package io.aos.ops.cli.retention;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.archive.ArchiveLookup;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.retention.restore.Restorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aos-ops retention restore}. */
@Command(name = "restore",
        mixinStandardHelpOptions = true,
        header = "Verify an archive, then put its files back into DEST.",
        description = {
            "Verifies the archive in full first; a damaged archive is not touched. Each file lands at DEST/<its name> "
                + "(DEST default: $GOLDEN_DIR, else /var/lib/aos/golden) with its original modification time.",
            "Archives of a shadow run (golden_<time>_<run>.tgz, and its traces as golden_<time>_<run>_traces.tgz) "
                + "also go to $GOLDEN_DIR unless DEST is given: to put them back into the run, name its golden/ or "
                + "traces/ directory as DEST.",
            "Refuses names that are absolute or contain '..', links, devices, and any path through a symbolic link. "
                + "Never overwrites an existing file unless --force (checked for all files before writing any).",
            "All or nothing: a member that is a file where another needs a directory, or anything in DEST in the "
                + "way, is refused before writing; a failure later, or Ctrl-C / SIGTERM, removes what this restore "
                + "created, and says so on stderr ('... interrupted; nothing restored, DEST left clean'). "
                + "Temporary files (.aos-restore-*.tmp) a killed restore left in DEST are removed first.",
            "Exit 0 restored, 1 archive missing, damaged or files in the way, 2 a bare ARCHIVE name found both in the "
                + "current directory and in the archive directory."
        })
public final class RetentionRestoreCommand implements Callable<Integer> {

    /** How long a signal waits for the restore to remove what it created before the JVM exits. */
    static final Duration CLEAN_UP_WAIT = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RetentionOptions retention;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to restore: a path, or a bare name "
            + "(as 'retention verify' prints it), looked for in the current directory and in the archive directory "
            + "(--archive-dir, $ARCHIVE_DIR); a name found in both as different files is refused.")
    Path archive;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST", description = "Where to restore (default: "
            + "$GOLDEN_DIR).")
    Path dest;

    @Option(names = "--force", description = "Overwrite files that already exist in DEST.")
    boolean force;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RetentionSettings settings = retention.settingsWithoutAge(common, "restore", spec.commandLine().getErr());
        Path target = dest != null ? dest : retention.config(common).path(OpsSetting.GOLDEN_DIR);
        Path source = ArchiveLookup.resolve(archive, settings.archiveDir());
        PrintWriter out = spec.commandLine().getOut();
        Restorer.Result result = restoreStoppingOnSignal(source, target, settings);
        RetentionLog log = RetentionOptions.log(settings, out, json);
        if (result.leftoversRemoved() > 0) {
            log.action("Removed " + result.leftoversRemoved() + (result.leftoversRemoved() == 1 ? " temporary file"
                    : " temporary files") + " left in " + result.destination() + " by an interrupted restore");
        }
        log.action("Restored " + result.restored() + " files to " + result.destination() + " from " + source);
        if (json) {
            out.println(OpsJson.pretty().writeValueAsString(Map.of("archive", source.toString(),
                    "destination", result.destination().toString(), "restored", result.restored(),
                    "leftovers_removed", result.leftoversRemoved())));
        }
        return 0;
    }

    /**
     * The restore, called off by SIGINT or SIGTERM: the JVM's shutdown hook asks it to stop and waits (bounded) while
     * it removes what it created, so Ctrl-C leaves DEST as it was, with no temporary files. The hook then prints the
     * one line saying so on stderr: once the JVM is shutting down, the exit code is the signal's and this thread's
     * exception would never reach the error handler, so the hook is the only one to speak, and this thread waits
     * for the JVM to end it.
     */
    private Restorer.Result restoreStoppingOnSignal(Path source, Path target, RetentionSettings settings)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<AosOpsException> calledOff = new AtomicReference<>();
        CountDownLatch returned = new CountDownLatch(1);
        PrintWriter err = spec.commandLine().getErr();
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                returned.await(CLEAN_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            AosOpsException e = calledOff.get();
            if (e != null) {
                err.println("aos-ops: " + e.getMessage());
                err.flush();
            }
        }, "restore-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return Restorer.restore(source, target, force, settings.workDir(), stop::get);
        } catch (AosOpsException e) {
            if (!stop.get()) {
                throw e;
            }
            calledOff.set(e);
            returned.countDown();
            new CountDownLatch(1).await(); // the JVM is exiting on the signal: the hook speaks, the halt ends this
            throw e;
        } finally {
            returned.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook has run or is running
            }
        }
    }
}
