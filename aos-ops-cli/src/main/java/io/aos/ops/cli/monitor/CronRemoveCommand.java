package io.aos.ops.cli.monitor;

import io.aos.ops.core.OperationFailedException;
import io.aos.ops.monitor.cron.CronInstallation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aos-ops cron remove}. */
@Command(name = "remove",
        mixinStandardHelpOptions = true,
        header = "Delete $AOS_CRON_DIR/aos-ops if aos-ops installed it.",
        description = {
            "Deletes the file only when it carries the aos-ops marker line; nothing",
            "else in the cron directory is touched. Exit 0 removed; 1 nothing was",
            "installed, or the file there is not ours (kept); 2 no such cron directory."
        })
public final class CronRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CronOptions options;

    @Override
    public Integer call() throws Exception {
        CronInstallation cron = options.installation();
        switch (cron.remove()) {
            case REMOVED -> Output.text(spec, "Removed " + cron.file() + ": the cron check no longer runs from cron");
            case NOTHING_INSTALLED -> throw new OperationFailedException("no " + cron.file() + ": nothing to remove");
            case REFUSED_NOT_OURS -> throw new OperationFailedException(cron.file() + " was not installed by aos-ops (no '"
                    + CronInstallation.MARKER + "' line); kept");
        }
        return 0;
    }
}
