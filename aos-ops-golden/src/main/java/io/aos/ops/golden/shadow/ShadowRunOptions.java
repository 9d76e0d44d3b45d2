package io.aos.ops.golden.shadow;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.BadConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a shadow run is asked to do. Build with {@link #builder(Path)}; {@link Builder#build()} applies
 * {@code --quick}, fills the defaults and rejects impossible values with a usage error naming the flag.
 *
 * @param output               the run's output directory
 * @param hours                the run length in hours, if bounded by time
 * @param maxCycles            the cycle bound, if bounded by count
 * @param workers              parallel primary workers
 * @param workflowsPerCycle    primary workflows per cycle, split across the workers; the first
 *                             {@code workflowsPerCycle % workers} workers run one more, so none is dropped
 * @param cycleInterval        pause after each cycle
 * @param quick                {@code --quick} was given (no progress lines, like upstream)
 * @param verbose              log the per-cycle lines the monitors of upstream depend on
 * @param seed                 the run's seed; every run id, workflow type, base seed, flaw and sample derives from it
 * @param failFast             stop at the first cycle with a mismatch
 * @param injections           flaws to inject
 * @param pausePollInterval    how often to look at the emergency stop while paused
 */
public record ShadowRunOptions(
        Path output,
        OptionalDouble hours,
        OptionalLong maxCycles,
        int workers,
        int workflowsPerCycle,
        Duration cycleInterval,
        boolean quick,
        boolean verbose,
        long seed,
        boolean failFast,
        List<FaultInjection> injections,
        Duration pausePollInterval) {

    public static final int DEFAULT_WORKERS = 3;
    /** How often a run paused by the emergency stop looks whether it was released (unless set otherwise). */
    public static final Duration DEFAULT_PAUSE_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_WORKFLOWS_PER_CYCLE = 10;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final double DEFAULT_HOURS = 1;
    public static final int QUICK_CYCLES = 3;
    public static final int QUICK_WORKFLOWS_PER_CYCLE = 5;
    public static final Duration QUICK_INTERVAL = Duration.ofSeconds(2);

    public ShadowRunOptions {
        checkNotNull(output, "output");
        injections = List.copyOf(injections);
    }

    public static Builder builder(Path output) {
        return new Builder(output);
    }

    /** How many primary workflows worker {@code worker} (0-based) runs per cycle. */
    public int workflowsOfWorker(int worker) {
        return workflowsPerCycle / workers + (worker < workflowsPerCycle % workers ? 1 : 0);
    }

    /** E.g. {@code 4+3+3}. */
    public String split() {
        List<String> parts = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            parts.add(Integer.toString(workflowsOfWorker(w)));
        }
        return String.join("+", parts);
    }

    /** Collects flag values; null means "not given". */
    public static final class Builder {
        private final Path output;
        private Double hours;
        private Long cycles;
        private Integer workers;
        private Integer workflowsPerCycle;
        private Duration interval;
        private boolean quick;
        private boolean verbose;
        private Long seed;
        private boolean failFast;
        private final List<FaultInjection> injections = new ArrayList<>();
        private Duration pausePoll = DEFAULT_PAUSE_POLL_INTERVAL;

        private Builder(Path output) {
            this.output = checkNotNull(output, "output");
        }

        public Builder hours(Double value) {
            hours = value;
            return this;
        }

        public Builder cycles(Long value) {
            cycles = value;
            return this;
        }

        public Builder workers(Integer value) {
            workers = value;
            return this;
        }

        public Builder workflowsPerCycle(Integer value) {
            workflowsPerCycle = value;
            return this;
        }

        public Builder cycleInterval(Duration value) {
            interval = value;
            return this;
        }

        public Builder quick(boolean value) {
            quick = value;
            return this;
        }

        public Builder verbose(boolean value) {
            verbose = value;
            return this;
        }

        public Builder seed(Long value) {
            seed = value;
            return this;
        }

        public Builder failFast(boolean value) {
            failFast = value;
            return this;
        }

        public Builder inject(FaultInjection value) {
            injections.add(checkNotNull(value, "injection"));
            return this;
        }

        public Builder pausePollInterval(Duration value) {
            pausePoll = checkNotNull(value, "pausePollInterval");
            return this;
        }

        public ShadowRunOptions build() {
            if (hours != null && (hours.isNaN() || hours < 0 || hours.isInfinite())) {
                throw new BadConfigurationException("--hours must be a number of hours >= 0, not " + hours);
            }
            if (cycles != null && cycles < 1) {
                // Zero cycles would compare nothing and end as a failed run: refuse it before anything is created.
                throw new BadConfigurationException("--cycles must be >= 1, not " + cycles);
            }
            int w = workers == null ? DEFAULT_WORKERS : workers;
            if (w < 1 || w > 256) {
                throw new BadConfigurationException("--workers must be between 1 and 256, not " + w);
            }
            int n = workflowsPerCycle != null ? workflowsPerCycle
                    : quick ? QUICK_WORKFLOWS_PER_CYCLE : DEFAULT_WORKFLOWS_PER_CYCLE;
            if (n < 1) {
                throw new BadConfigurationException("--workflows-per-cycle must be >= 1, not " + n);
            }
            Duration i = interval != null ? interval : quick ? QUICK_INTERVAL : DEFAULT_INTERVAL;
            if (i.isNegative()) {
                throw new BadConfigurationException("--cycle-interval must be >= 0 seconds, not " + i.toSeconds());
            }
            OptionalLong maxCycles = cycles != null ? OptionalLong.of(cycles)
                    : quick ? OptionalLong.of(QUICK_CYCLES) : OptionalLong.empty();
            // Without any bound the run lasts upstream's default hour.
            OptionalDouble h = hours != null ? OptionalDouble.of(hours)
                    : maxCycles.isPresent() ? OptionalDouble.empty() : OptionalDouble.of(DEFAULT_HOURS);
            // A random default small enough to read out and retype.
            long s = seed != null ? seed : new java.security.SecureRandom().nextInt(Integer.MAX_VALUE);
            return new ShadowRunOptions(output, h, maxCycles, w, n, i, quick, verbose, s, failFast, injections,
                    pausePoll);
        }
    }
}
