package io.aos.ops.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The webhook sink against a real loopback socket. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WebhookSinkIT {

    /**
     * The server accepts the connection and never answers: without the sink's timeout the dispatch would wait forever
     * (the class's @Timeout would fail the test), with it the alert fails as timed out. No wall-clock figure is asserted.
     */
    @Test
    void aWebhookThatDoesNotAnswerFailsByItsTimeoutInsteadOfHanging() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WebhookSink hook = new WebhookSink(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"),
                    Duration.ofMillis(300));
            AlertDispatcher dispatcher = new AlertDispatcher(List.of(hook));

            List<String> failures = dispatcher.dispatch(List.of(new Alert("ts", HealthStatus.WARNING, "disk",
                    Alert.Event.RAISED, "Disk usage high")));

            assertThat(failures).singleElement().asString().containsIgnoringCase("timed out");
        }
    }
}
