package dev.jrdkafka.mock;

import static dev.jrdkafka.mock.RawClient.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MockRequestTrackingTest {
    @Test
    void recordsEachRequestWithBrokerApiKeyAndTime() {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic("tracked", 3, 1);
            for (int p = 0; p < 3; p++) cluster.setPartitionLeader("tracked", p, p + 1);
            assertEquals(List.of(), cluster.requests(), "nothing recorded before tracking starts");
            cluster.startRequestTracking();
            try (RawClient producer = RawClient.producer(cluster.bootstrapServers(), "linger.ms", "0")) {
                producer.metadata(DEADLINE);
                for (int p = 0; p < 3; p++) producer.produce("tracked", p, 1);
                assertEquals(3, producer.awaitDeliveries(3, DEADLINE));
            }
            List<MockRequest> requests = cluster.requests();
            assertTrue(requests.stream().anyMatch(r -> r.is(ApiKey.METADATA) && r.apiKey() == 3), requests.toString());
            assertTrue(requests.stream().anyMatch(r -> r.is(ApiKey.API_VERSIONS)), requests.toString());
            List<Integer> produceBrokers = requests.stream().filter(r -> r.is(ApiKey.PRODUCE)).map(MockRequest::brokerId).sorted().toList();
            assertEquals(List.of(1, 2, 3), produceBrokers, "one Produce to each partition's leader");
            for (MockRequest r : requests) {
                assertTrue(r.timestampMicros() > 0, r.toString());
                assertTrue(cluster.brokerIds().contains(r.brokerId()), r.toString());
            }
            MockRequest produce = requests.stream().filter(r -> r.is(ApiKey.PRODUCE)).findFirst().orElseThrow();
            assertEquals(Optional.of(ApiKey.PRODUCE), produce.api());
            assertTrue(produce.toString().startsWith("Produce (0) to broker "), produce.toString());
            MockRequest first = requests.getFirst();
            assertTrue(requests.stream().allMatch(r -> r.timestampMicros() >= first.timestampMicros()), "oldest first");

            cluster.clearRequests();
            assertEquals(List.of(), cluster.requests());
            try (RawClient again = RawClient.producer(cluster.bootstrapServers())) {
                again.metadata(DEADLINE);
            }
            assertTrue(cluster.requests().stream().anyMatch(r -> r.is(ApiKey.METADATA)), "still tracking after clear");

            cluster.stopRequestTracking();
            assertEquals(List.of(), cluster.requests(), "librdkafka 2.15.0 discards the requests on stop");
            try (RawClient after = RawClient.producer(cluster.bootstrapServers())) {
                after.metadata(DEADLINE);
            }
            assertEquals(List.of(), cluster.requests(), "nothing recorded after stop");
        }
    }
}
