package io.aos.ops.cli.retention;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.TerminalColour;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.io.IoReason;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.retention.archive.ArchiveFormat;
import io.aos.ops.retention.archive.ArchiveLookup;
import io.aos.ops.retention.archive.ArchiveVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aos-ops retention verify}. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        header = "Read archives in full and check every file's checksum.",
        description = {
            "Checks each archive (all .tgz/.tar.gz/.tar.zst in $ARCHIVE_DIR, or those named): the compression and "
                + "tar structure, the manifest, every member's checksum and the whole-archive .sha256 file.",
            "Prints '✓ name - N files' or '✗ name - reason' per archive, then 'Verified: X, Failed: Y'.",
            "Exit 0 when all verified; 1 when any failed, or the archive directory holds no archive (nothing was "
                + "verified); 2 when the archive directory does not exist or cannot be read."
        })
public final class RetentionVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RetentionOptions retention;

    @Parameters(arity = "0..*", paramLabel = "ARCHIVE", description = "Archives to verify (default: all in the "
            + "archive directory); a bare name is looked for in the current directory and in the archive directory.")
    List<Path> archives = new ArrayList<>();

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    record VerifyJson(String archive, boolean ok, int files, String reason) {
    }

    record VerifyReport(int verified, int failed, List<VerifyJson> archives) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = retention.settingsWithoutAge(common, "verify", spec.commandLine().getErr()).archiveDir();
        List<Path> targets = archives.stream().map(named -> ArchiveLookup.resolve(named, dir)).toList();
        if (targets.isEmpty()) {
            if (!Files.exists(dir)) {
                throw new BadConfigurationException("archive directory " + dir + " does not exist (--archive-dir, "
                        + "$ARCHIVE_DIR); nothing verified");
            }
            if (!Files.isDirectory(dir)) {
                throw new BadConfigurationException("archive directory " + dir + " is not a directory; nothing verified");
            }
            try {
                targets = archivesIn(dir);
            } catch (IOException e) {
                throw new BadInputException(dir, "cannot be listed (" + IoReason.describe(e) + "); nothing verified", e);
            }
            if (targets.isEmpty()) {
                if (json) {
                    out.println(OpsJson.pretty().writeValueAsString(new VerifyReport(0, 0, List.of())));
                } else {
                    out.println("No archives found in " + dir + "; nothing verified");
                }
                return 1;
            }
        }
        boolean colour = TerminalColour.enabled(retention.config(common)) && !json;
        List<VerifyJson> results = new ArrayList<>();
        int failed = 0;
        for (Path archive : targets) {
            ArchiveVerifier.Result r = ArchiveVerifier.verify(archive);
            results.add(new VerifyJson(archive.toString(), r.ok(), r.files(), r.reason()));
            if (!r.ok()) {
                failed++;
            }
            if (!json) {
                String mark = r.ok() ? (colour ? "\u001b[32m✓\u001b[0m" : "✓") : (colour ? "\u001b[31m✗\u001b[0m" : "✗");
                out.println(mark + " " + r.name() + " - " + (r.ok() ? r.files() + " files" : r.reason()));
            }
        }
        if (json) {
            out.println(OpsJson.pretty().writeValueAsString(
                    new VerifyReport(targets.size() - failed, failed, results)));
        } else {
            out.println("Verified: " + (targets.size() - failed) + ", Failed: " + failed);
        }
        return failed == 0 ? 0 : 1;
    }

    private static List<Path> archivesIn(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && ArchiveFormat.ofFileName(name).isPresent() && Files.isRegularFile(p)) {
                    found.add(p);
                }
            }
        }
        found.sort(null);
        return found;
    }
}
