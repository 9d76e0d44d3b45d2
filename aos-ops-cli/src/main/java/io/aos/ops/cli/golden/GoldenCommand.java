package io.aos.ops.cli.golden;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aos-ops golden}: golden trace tools. */
@Command(name = "golden",
        mixinStandardHelpOptions = true,
        header = "Golden trace tools: hash, verify, diff, summary.")
public final class GoldenCommand implements Runnable {

    /**
     * The subcommands by name, in the order {@code --help} lists them. Added by {@code AosOps} rather than through
     * {@code @Command(subcommands = ...)}, as the groups are: {@code golden summary} builds the picocli model of
     * {@code summary} alone, not of {@code diff}'s forty options too. Each key is the subcommand's
     * {@code @Command(name)} (a test holds them equal).
     */
    public static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("hash", GoldenHashCommand::new);
        subcommands.put("verify", GoldenVerifyCommand::new);
        subcommands.put("diff", GoldenDiffCommand::new);
        subcommands.put("summary", GoldenSummaryCommand::new);
        return Collections.unmodifiableMap(subcommands);
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a golden command is required: hash, verify, diff or summary");
    }
}
