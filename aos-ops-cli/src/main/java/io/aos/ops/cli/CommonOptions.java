package io.aos.ops.cli;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command takes: {@code --state-dir} and {@code --debug}. Include with {@code @Mixin}; build the
 * configuration with {@link #config()} and apply the command's own path flags to it with {@code with(...)}.
 */
public final class CommonOptions {

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory (default: $AOS_STATE_DIR, else /var/lib/aos). Moves every log, flag "
                    + "and state file that defaults below it.")
    Path stateDir;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;

    /** The options of this class, for {@link QuickLine}. */
    public static final QuickLine.Grammar QUICK = QuickLine.Grammar.none().values("--state-dir").flags("--debug");

    /** These options as picocli sets them from {@code line} (read by {@link #QUICK}). */
    public static CommonOptions quick(QuickLine line) {
        CommonOptions options = new CommonOptions();
        options.stateDir = line.path("--state-dir");
        options.debug = line.has("--debug");
        return options;
    }

    /** The configuration from the environment with {@code --state-dir} applied. */
    public OpsConfig config() {
        return OpsConfig.fromEnvironment().with(OpsSetting.STATE_DIR, stateDir);
    }

    public boolean debug() {
        return debug;
    }
}
