package dev.jrdkafka.mock;

import static dev.jrdkafka.mock.RawClient.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Group coordinators and consumer group settings, seen by classic and KIP-848 consumers. */
class MockConsumerGroupsTest {
    private static RawClient consumer848(MockCluster cluster, String group) {
        return RawClient.consumer(cluster.bootstrapServers(), "group.id", group, "group.protocol", "consumer",
                "auto.offset.reset", "earliest");
    }

    /** Coordinator placement, heartbeat interval and target assignment of a KIP-848 group. */
    @Test
    void consumerGroupFollowsCoordinatorHeartbeatAndTargetAssignment() {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic("kip848", 4, 1);
            cluster.setGroupCoordinator("g848", 2);
            cluster.setConsumerGroupHeartbeatInterval(Duration.ofMillis(200));
            try (RawClient consumer = consumer848(cluster, "g848")) {
                consumer.subscribe("kip848");
                assertEquals(Set.of(0, 1, 2, 3), consumer.awaitAssignment("kip848", Set.of(0, 1, 2, 3), DEADLINE));

                cluster.startRequestTracking();
                long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < end) consumer.poll(100);
                List<MockRequest> heartbeats = cluster.requests().stream().filter(r -> r.is(ApiKey.CONSUMER_GROUP_HEARTBEAT)).toList();
                assertTrue(heartbeats.size() >= 5, heartbeats.size() + " heartbeats in 2 s at a 200 ms interval");
                assertTrue(heartbeats.stream().allMatch(r -> r.brokerId() == 2), "all to coordinator 2: " + heartbeats);

                String member = consumer.memberId();
                assertFalse(member.isEmpty());
                cluster.setTargetAssignment("g848", TargetAssignment.builder().assign(member, "kip848", 0, 2).build());
                assertEquals(Set.of(0, 2), consumer.awaitAssignment("kip848", Set.of(0, 2), DEADLINE));
                cluster.clearTargetAssignment("g848");
                assertEquals(Set.of(0, 1, 2, 3), consumer.awaitAssignment("kip848", Set.of(0, 1, 2, 3), DEADLINE));
            }
        }
    }

    /** A member that stops heartbeating is removed after the session timeout; the other takes over. */
    @Test
    void sessionTimeoutRemovesASilentMember() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("sessions", 2, 1);
            cluster.setConsumerGroupSessionTimeout(Duration.ofMillis(1500));
            cluster.setConsumerGroupHeartbeatInterval(Duration.ofMillis(200));
            try (RawClient a = consumer848(cluster, "gs"); RawClient b = consumer848(cluster, "gs")) {
                a.subscribe("sessions");
                b.subscribe("sessions");
                RawClient.waitUntil(DEADLINE, () -> a.assignment("sessions").size() == 1 && b.assignment("sessions").size() == 1, () -> {
                    a.poll(50);
                    b.poll(50);
                });
                assertEquals(1, a.assignment("sessions").size());
                assertEquals(1, b.assignment("sessions").size());
                a.abandon(); // gone without leaving the group; the default 30 s timeout would outlast the wait below
                assertEquals(Set.of(0, 1), b.awaitAssignment("sessions", Set.of(0, 1), Duration.ofSeconds(15)));
            }
        }
    }

    /** The classic protocol's first rebalance waits group.initial.rebalance.delay.ms. */
    @Test
    void initialRebalanceDelayHoldsTheFirstJoin() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("classic", 2, 1);
            cluster.setGroupInitialRebalanceDelay(Duration.ofMillis(1500));
            cluster.startRequestTracking();
            try (RawClient consumer = RawClient.consumer(cluster.bootstrapServers(), "group.id", "gc",
                    "group.protocol", "classic")) {
                consumer.subscribe("classic");
                assertEquals(Set.of(0, 1), consumer.awaitAssignment("classic", Set.of(0, 1), DEADLINE));
            }
            List<MockRequest> requests = cluster.requests();
            MockRequest join = requests.stream().filter(r -> r.is(ApiKey.JOIN_GROUP)).findFirst().orElseThrow();
            MockRequest sync = requests.stream().filter(r -> r.is(ApiKey.SYNC_GROUP)).findFirst().orElseThrow();
            long waitedMs = (sync.timestampMicros() - join.timestampMicros()) / 1000;
            assertTrue(waitedMs >= 1400 && waitedMs < 2900, "first JoinGroup to SyncGroup: " + waitedMs + " ms (default 3000)");
        }
    }
}
