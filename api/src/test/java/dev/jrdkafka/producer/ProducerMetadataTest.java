package dev.jrdkafka.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Producers and consumers answer metadata questions themselves (no Admin needed). */
@Timeout(60)
class ProducerMetadataTest {
    @Test
    void producersAndConsumersListTopicsAndTheirPartitions() {
        try (MockCluster cluster = MockCluster.start(2)) {
            cluster.createTopic("meta", 3, 2);
            KafkaConfig config = KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).set("log_level", 3L);
            try (Producer p = Producer.create(config); Consumer c = Consumer.create(config.copy())) {
                for (List<PartitionInfo> partitions : List.of(p.partitionsFor("meta", Duration.ofSeconds(10)),
                        c.partitionsFor("meta", Duration.ofSeconds(10)))) {
                    assertEquals(List.of(0, 1, 2), partitions.stream().map(PartitionInfo::partition).toList());
                    partitions.forEach(pi -> assertEquals(2, pi.replicas().size(), pi.toString()));
                }
                assertTrue(p.listTopics(Duration.ofSeconds(10)).contains("meta"));
                assertTrue(c.listTopics(Duration.ofSeconds(10)).contains("meta"));
                assertEquals(2, p.metadata(Duration.ofSeconds(10)).brokers().size());
            }
        }
    }
}
