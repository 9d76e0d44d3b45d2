package io.aos.ops.cli.golden;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.Workers;
import io.aos.ops.core.BadInputException;
import io.aos.ops.golden.format.GoldenSecret;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.TraceAuditor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.aos.ops.cli.Console;
import io.aos.ops.cli.QuickLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aos-ops golden verify FILE...}: check {@code .sig} signatures and stored-vs-recomputed hashes. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        header = "Verify .sig signatures and stored-vs-recomputed hashes of golden traces.",
        description = {
            "An engine trace (<run_id>.steps.jsonl) verifies when its <file>.sig is the HMAC-SHA256 of the file "
                    + "under the secret AND every output_hash and step seed matches its recomputation.",
            "A simulation golden (<run_id>.golden.json) carries no signature and verifies by its workflow_hash.",
            "An engine trace without .sig (a run that never reached run_end) fails unless --allow-unsigned.",
            "",
            "The secret: --secret-file F (trailing newline ignored), else the GOLDEN_SECRET environment variable, "
                    + "else empty (what the engine uses when GOLDEN_SECRET is unset; a warning is printed). "
                    + "There is deliberately no flag that takes the secret itself: it would show in ps and shell "
                    + "history.",
            "",
            "Exit: 0 every file verifies; 1 any file does not (a trace with nothing to check, such as an empty "
                    + "one, one without run_start or a step without output_hash or seed, or with steps out of order, "
                    + "does not verify, with or without --allow-unsigned); 2 a file or the secret file cannot be "
                    + "read. A failed verification outranks an unreadable file."
        })
public final class GoldenVerifyCommand implements Callable<Integer> {

    static final String SECRET_ENV = GoldenSecret.ENVIRONMENT_VARIABLE;

    @Spec
    CommandSpec spec;

    /** The writers of a quick run ({@link QuickCommands}); null when picocli runs the command. */
    Console console;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files to verify.")
    List<Path> files;

    @Option(names = "--secret-file", paramLabel = "F",
            description = "Read the HMAC secret from this file (default: $GOLDEN_SECRET).")
    Path secretFile;

    @Option(names = "--allow-unsigned", description = "Accept engine traces that have no .sig file.")
    boolean allowUnsigned;

    @Option(names = "--json", description = "Print one JSON report.")
    boolean json;

    /** The options and arguments of this command, for {@link QuickLine}. */
    public static final QuickLine.Grammar QUICK = CommonOptions.QUICK.flags("--allow-unsigned", "--json")
            .values("--secret-file").positionals();

    /**
     * This command as picocli sets it up for {@code line} (read by {@link #QUICK}), or null when picocli must read
     * the line (no FILE).
     */
    public static GoldenVerifyCommand quick(QuickLine line, Console console) {
        List<Path> files = line.positionalPaths();
        if (files == null) {
            return null;
        }
        GoldenVerifyCommand command = new GoldenVerifyCommand();
        command.console = console;
        command.common = CommonOptions.quick(line);
        command.files = files;
        command.secretFile = line.path("--secret-file");
        command.allowUnsigned = line.has("--allow-unsigned");
        command.json = line.has("--json");
        return command;
    }

    @Override
    public Integer call() {
        PrintWriter out = Console.out(console, spec);
        PrintWriter err = Console.err(console, spec);
        byte[] secret = secret(err);
        TraceAuditor auditor = TraceAuditor.withSignatures(secret).withExecutor(Workers.executor());
        List<TraceAudit> audits = new ArrayList<>();
        for (Path file : files) {
            TraceAudit audit = auditor.audit(file);
            if (!json) {
                TraceAuditPrinter.printVerdict(out, audit, allowUnsigned);
            }
            audits.add(audit);
        }
        int verified = (int) audits.stream().filter(a -> a.readable() && a.verified(allowUnsigned)).count();
        int unreadable = (int) audits.stream().filter(a -> !a.readable()).count();
        int failed = audits.size() - verified - unreadable;
        if (json) {
            ObjectNode summary = JsonNodeFactory.instance.objectNode();
            summary.put("files_checked", audits.size());
            summary.put("verified", verified);
            summary.put("failed", failed);
            summary.put("unreadable", unreadable);
            summary.put("allow_unsigned", allowUnsigned);
            TraceAuditPrinter.printJson(out, audits, summary);
        } else {
            out.println(verified + " verified, " + failed + " failed, " + unreadable + " unreadable");
        }
        out.flush();
        return failed > 0 ? 1 : unreadable > 0 ? 2 : 0;
    }

    private byte[] secret(PrintWriter err) {
        if (secretFile != null) {
            try {
                return GoldenSecret.readFile(secretFile);
            } catch (NoSuchFileException e) {
                throw new BadInputException(secretFile, "no such file (--secret-file)", e);
            } catch (IOException e) {
                throw new BadInputException(secretFile, "cannot be read (--secret-file): " + e.getMessage(), e);
            }
        }
        Optional<byte[]> env = GoldenSecret.fromEnvironment(common.config().environment());
        if (env.isPresent()) {
            return env.get();
        }
        err.println("aos-ops: warning: " + SECRET_ENV + " not set and no --secret-file: using empty secret "
                + "(insecure; matches only traces signed without a secret)");
        return new byte[0];
    }
}
