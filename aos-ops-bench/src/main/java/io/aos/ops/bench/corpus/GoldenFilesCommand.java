package io.aos.ops.bench.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "golden-files",
        mixinStandardHelpOptions = true,
        header = "N golden-sized files (format B .golden.json, ~400 bytes) with spread modification times.",
        description = {
            "Contents and names depend only on --seed; modification times are spread uniformly between",
            "NOW - max-age and NOW - min-age. More than --files-per-dir files go into subdirectories d0000, d0001, ..."
        })
final class GoldenFilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Empty or new directory.")
    Path output;

    @Option(names = "--count", defaultValue = "100000", description = "Number of files (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "12345", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-age-days", defaultValue = "1", description = "Youngest file age (default: ${DEFAULT-VALUE}).")
    double minAgeDays;

    @Option(names = "--max-age-days", defaultValue = "30", description = "Oldest file age (default: ${DEFAULT-VALUE}).")
    double maxAgeDays;

    @Option(names = "--files-per-dir", defaultValue = "100000",
            description = "Files per directory before splitting into subdirectories (default: ${DEFAULT-VALUE}).")
    int filesPerDir;

    @Option(names = "--now", paramLabel = "ISO", description = "The time ages count from, e.g. 2026-11-28T00:00:00Z "
            + "(default: the current time).")
    Instant now;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        GoldenFileCorpus.GoldenFiles files = GoldenFileCorpus.write(output, count, seed,
                now == null ? Instant.now() : now, days(minAgeDays), days(maxAgeDays), filesPerDir);
        CorpusMain.report(spec.commandLine().getErr(), "golden-files", files.files(), files.bytes(), start);
        spec.commandLine().getOut().println(files.dir());
        return 0;
    }

    private static Duration days(double days) {
        return Duration.ofMillis(Math.round(days * 86_400_000d));
    }
}
