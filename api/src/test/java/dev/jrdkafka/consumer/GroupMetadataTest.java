package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.ConsumerGroupMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/** groupMetadata() reports librdkafka's real generation (member epoch with KIP-848) and member id. */
@Timeout(120)
class GroupMetadataTest {

    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void generationIsKnownAfterJoiningAndGrowsWhenTheGroupRebalances(String protocol) {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            cluster.createTopic("gm", 2, 1);
            var config = ConsumerTestSupport.config(cluster, "g-meta-" + protocol).set("group.protocol", protocol);
            if (protocol.equals("classic")) config.set("session.timeout.ms", "6000");
            try (Consumer a = Consumer.create(config.copy())) {
                ConsumerGroupMetadata before = a.groupMetadata();
                assertEquals(-1, before.generationId(), "not joined yet: " + before);
                a.subscribe(List.of("gm"));
                ConsumerTestSupport.awaitAssignment(a, Set.of(new TopicPartition("gm", 0), new TopicPartition("gm", 1)), 30);
                ConsumerGroupMetadata joined = a.groupMetadata();
                assertEquals("g-meta-" + protocol, joined.groupId());
                assertTrue(joined.generationId() >= 1, "generation after joining: " + joined);
                assertFalse(joined.memberId().isEmpty(), "member id after joining: " + joined);
                assertEquals(null, joined.groupInstanceId());

                try (Consumer b = Consumer.create(config.copy())) {
                    b.subscribe(List.of("gm"));
                    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(40);
                    while (a.assignment().size() != 1 || b.assignment().size() != 1) {
                        assertTrue(System.nanoTime() < deadline, "a second member shares the partitions: " + a.assignment()
                                + " " + b.assignment());
                        a.poll(Duration.ofMillis(50));
                        b.poll(Duration.ofMillis(50));
                    }
                    ConsumerGroupMetadata after = a.groupMetadata();
                    assertTrue(after.generationId() > joined.generationId(), "a rebalance moves the generation: " + joined + " -> " + after);
                    assertEquals(joined.memberId(), after.memberId());
                    assertFalse(b.groupMetadata().memberId().equals(after.memberId()), "members differ");
                }
            }
        }
    }
}
