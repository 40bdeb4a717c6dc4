package dev.jrdkafka.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input gets an IllegalArgumentException naming the value, never reaches librdkafka. */
class MockClusterArgumentsTest {
    private static MockCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MockCluster.start(3);
        cluster.createTopic("three", 3, 1);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static void refused(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void topicsAndPartitions() {
        refused("topic must not be null", () -> cluster.createTopic(null, 1, 1));
        refused("illegal topic name ''", () -> cluster.createTopic("", 1, 1));
        refused("illegal topic name 'a b'", () -> cluster.createTopic("a b", 1, 1));
        refused("illegal topic name '..'", () -> cluster.setTopicError("..", KafkaError.NO_ERROR));
        refused("illegal topic name '" + "x".repeat(250) + "'", () -> cluster.createTopic("x".repeat(250), 1, 1));
        refused("partition count must be 1 to 10000, got -3", () -> cluster.createTopic("t", -3, 1));
        refused("got 0", () -> cluster.createTopic("t", 0, 1));
        refused("got 10001", () -> cluster.createTopic("t", 10_001, 1));
        refused("replication factor must be 1 to 3 (the number of brokers), got 4", () -> cluster.createTopic("t", 1, 4));
        refused("got 0", () -> cluster.createTopic("t", 1, 0));
        refused("partition must be 0 to 9999, got -1", () -> cluster.setPartitionLeader("three", -1, 1));
        refused("got 10000", () -> cluster.setPartitionFollower("new", 10_000, 1));
        refused("topic 'three' has no partition 3", () -> cluster.setPartitionLeader("three", 3, 1));
        refused("topic 'three' has no partition 7", () -> cluster.setPartitionFollowerWatermarks("three", 7, -1, -1));
        refused("topic 'three' has no partition 3", () -> cluster.pushPartitionLeaderResponse("three", 3, 1, 1));
        refused("topic 'three' has no partition 3", () -> cluster.setPartitionLeaderless("three", 3));
        refused("no broker 9 in this mock cluster (brokers [1, 2, 3])", () -> cluster.setPartitionLeader("three", 0, 9));
        refused("follower broker id must be -1 (none) or at least 0, got -2", () -> cluster.setPartitionFollower("three", 0, -2));
        refused("low 5, high 2", () -> cluster.setPartitionFollowerWatermarks("three", 0, 5, 2));
        refused("low -2", () -> cluster.setPartitionFollowerWatermarks("three", 0, -2, 2));
        refused("error must not be null", () -> cluster.setTopicError("three", null));
    }

    @Test
    void brokers() {
        refused("no broker 0", () -> cluster.broker(0));
        refused("no broker -1", () -> cluster.decommissionBroker(-1));
        refused("broker 2 already exists", () -> cluster.addBroker(2));
        refused("broker id must be at least 0, got -5", () -> cluster.addBroker(-5));
        refused("rtt must be 0 ms to 2147483647 ms, got PT-1S", () -> cluster.broker(1).setRtt(Duration.ofSeconds(-1)));
        refused("rtt must not be null", () -> cluster.setAllBrokersRtt(null));
        refused("got PT596523H", () -> cluster.setAllBrokersRtt(Duration.ofHours(596_523)));
        refused("rack must not be null", () -> cluster.broker(1).setRack(null));
        refused("rack must not be null", () -> cluster.setAllBrokersRack(null));
        refused("host must not be empty", () -> cluster.broker(1).setAdvertisedAddress("", 9092));
        refused("host must not contain NUL", () -> cluster.broker(1).setAdvertisedAddress("a\0b", 9092));
        refused("port must be 1 to 65535, got 70000", () -> cluster.broker(1).setAdvertisedAddress("localhost", 70_000));
        refused("no broker 5", () -> cluster.setGroupCoordinator("g", 5));
        refused("no broker 5", () -> cluster.setTransactionCoordinator("tx", 5));
        refused("group id must not be empty", () -> cluster.setGroupCoordinator("", 1));
        refused("transactional id must not be null", () -> cluster.setTransactionCoordinator(null, 1));
        try (MockCluster single = MockCluster.start(1)) {
            refused("cannot decommission broker 1: it is the cluster's last broker", () -> single.decommissionBroker(1));
        }
    }

    @Test
    void requestErrorsAndApiVersions() {
        refused("ApiKey must be 0 to 32767, got -1", () -> cluster.pushRequestErrors(-1, KafkaError.NO_ERROR));
        refused("got 32768", () -> cluster.clearRequestErrors(32_768));
        refused("apiKey must not be null", () -> cluster.pushRequestErrors((ApiKey) null, KafkaError.NO_ERROR));
        refused("errors must not be null", () -> cluster.pushRequestErrors(ApiKey.PRODUCE, (KafkaError[]) null));
        refused("errors[1] must not be null", () -> cluster.pushRequestErrors(ApiKey.PRODUCE, KafkaError.NO_ERROR, null));
        refused("responses[0] must not be null", () -> cluster.broker(1).pushRequestErrors(ApiKey.FETCH, (RequestError) null));
        refused("ApiKey must be 0 to 32767, got 40000", () -> cluster.broker(1).pendingRequestErrors(40_000));
        refused("does not implement ApiKey 32", () -> cluster.setApiVersionRange(32, 0, 1));
        refused("does not implement ApiKey 32", () -> cluster.disableApi(32));
        refused("version range 0..11 for Produce (0) must lie within the implemented 0..10",
                () -> cluster.setApiVersionRange(ApiKey.PRODUCE, 0, 11));
        refused("version range 0..2 for OffsetForLeaderEpoch (23) must lie within the implemented 2..2",
                () -> cluster.setApiVersionRange(ApiKey.OFFSET_FOR_LEADER_EPOCH, 0, 2));
        refused("version range 5..3", () -> cluster.setApiVersionRange(ApiKey.FETCH, 5, 3));
    }

    @Test
    void groupsTelemetryAndValueTypes() {
        refused("initial rebalance delay must be 0 ms", () -> cluster.setGroupInitialRebalanceDelay(Duration.ofMillis(-1)));
        refused("session timeout must be 1 ms", () -> cluster.setConsumerGroupSessionTimeout(Duration.ZERO));
        refused("heartbeat interval must not be null", () -> cluster.setConsumerGroupHeartbeatInterval(null));
        refused("group id must not be empty", () -> cluster.setTargetAssignment("", TargetAssignment.builder().assign("m", "t").build()));
        refused("assignment must not be null", () -> cluster.setTargetAssignment("g", null));
        refused("group id must not be null", () -> cluster.clearTargetAssignment(null));
        refused("prefixes must not be null", () -> cluster.setRequestedTelemetryMetrics(null));
        refused("metric prefix must not be null", () -> cluster.setRequestedTelemetryMetrics(Arrays.asList("a", null)));
        refused("push interval must be 1 ms", () -> cluster.setTelemetryPushInterval(Duration.ZERO));
        refused("a target assignment needs at least one member", () -> TargetAssignment.builder().build());
        refused("member id must not be empty", () -> TargetAssignment.builder().assign("", "t", 0));
        refused("illegal topic name 't t'", () -> TargetAssignment.builder().assign("m", "t t", 0));
        refused("partition must be 0 to 9999, got -1", () -> TargetAssignment.builder().assign("m", "t", -1));
        java.util.Map<String, List<Integer>> nullPartitions = new java.util.HashMap<>();
        nullPartitions.put("t", null);
        refused("partitions of topic 't' must not be null", () -> new TargetAssignment(java.util.Map.of("m", nullPartitions)));
        refused("error must not be null", () -> RequestError.of(null));
        refused("rtt must be 0 ms", () -> RequestError.delay(Duration.ofMillis(-5)));
        // Nothing above reached the cluster, which still works.
        assertEquals(List.of(1, 2, 3), cluster.brokerIds());
    }
}
