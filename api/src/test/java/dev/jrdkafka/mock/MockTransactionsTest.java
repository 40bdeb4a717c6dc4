package dev.jrdkafka.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transaction coordinators and API versions, seen by transactional producers. */
class MockTransactionsTest {
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void transactionCoordinatorServesInitProducerId() {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.setTransactionCoordinator("txn-a", 3);
            cluster.startRequestTracking();
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "transactional.id", "txn-a")) {
                assertEquals(KafkaError.NO_ERROR, producer.initTransactions(INIT_TIMEOUT));
            }
            List<Integer> brokers = cluster.requests().stream().filter(r -> r.is(ApiKey.INIT_PRODUCER_ID)).map(MockRequest::brokerId).toList();
            assertTrue(!brokers.isEmpty() && brokers.stream().allMatch(b -> b == 3), "InitProducerId sent to " + brokers);
        }
    }

    @Test
    void disabledApiIsUnavailableUntilItsRangeIsSetAgain() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.disableApi(ApiKey.INIT_PRODUCER_ID);
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "transactional.id", "txn-b")) {
                KafkaError error = producer.initTransactions(Duration.ofSeconds(5));
                assertNotEquals(KafkaError.NO_ERROR, error, "init_transactions without InitProducerId");
            }
            cluster.setApiVersionRange(ApiKey.INIT_PRODUCER_ID.code(), 0, 4);
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "transactional.id", "txn-c")) {
                assertEquals(KafkaError.NO_ERROR, producer.initTransactions(INIT_TIMEOUT));
            }
        }
    }
}
