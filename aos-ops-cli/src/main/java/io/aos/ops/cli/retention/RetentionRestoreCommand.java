package io.aos.ops.cli.retention;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.retention.restore.Restorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
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
                + "way, is refused before writing; a failure later removes what this restore created.",
            "Exit 0 restored, 1 archive missing, damaged or files in the way."
        })
public final class RetentionRestoreCommand implements Callable<Integer> {

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
        RetentionSettings settings = retention.settings(common);
        Path target = dest != null ? dest : retention.config(common).path(OpsSetting.GOLDEN_DIR);
        PrintWriter out = spec.commandLine().getOut();
        Restorer.Result result = Restorer.restore(archive, target, force, settings.workDir());
        RetentionLog log = RetentionOptions.log(settings, out, json);
        log.action("Restored " + result.restored() + " files to " + result.destination() + " from " + archive);
        if (json) {
            out.println(OpsJson.pretty().writeValueAsString(Map.of("archive", archive.toString(),
                    "destination", result.destination().toString(), "restored", result.restored())));
        }
        return 0;
    }
}
