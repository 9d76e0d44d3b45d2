package io.aos.ops.cli.emergency;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The operator's reason: {@code --reason TEXT} or plain words, not both (at 3 a.m. either should just work). */
final class ReasonArgument {

    private ReasonArgument() {
    }

    static String of(CommandSpec spec, String option, List<String> words) {
        boolean hasWords = words != null && !words.isEmpty();
        if (option != null && hasWords) {
            throw new ParameterException(spec.commandLine(),
                    "give the reason either with --reason or as words, not both (words: " + String.join(" ", words)
                            + ")");
        }
        return hasWords ? String.join(" ", words) : option;
    }
}
