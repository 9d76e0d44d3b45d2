package io.aos.ops.monitor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Which processes are runners ({@link RunnerOwnership#runnerArguments}): one that executes upstream's script, or this
 * suite's {@code java ... shadow run}; never one that only names the script.
 */
class RunnerCommandLineTest {

    static final String SCRIPT = "/root/agenticverz2.0/scripts/stress/run_shadow_simulation.sh";

    static boolean runner(String... argv) {
        return RunnerOwnership.runnerArguments(List.of(argv)).isPresent();
    }

    @Test
    void theScriptItselfOrAShellRunningItIsARunner() {
        assertThat(runner(SCRIPT, "--hours", "24")).isTrue();
        assertThat(runner("run_shadow_simulation.sh")).isTrue();
        assertThat(runner("/bin/bash", "./scripts/stress/run_shadow_simulation.sh", "--hours", "24")).isTrue();
        assertThat(runner("bash", "-x", SCRIPT)).isTrue();
        assertThat(runner("/usr/bin/dash", "-e", "-o", "nounset", SCRIPT, "-w", "3")).isTrue();
        assertThat(runner("sh", "--", "run_shadow_simulation.sh")).isTrue();
        assertThat(RunnerOwnership.runnerArguments(List.of("bash", SCRIPT, "-o", "/data/x")))
                .contains(List.of("-o", "/data/x"));
    }

    @Test
    void aProcessThatOnlyNamesTheScriptIsNotARunner() {
        assertThat(runner("tail", "-f", SCRIPT)).isFalse();
        assertThat(runner("bash", "-c", "while :; do pgrep -f run_shadow_simulation.sh; sleep 5; done")).isFalse();
        assertThat(runner("bash", "-c", SCRIPT)).isFalse();
        assertThat(runner("vim", SCRIPT)).isFalse();
        assertThat(runner("bash", "other.sh", SCRIPT)).isFalse();
        assertThat(runner("bash", "--rcfile", SCRIPT, "other.sh")).isFalse();
        assertThat(runner("bash", "-o", SCRIPT)).isFalse();
        assertThat(runner("/bin/run_shadow_simulation.sh.bak")).isFalse();
        assertThat(runner("bash")).isFalse();
        assertThat(runner("bash", "-", SCRIPT)).isFalse();
        assertThat(runner("zsh", SCRIPT)).isFalse();
    }

    @Test
    void thisSuitesRunnerIsJavaRunningShadowRun() {
        assertThat(runner("/usr/lib/jvm/java-17/bin/java", "-Daos.ops.launcher=run_shadow_simulation.sh", "-jar",
                "aos-ops.jar", "shadow", "run", "--output", "/x")).isTrue();
        assertThat(runner("grep", "shadow", "run")).isFalse();
        assertThat(runner("/usr/bin/java", "-jar", "aos-ops.jar", "cron-check")).isFalse();
    }

    @Test
    void withoutReadableArgumentsTheCommandLineIsSplitAtSpaces() {
        assertThat(RunnerOwnership.isRunner(Optional.empty(), Optional.of("/bin/bash " + SCRIPT + " --hours 24")))
                .isTrue();
        assertThat(RunnerOwnership.isRunner(Optional.empty(), Optional.of("tail -f " + SCRIPT))).isFalse();
        assertThat(RunnerOwnership.isRunner(Optional.empty(), Optional.empty())).isFalse();
        assertThat(RunnerOwnership.isRunner(Optional.of(List.of("tail", SCRIPT)), Optional.of(SCRIPT))).isFalse();
    }

    // --- generated command lines against a model -------------------------------------------------------------------

    /** A command line and, by how it was built, whether it executes the script. */
    record Line(List<String> argv, boolean runner) {
    }

    static final List<String> SCRIPTS = List.of(SCRIPT, "run_shadow_simulation.sh", "./run_shadow_simulation.sh",
            "scripts/stress/run_shadow_simulation.sh");
    static final List<String> NOT_SCRIPTS = List.of("other.sh", "/tmp/run_shadow_simulation.sh.log",
            "run_shadow_simulation.sh.orig", "/x/my_run_shadow_simulation.shx", "24", "pipefail");
    static final List<String> SHELLS = List.of("sh", "bash", "dash", "/bin/sh", "/usr/bin/bash", "/bin/dash");
    static final List<String> OTHERS = List.of("tail", "/usr/bin/tail", "pgrep", "less", "vim", "grep", "zsh",
            "python3", "/usr/bin/watch", "bashful", "/opt/sh.d/run");
    /** Options that take no value and do not make the shell run a command string. */
    static final List<String> FLAGS = List.of("-x", "-e", "-eu", "+x", "-v", "--norc", "--noprofile", "-l");
    /** Options that take the next argument as their value. */
    static final List<String> VALUED = List.of("-o", "+o", "-O", "--rcfile", "--init-file", "-eo");

    static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    static String anyArgument(Random random) {
        return random.nextBoolean() ? pick(random, SCRIPTS) : pick(random, NOT_SCRIPTS);
    }

    static Line generate(Random random) {
        List<String> argv = new ArrayList<>();
        boolean runner;
        switch (random.nextInt(3)) {
            case 0 -> { // the script as the program
                argv.add(random.nextBoolean() ? pick(random, SCRIPTS) : pick(random, NOT_SCRIPTS));
                runner = SCRIPTS.contains(argv.get(0));
            }
            case 1 -> { // a shell: options, then its operand
                argv.add(pick(random, SHELLS));
                boolean command = false;
                for (int i = random.nextInt(4); i > 0; i--) {
                    switch (random.nextInt(3)) {
                        case 0 -> argv.add(pick(random, FLAGS));
                        case 1 -> {
                            argv.add(pick(random, VALUED));
                            argv.add(anyArgument(random)); // a value, never the operand, even when it is the script
                        }
                        default -> {
                            argv.add(random.nextBoolean() ? "-c" : "-ec");
                            command = true;
                        }
                    }
                }
                if (random.nextInt(5) == 0) {
                    argv.add("--");
                }
                boolean hasOperand = random.nextInt(8) != 0;
                String operand = anyArgument(random);
                if (!hasOperand) {
                    return new Line(List.copyOf(argv), false); // nothing after: a bare shell, reading its stdin
                }
                argv.add(operand);
                runner = !command && SCRIPTS.contains(operand);
            }
            default -> { // anything else, naming the script or not
                argv.add(pick(random, OTHERS));
                runner = false;
            }
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            argv.add(anyArgument(random)); // the arguments after the operand never change the answer
        }
        return new Line(List.copyOf(argv), runner);
    }

    @Test
    void generatedCommandLinesAreRunnersExactlyWhenTheModelSaysTheyExecuteTheScript() {
        Random random = new Random(20261203);
        int runners = 0;
        for (int n = 0; n < 20_000; n++) {
            Line line = generate(random);
            assertThat(RunnerOwnership.runnerArguments(line.argv()).isPresent()).as("%s", line.argv())
                    .isEqualTo(line.runner());
            assertThat(RunnerOwnership.isRunner(Optional.of(line.argv()), Optional.empty())).isEqualTo(line.runner());
            runners += line.runner() ? 1 : 0;
        }
        assertThat(runners).as("both answers are generated").isBetween(2_000, 18_000);
    }
}
