package io.aos.ops.cli.retention;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.retention.RetentionSettings;
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
                + "created. Temporary files (.aos-restore-*.tmp) a killed restore left in DEST are removed first.",
            "Exit 0 restored, 1 archive missing, damaged or files in the way."
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

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to restore.")
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
        PrintWriter out = spec.commandLine().getOut();
        Restorer.Result result = restoreStoppingOnSignal(target, settings);
        RetentionLog log = RetentionOptions.log(settings, out, json);
        if (result.leftoversRemoved() > 0) {
            log.action("Removed " + result.leftoversRemoved() + (result.leftoversRemoved() == 1 ? " temporary file"
                    : " temporary files") + " left in " + result.destination() + " by an interrupted restore");
        }
        log.action("Restored " + result.restored() + " files to " + result.destination() + " from " + archive);
        if (json) {
            out.println(OpsJson.pretty().writeValueAsString(Map.of("archive", archive.toString(),
                    "destination", result.destination().toString(), "restored", result.restored(),
                    "leftovers_removed", result.leftoversRemoved())));
        }
        return 0;
    }

    /**
     * The restore, called off by SIGINT or SIGTERM: the JVM's shutdown hook asks it to stop and waits (bounded) while
     * it removes what it created, so Ctrl-C leaves DEST as it was, with no temporary files.
     */
    private Restorer.Result restoreStoppingOnSignal(Path target, RetentionSettings settings) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch returned = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                returned.await(CLEAN_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "restore-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return Restorer.restore(archive, target, force, settings.workDir(), stop::get);
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
