package io.aos.ops.cli.incident;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aos-ops incident}: the runbook's "Incident Response". */
@Command(name = "incident",
        mixinStandardHelpOptions = true,
        header = "Incident response: stop workflows, capture and analyse the evidence, archive it.",
        description = {
            "aos-ops incident capture",
            "    emergency stop, evidence bundle in $AOS_REPORTS_DIR/m4-incident-<ts>/, verified archive",
            "See 'aos-ops incident capture --help' and docs/runbooks/incident.md."
        },
        subcommands = IncidentCaptureCommand.class)
public final class IncidentCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "an incident command is required: capture");
    }
}
