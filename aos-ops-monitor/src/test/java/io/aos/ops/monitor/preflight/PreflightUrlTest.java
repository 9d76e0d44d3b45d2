package io.aos.ops.monitor.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreflightUrlTest {

    private static OpsConfig env(String name, String value) {
        return OpsConfig.of(Map.of(name, value));
    }

    @Test
    void theDefaultsApplyWhenUnset() {
        assertThat(Preflight.url(OpsConfig.of(Map.of()), "REDIS_URL", Preflight.DEFAULT_REDIS_URL,
                List.of("redis", "rediss"))).hasToString("redis://localhost:6379");
    }

    @Test
    void aWrongSchemeOrNoHostOrNoUrlIsAUsageErrorNamingTheVariable() {
        assertThatThrownBy(() -> Preflight.url(env("REDIS_URL", "http://x:1"), "REDIS_URL", "", List.of("redis")))
                .isInstanceOf(AosOpsException.class).hasMessage("REDIS_URL: 'http://x:1' must be a redis URL, not http://")
                .isInstanceOf(BadConfigurationException.class);
        assertThatThrownBy(() -> Preflight.url(env("AOS_HEALTH_URL", "localhost:8000/health"), "AOS_HEALTH_URL", "",
                List.of("http", "https"))).hasMessageStartingWith("AOS_HEALTH_URL: 'localhost:8000/health' must be");
        assertThatThrownBy(() -> Preflight.url(env("AOS_HEALTH_URL", "http://exa mple/"), "AOS_HEALTH_URL", "",
                List.of("http"))).hasMessageStartingWith("AOS_HEALTH_URL: 'http://exa mple/' is not a URL");
        assertThatThrownBy(() -> Preflight.url(env("AOS_HEALTH_URL", "http:///health"), "AOS_HEALTH_URL", "",
                List.of("http"))).hasMessage("AOS_HEALTH_URL: 'http:///health' has no host");
    }

    @Test
    void thePasswordIsNeverShown() {
        assertThat(RedisPingProbe.redacted(java.net.URI.create("rediss://user:s3cret@cache:6380/2")))
                .isEqualTo("rediss://cache:6380/2");
    }
}
