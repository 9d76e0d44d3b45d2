package io.aos.ops.retention.archive;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.log.RetentionLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The child JVM of the crash test: archives one golden directory, like {@code aos-ops retention archive}. */
public final class ArchiveChild {

    private ArchiveChild() {
    }

    /** Arguments: root, golden dir, clock instant, days, format. */
    public static void main(String[] args) throws Exception {
        Clock clock = Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC);
        RetentionSettings settings = RetentionSettings.from(OpsConfig.rootedAt(Path.of(args[0])),
                List.of(Path.of(args[1])), clock);
        RetentionLog log = new RetentionLog(settings.logFile(), clock, System.out::println);
        ArchiveReport report = new Archiver(settings, log)
                .archive(Integer.parseInt(args[3]), ArchiveFormat.valueOf(args[4]), false);
        System.out.println(report.ok() ? "CHILD DONE" : "CHILD PROBLEM");
    }
}
