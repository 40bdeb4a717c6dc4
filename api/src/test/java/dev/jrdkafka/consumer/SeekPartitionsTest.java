package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** seek(Map, timeout) moves several partitions at once (rd_kafka_seek_partitions). */
@Timeout(120)
class SeekPartitionsTest {

    @Test
    void seekingSeveralPartitionsAtOnceMovesEachToItsOffset() {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("seek", 3, 1);
            ConsumerTestSupport.produce(cluster, "seek", 3, 300, 1_000); // 100 per partition
            List<TopicPartition> all = List.of(new TopicPartition("seek", 0), new TopicPartition("seek", 1), new TopicPartition("seek", 2));
            try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null))) {
                c.assign(all);
                ConsumerTestSupport.consume(c, 300, 30);
                assertEquals(null, c.poll(Duration.ofMillis(200)));

                Map<TopicPartition, Long> targets = Map.of(all.get(0), 90L, all.get(1), 95L, all.get(2), 99L);
                c.seek(targets, Duration.ofSeconds(10));
                Map<TopicPartition, Long> first = new HashMap<>();
                for (ConsumerRecord r : ConsumerTestSupport.consume(c, 10 + 5 + 1, 30)) {
                    first.merge(r.topicPartition(), r.offset(), Math::min);
                }
                assertEquals(targets, first, "each partition resumed at its own offset");
                assertEquals(null, c.poll(Duration.ofMillis(200)), "and only those records");
                assertEquals(Map.of(all.get(0), 100L, all.get(1), 100L, all.get(2), 100L), c.position(all));

                assertThrows(KafkaException.class, () -> c.seek(Map.of(new TopicPartition("seek", 9), 0L), Duration.ofSeconds(5)),
                        "not assigned");
            }
        }
    }
}
