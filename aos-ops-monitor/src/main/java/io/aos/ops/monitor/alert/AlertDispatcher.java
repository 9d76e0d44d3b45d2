package io.aos.ops.monitor.alert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Sends each alert to every sink; a sink that fails is reported in the result and never stops the others. */
public final class AlertDispatcher {

    private final List<AlertSink> sinks;

    public AlertDispatcher(List<AlertSink> sinks) {
        this.sinks = List.copyOf(sinks);
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
