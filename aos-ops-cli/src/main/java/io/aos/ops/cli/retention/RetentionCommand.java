package io.aos.ops.cli.retention;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.NotBuiltYet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Placeholder until issue 8 lands: describes the command and exits 2. */
@Command(name = "retention",
        mixinStandardHelpOptions = true,
        header = "Golden-file retention: status, archive, cleanup, verify, restore.",
        description = {
            "aos-ops retention status | archive [--days N] [--dry-run] | cleanup [--days N] [--dry-run] [--force]",
            "                  | verify [ARCHIVE...] | restore ARCHIVE [DEST]",
            "Env: ARCHIVE_DIR (default /root/archive/golden), RETENTION_DAYS (default 7). Launcher: scripts/ops/golden_retention.sh",
            "NOT BUILT YET (issue 8): running it prints one line and exits 2."
        })
public final class RetentionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments of the command to come.")
    List<String> args;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue 8");
    }
}
