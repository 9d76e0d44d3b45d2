package io.aos.ops.cli.shadow;

import io.aos.ops.cli.Workers;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.monitor.finish.GoldenArchiving;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.archive.ArchiveFormat;
import io.aos.ops.retention.archive.ArchiveReport;
import io.aos.ops.retention.archive.ArchiveVerifier;
import io.aos.ops.retention.archive.Archiver;
import io.aos.ops.retention.log.RetentionLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Wiring: the finish's archive step is retention's {@code archive --days 0} on the run's directories only, with its
 * action lines in the retention log as always, and its verify.
 */
final class RetentionArchiving implements GoldenArchiving {

    private final OpsConfig config;
    private final Clock clock;

    RetentionArchiving(OpsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Outcome archive(List<Path> directories) throws IOException {
        RetentionSettings settings = RetentionSettings.from(config, directories, clock);
        RetentionLog log = new RetentionLog(settings.logFile(), clock, line -> { });
        ArchiveReport report = new Archiver(settings, log, Workers.besideCaller()).archive(0, ArchiveFormat.GZIP, false);
        List<Archive> made = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int kept = 0;
        for (ArchiveReport.DirectoryOutcome d : report.directories()) {
            if (d.archive() != null) {
                made.add(new Archive(d.directory(), d.archive(), d.selected()));
            }
            if (d.problem() != null) {
                problems.add(d.problem());
            }
            kept += d.kept();
        }
        return new Outcome(made, kept, problems);
    }

    @Override
    public Verification verify(Path archive) {
        ArchiveVerifier.Result result = ArchiveVerifier.verify(archive);
        return new Verification(result.ok(), result.files(), result.reason());
    }
}
