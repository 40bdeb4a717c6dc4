package dev.jrdkafka.mock;

import static dev.jrdkafka.mock.RawClient.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Errors and delays injected into requests, seen as retries and failures by a producer. */
class MockRequestErrorsTest {
    @Test
    void retriableProduceErrorsAreRetriedUntilDelivered() {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic("retried", 1, 3);
            cluster.pushRequestErrors(ApiKey.PRODUCE, KafkaError.NOT_LEADER_FOR_PARTITION,
                    KafkaError.NOT_LEADER_FOR_PARTITION, KafkaError.NOT_LEADER_FOR_PARTITION);
            cluster.startRequestTracking();
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "linger.ms", "0", "retry.backoff.ms", "10")) {
                producer.produce("retried", 0, 1);
                assertEquals(1, producer.awaitDeliveries(1, DEADLINE), "failures " + producer.failures());
            }
            long produces = cluster.requests().stream().filter(r -> r.is(ApiKey.PRODUCE)).count();
            assertTrue(produces >= 4, produces + " Produce requests");
        }
    }

    @Test
    void permanentErrorFailsTheDelivery() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("rejected", 1, 1);
            cluster.pushRequestErrors(ApiKey.PRODUCE.code(), KafkaError.INVALID_RECORD);
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "linger.ms", "0")) {
                producer.produce("rejected", 0, 1);
                assertEquals(0, producer.awaitDeliveries(1, DEADLINE));
                assertEquals(List.of(KafkaError.INVALID_RECORD), producer.failures());
            }
        }
    }

    @Test
    void clearedErrorsAreNotReturned() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("cleared", 1, 1);
            cluster.pushRequestErrors(ApiKey.PRODUCE, KafkaError.INVALID_RECORD, KafkaError.INVALID_RECORD);
            cluster.clearRequestErrors(ApiKey.PRODUCE);
            cluster.pushRequestErrors(ApiKey.METADATA.code()); // nothing to push: a no-op
            cluster.clearRequestErrors(ApiKey.FETCH.code());   // no stack yet: a no-op
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "linger.ms", "0")) {
                producer.produce("cleared", 0, 3);
                assertEquals(3, producer.awaitDeliveries(3, DEADLINE), "failures " + producer.failures());
            }
        }
    }

    @Test
    void brokerErrorsComeWithTheirDelays() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("slow", 1, 1);
            MockBroker broker = cluster.broker(1);
            broker.pushRequestErrors(ApiKey.PRODUCE, RequestError.of(KafkaError.NOT_ENOUGH_REPLICAS, Duration.ofMillis(500)),
                    RequestError.delay(Duration.ofMillis(300)));
            assertEquals(2, broker.pendingRequestErrors(ApiKey.PRODUCE));
            assertEquals(0, broker.pendingRequestErrors(ApiKey.FETCH.code()));
            cluster.startRequestTracking();
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "linger.ms", "0", "retry.backoff.ms", "10")) {
                producer.metadata(DEADLINE); // connected
                long start = System.nanoTime();
                producer.produce("slow", 0, 1);
                assertEquals(1, producer.awaitDeliveries(1, DEADLINE), "failures " + producer.failures());
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(elapsedMs >= 750, "delivered after " + elapsedMs + " ms");
            }
            assertEquals(0, broker.pendingRequestErrors(ApiKey.PRODUCE));
            List<MockRequest> produces = cluster.requests().stream().filter(r -> r.is(ApiKey.PRODUCE)).toList();
            assertEquals(2, produces.size(), produces.toString());
            long gapMicros = produces.get(1).timestampMicros() - produces.get(0).timestampMicros();
            assertTrue(gapMicros >= 450_000, "retry " + gapMicros + " µs after the first attempt");
        }
    }

    @Test
    void manyBrokerErrorsAreAllQueued() {
        try (MockCluster cluster = MockCluster.start(2)) {
            RequestError[] errors = new RequestError[19]; // more than one variadic call's worth
            for (int i = 0; i < errors.length; i++) errors[i] = RequestError.of(KafkaError.COORDINATOR_NOT_AVAILABLE);
            cluster.broker(2).pushRequestErrors(ApiKey.FIND_COORDINATOR.code(), errors);
            assertEquals(19, cluster.broker(2).pendingRequestErrors(ApiKey.FIND_COORDINATOR));
            assertEquals(0, cluster.broker(1).pendingRequestErrors(ApiKey.FIND_COORDINATOR));
        }
    }

    @Test
    void transportErrorDisconnectsTheClient() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("dropped", 1, 1);
            cluster.broker(1).pushRequestErrors(ApiKey.PRODUCE, RequestError.of(KafkaError._TRANSPORT));
            cluster.startRequestTracking();
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "linger.ms", "0", "retry.backoff.ms", "10")) {
                producer.produce("dropped", 0, 1);
                assertEquals(1, producer.awaitDeliveries(1, DEADLINE), "failures " + producer.failures());
            }
            List<MockRequest> produces = cluster.requests().stream().filter(r -> r.is(ApiKey.PRODUCE)).toList();
            assertEquals(2, produces.size(), "the dropped Produce is sent again: " + produces);
        }
    }
}
