package io.aos.ops.cli.monitor;

import io.aos.ops.core.OperationFailedException;
import io.aos.ops.monitor.cron.CronInstallation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops cron install}. */
@Command(name = "install",
        mixinStandardHelpOptions = true,
        header = "Write the cron check's entry to $AOS_CRON_DIR/aos-ops (safe to re-run).",
        description = {
            "Writes the file atomically (mode 0644) if it is missing or differs; an",
            "entry that already matches is left as it is. Run it with the environment",
            "(AOS_STATE_DIR, ...) or --state-dir the cron check must see: cron starts",
            "with an empty environment. Exit 0 installed or unchanged; 1 a file there",
            "was not installed by aos-ops (untouched; --force replaces it); 2 no such",
            "cron directory, or a value cron cannot hold (a line break, a '#')."
        })
public final class CronInstallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CronOptions options;

    @Option(names = "--force", description = "Replace a file at that path that aos-ops did not install.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        CronInstallation cron = options.installation();
        CronInstallation.InstallOutcome outcome = cron.install(force);
        String entry = "\n  " + cron.entryLine() + "\nCheck with: aos-ops cron show   (or: grep shadow " + cron.file() + ")";
        switch (outcome) {
            case INSTALLED -> Output.text(spec, "Installed " + cron.file() + ": the cron check every 15 minutes" + entry);
            case UPDATED -> Output.text(spec, "Updated " + cron.file() + " to what install writes now" + entry);
            case UNCHANGED -> Output.text(spec, cron.file() + ": already installed, unchanged" + entry);
            case REPLACED_NOT_OURS -> Output.text(spec, "Replaced " + cron.file()
                    + " (it had no aos-ops marker line; --force)" + entry);
            case REFUSED_NOT_OURS -> throw new OperationFailedException(cron.file() + " exists and was not installed by "
                    + "aos-ops (no '" + CronInstallation.MARKER + "' line); left untouched: remove it yourself, "
                    + "or replace it with 'aos-ops cron install --force'");
        }
        return 0;
    }
}
