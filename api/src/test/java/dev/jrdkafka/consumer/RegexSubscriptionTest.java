package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A regex subscription follows topics created after subscribe (found by metadata refresh). */
@Timeout(120)
class RegexSubscriptionTest {

    @Test
    void aMatchingTopicCreatedAfterSubscribeIsPickedUpAndOthersAreNot() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            cluster.createTopic("prefix-a", 1, 1);
            cluster.createTopic("other-a", 1, 1);
            ConsumerTestSupport.produce(cluster, "prefix-a", 1, 10, 1_000);
            ConsumerTestSupport.produce(cluster, "other-a", 1, 10, 1_000);
            // The rejoin after the new topic waits up to session.timeout.ms - 1 s in the mock's
            // coordinator (rd_kafka_mock_cgrp_classic_rebalance): keep it short.
            try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, "g-regex")
                    .set("topic.metadata.refresh.interval.ms", 500L).set("session.timeout.ms", "6000"))) {
                c.subscribe(List.of("^prefix-.*"));
                assertEquals(List.of("^prefix-.*"), c.subscription());
                List<ConsumerRecord> records = new ArrayList<>(ConsumerTestSupport.awaitAssignment(c,
                        Set.of(new TopicPartition("prefix-a", 0)), 30));
                records.addAll(ConsumerTestSupport.consume(c, 10 - records.size(), 30));

                cluster.createTopic("prefix-b", 2, 1);
                cluster.createTopic("other-b", 1, 1);
                ConsumerTestSupport.produce(cluster, "prefix-b", 2, 20, 1_000);
                ConsumerTestSupport.produce(cluster, "other-b", 1, 5, 1_000);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                while (records.size() < 30) {
                    assertTrue(System.nanoTime() < deadline, "prefix-b's records within 40 s; got " + records.size()
                            + ", assignment " + c.assignment());
                    ConsumerRecord r = c.poll(Duration.ofMillis(100));
                    if (r != null) records.add(r);
                }
                assertEquals(Set.of(new TopicPartition("prefix-a", 0), new TopicPartition("prefix-b", 0),
                        new TopicPartition("prefix-b", 1)), c.assignment());
                assertEquals(Set.of("prefix-a", "prefix-b"), records.stream().map(ConsumerRecord::topic).collect(Collectors.toSet()));
                assertEquals(null, c.poll(Duration.ofMillis(500)), "nothing from other-*");
            }
        }
    }
}
