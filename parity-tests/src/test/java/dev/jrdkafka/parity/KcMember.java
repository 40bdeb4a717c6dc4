package dev.jrdkafka.parity;

import dev.jrdkafka.testkit.invariants.GroupProgressCheck;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** A kafka-clients group member. */
final class KcMember extends GroupMember {
    private final Properties config;
    private final String topic;
    private KafkaConsumer<byte[], byte[]> consumer;

    KcMember(String name, GroupProgressCheck check, Properties config, String topic) {
        super(name, check);
        this.config = config;
        this.topic = topic;
    }

    @Override
    void open() {
        consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(tp -> pending.remove(tp.partition()));
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                partitions.forEach(tp -> pending.remove(tp.partition()));
            }
        });
    }

    @Override
    void pollOnce() {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> record(r.partition(), r.offset()));
    }

    @Override
    boolean commit(Map<Integer, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        offsets.forEach((p, o) -> m.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        try {
            consumer.commitSync(m, Duration.ofSeconds(10));
            return true;
        } catch (KafkaException e) {
            return false; // CommitFailedException, RebalanceInProgressException...: uncommitted
        }
    }

    @Override
    void close() {
        if (consumer != null) consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(30)));
    }
}
