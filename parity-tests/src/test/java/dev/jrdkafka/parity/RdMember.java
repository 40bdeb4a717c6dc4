package dev.jrdkafka.parity;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.RebalanceListener;
import dev.jrdkafka.testkit.invariants.GroupProgressCheck;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A jrdkafka group member. */
final class RdMember extends GroupMember {
    private final KafkaConfig config;
    private final String topic;
    private Consumer consumer;

    RdMember(String name, GroupProgressCheck check, KafkaConfig config, String topic) {
        super(name, check);
        this.config = config;
        this.topic = topic;
    }

    @Override
    void open() {
        RebalanceListener listener = new RebalanceListener() {
            @Override
            public void onPartitionsRevoked(Consumer c, Collection<TopicPartition> partitions) {
                partitions.forEach(tp -> pending.remove(tp.partition()));
            }
        };
        consumer = Consumer.create(config.copy(), ConsumerOptions.defaults().withRebalanceListener(listener));
        consumer.subscribe(List.of(topic));
    }

    @Override
    void pollOnce() {
        long until = System.nanoTime() + Duration.ofMillis(100).toNanos();
        ConsumerRecord r;
        while ((r = consumer.poll(Duration.ofMillis(20))) != null) {
            record(r.partition(), r.offset());
            if (System.nanoTime() - until > 0) break;
        }
    }

    @Override
    boolean commit(Map<Integer, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        offsets.forEach((p, o) -> m.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        try {
            consumer.commitSync(m, Duration.ofSeconds(10));
            return true;
        } catch (KafkaException e) {
            return false; // e.g. a rebalance in progress: uncommitted, re-read later if moved
        }
    }

    @Override
    void close() {
        if (consumer != null) consumer.close();
    }
}
