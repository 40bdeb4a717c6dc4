package dev.jrdkafka.mock;

import static dev.jrdkafka.mock.RawClient.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KIP-714: clients push the metrics the brokers ask for, at the interval they set. */
class MockTelemetryTest {
    @Test
    void clientsPushRequestedMetricsAtTheInterval() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.setRequestedTelemetryMetrics(List.of("")); // every metric
            cluster.setTelemetryPushInterval(Duration.ofMillis(500));
            cluster.startRequestTracking();
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers())) {
                producer.metadata(DEADLINE);
                RawClient.waitUntil(DEADLINE, () -> pushes(cluster) >= 3, () -> producer.servePoll(100));
            }
            assertTrue(pushes(cluster) >= 3, "PushTelemetry requests: " + pushes(cluster));
            assertTrue(cluster.requests().stream().anyMatch(r -> r.is(ApiKey.GET_TELEMETRY_SUBSCRIPTIONS)));
        }
    }

    @Test
    void noRequestedMetricsMeansNoPushes() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.setRequestedTelemetryMetrics(List.of());
            cluster.setTelemetryPushInterval(Duration.ofMillis(200));
            cluster.startRequestTracking();
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers())) {
                producer.metadata(DEADLINE);
                RawClient.waitUntil(Duration.ofMillis(1500), () -> false, () -> producer.servePoll(100));
            }
            assertTrue(cluster.requests().stream().anyMatch(r -> r.is(ApiKey.GET_TELEMETRY_SUBSCRIPTIONS)));
            assertTrue(pushes(cluster) == 0, "PushTelemetry requests: " + pushes(cluster));
        }
    }

    private static long pushes(MockCluster cluster) {
        return cluster.requests().stream().filter(r -> r.is(ApiKey.PUSH_TELEMETRY)).count();
    }
}
