package io.aos.ops.monitor.alert;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sends each alert to every sink; a sink that fails is reported in the result and never stops the others. */
public final class AlertDispatcher {

    private final List<AlertSink> sinks;

    /** How long a webhook may take before the check goes on without it. */
    public static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(5);

    public AlertDispatcher(List<AlertSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /** The monitor daemon's sinks: the monitor log, the alerts file and, when SHADOW_HOOK is set, its webhook. */
    public static AlertDispatcher forConfig(OpsConfig config) {
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new LogFileSink(config.path(OpsSetting.MONITOR_LOG)));
        sinks.add(new JsonLinesSink(config.path(OpsSetting.ALERTS_FILE)));
        String hook = config.get(OpsSetting.SHADOW_HOOK);
        if (!hook.isBlank()) {
            sinks.add(new WebhookSink(URI.create(hook.strip()), WEBHOOK_TIMEOUT));
        }
        return new AlertDispatcher(sinks);
    }

    /** Sends every alert everywhere; returns one sentence per failed delivery. */
    public List<String> dispatch(List<Alert> alerts) {
        List<String> failures = new ArrayList<>();
        for (Alert alert : alerts) {
            for (AlertSink sink : sinks) {
                try {
                    sink.send(alert);
                } catch (IOException | RuntimeException e) {
                    String reason = e.getMessage() == null || e.getMessage().isBlank()
                            ? e.getClass().getSimpleName() : e.getMessage();
                    failures.add("could not send alert to " + sink.name() + ": " + reason);
                }
            }
        }
        return failures;
    }
}
