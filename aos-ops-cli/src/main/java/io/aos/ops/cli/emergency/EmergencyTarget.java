package io.aos.ops.cli.emergency;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.core.config.OpsConfig;
import picocli.CommandLine.Mixin;

/** Which emergency stop a subcommand acts on: {@code --state-dir} and the three path flags. */
final class EmergencyTarget {

    @Mixin
    CommonOptions common;

    @Mixin
    EmergencyPathOptions paths;

    /** The configuration, these flags winning over the same flags given before the subcommand name. */
    OpsConfig config(EmergencyStopCommand parent) {
        return parent.config(common, paths);
    }
}
