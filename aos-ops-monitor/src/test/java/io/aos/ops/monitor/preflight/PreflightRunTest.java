package io.aos.ops.monitor.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PreflightRunTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static PreflightProbe probe(String name, Supplier<ProbeResult> check) {
        return new PreflightProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ProbeResult check() {
                return check.get();
            }
        };
    }

    private static ProbeResult ok(String name) {
        return ProbeResult.of(name, HealthStatus.OK, name + " answered", Map.of());
    }

    @Test
    void probesRunAtOnceOnTheExecutorAndAreReportedInTheOrderGiven() {
        // Each probe waits until all have started: one after another, the first would wait for ever (its bound
        // breaks the barrier and the probe reports UNKNOWN), so eight OKs prove they ran at the same time.
        int count = 8;
        CyclicBarrier allStarted = new CyclicBarrier(count);
        List<PreflightProbe> probes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "probe" + i;
            probes.add(probe(name, () -> {
                try {
                    allStarted.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("not all probes started together", e);
                }
                return ok(name);
            }));
        }

        PreflightReport report = new Preflight(24, probes).run(pool);

        assertThat(report.results()).extracting(ProbeResult::probe)
                .containsExactly("probe0", "probe1", "probe2", "probe3", "probe4", "probe5", "probe6", "probe7");
        assertThat(report.results()).extracting(ProbeResult::status).containsOnly(HealthStatus.OK);
    }

    @Test
    void aProbeThatThrowsIsUnknownWithTheReasonAndTheOthersStillAnswer() {
        List<PreflightProbe> probes = List.of(
                probe("first", () -> ok("first")),
                probe("broken", () -> {
                    throw new IllegalStateException("socket table unreadable");
                }),
                probe("last", () -> ok("last")));

        for (PreflightReport report : List.of(new Preflight(24, probes).run(pool), new Preflight(24, probes).run())) {
            assertThat(report.results()).extracting(ProbeResult::probe).containsExactly("first", "broken", "last");
            ProbeResult broken = report.results().get(1);
            assertThat(broken.status()).isEqualTo(HealthStatus.UNKNOWN);
            assertThat(broken.message()).isEqualTo("broken could not be checked: socket table unreadable");
            assertThat(report.results().get(2).status()).isEqualTo(HealthStatus.OK);
        }
    }

    @Test
    void runningOnAPoolGivesTheSameReportAsRunningInOrderOverRandomProbes() {
        Random random = new Random(20261202);
        HealthStatus[] statuses = HealthStatus.values();
        for (int round = 0; round < 200; round++) {
            List<PreflightProbe> probes = new ArrayList<>();
            int count = 1 + random.nextInt(10);
            for (int i = 0; i < count; i++) {
                String name = "p" + i;
                HealthStatus status = statuses[random.nextInt(statuses.length)];
                boolean throwsInstead = random.nextInt(6) == 0;
                probes.add(probe(name, () -> {
                    if (throwsInstead) {
                        throw new IllegalArgumentException(name + " failed");
                    }
                    return ProbeResult.of(name, status, name + " is " + status, Map.of("n", name));
                }));
            }
            Preflight preflight = new Preflight(1 + random.nextInt(48), probes);

            PreflightReport inOrder = preflight.run();
            PreflightReport atOnce = preflight.run(pool);

            assertThat(atOnce.toJson()).as("round %d", round).isEqualTo(inOrder.toJson());
            assertThat(atOnce.lines()).as("round %d", round).isEqualTo(inOrder.lines());
        }
    }
}
