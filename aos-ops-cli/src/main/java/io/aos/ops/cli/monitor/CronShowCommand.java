package io.aos.ops.cli.monitor;

import io.aos.ops.monitor.cron.CronInstallation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops cron show}. */
@Command(name = "show",
        mixinStandardHelpOptions = true,
        header = "Print the installed cron file and whether it matches what install would write now.",
        description = {
            "States: MATCHES, DIFFERS (lines only in the installed file marked '-',",
            "lines install would write marked '+'; a wrong mode too), MISSING, NOT OURS",
            "(a file there without the aos-ops marker). Compare with the same",
            "environment or --state-dir the entry was installed with.",
            "Exit 0 MATCHES; 1 any other state; 2 no such cron directory, or the path",
            "is not a readable regular file."
        })
public final class CronShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CronOptions options;

    @Option(names = "--json", description = "Print file, state, problems, installed and expected content as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CronInstallation.Status status = options.installation().status();
        boolean matches = status.state() == CronInstallation.State.MATCHES;
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", status.file().toString());
            out.put("state", status.state().name());
            out.put("matches", matches);
            out.put("problems", status.problems());
            out.put("installed", status.installed().orElse(null));
            out.put("expected", status.expected());
            Output.json(spec, out);
            return matches ? 0 : 1;
        }
        StringBuilder text = new StringBuilder(status.file().toString()).append(": ");
        switch (status.state()) {
            case MATCHES -> text.append("MATCHES what 'aos-ops cron install' would write now\n")
                    .append(status.installed().orElseThrow());
            case DIFFERS -> {
                text.append("DIFFERS from what 'aos-ops cron install' would write now (run it to update)\n");
                status.problems().forEach(p -> text.append("  ").append(p).append('\n'));
                List<String> installed = status.installed().orElseThrow().lines().toList();
                List<String> expected = status.expected().lines().toList();
                installed.stream().filter(l -> !expected.contains(l)).forEach(l -> text.append("- ").append(l)
                        .append('\n'));
                expected.stream().filter(l -> !installed.contains(l)).forEach(l -> text.append("+ ").append(l)
                        .append('\n'));
            }
            case MISSING -> text.append("MISSING: not installed; 'aos-ops cron install' would write\n")
                    .append(status.expected());
            case NOT_OURS -> text.append("NOT OURS: no '").append(CronInstallation.MARKER)
                    .append("' line, not installed by aos-ops\n").append(status.installed().orElseThrow());
        }
        Output.text(spec, text.toString());
        return matches ? 0 : 1;
    }
}
