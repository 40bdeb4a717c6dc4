package dev.jrdkafka.consumer;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Helpers shared by the consumer tests (mock cluster on loopback, bounded waits). */
final class ConsumerTestSupport {
    private ConsumerTestSupport() {}

    static KafkaConfig config(MockCluster cluster, String group) {
        KafkaConfig c = KafkaConfig.create().bootstrapServers(cluster.bootstrapServers())
                .set("auto.offset.reset", "earliest").set("log_level", 4L);
        if (group != null) c.groupId(group);
        return c;
    }

    /** Produces {@code n} records "v0".."v{n-1}" round-robin over {@code partitions}, with timestamps base + i. */
    static void produce(MockCluster cluster, String topic, int partitions, int n, long timestampBase) {
        try (Producer p = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).lingerMs(5))) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord(topic, i % partitions, null, ("v" + i).getBytes(StandardCharsets.UTF_8),
                        timestampBase + i, List.of()), (m, e) -> {
                    if (e != null) throw new AssertionError("produce failed", e);
                });
            }
            p.flush(Duration.ofSeconds(30));
        }
    }

    /** Polls (serving callbacks) until {@code done} holds; fails after {@code seconds}. Returns the records polled meanwhile. */
    static List<ConsumerRecord> pollUntil(Consumer c, int seconds, String what, BooleanSupplier done) {
        List<ConsumerRecord> polled = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(what + ": not within " + seconds + " s");
            ConsumerRecord r = c.poll(Duration.ofMillis(50));
            if (r != null) polled.add(r);
        }
        return polled;
    }

    /** Polls until {@code n} records arrived; returns them. */
    static List<ConsumerRecord> consume(Consumer c, int n, int seconds) {
        List<ConsumerRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (out.size() < n) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("consumed " + out.size() + " of " + n + " in " + seconds + " s");
            ConsumerRecord r = c.poll(Duration.ofMillis(100));
            if (r != null) out.add(r);
        }
        return out;
    }

    /** The committed offsets of {@code partitions} (-1 where none), without epochs and metadata. */
    static Map<TopicPartition, Long> committedOffsets(Consumer c, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> out = new java.util.LinkedHashMap<>();
        c.committed(partitions, Duration.ofSeconds(10)).forEach((tp, o) -> out.put(tp, o == null ? -1L : o.offset()));
        return out;
    }

    /** Polls until the group assigned {@code expected} to {@code c}; returns the records polled meanwhile. */
    static List<ConsumerRecord> awaitAssignment(Consumer c, Set<TopicPartition> expected, int seconds) {
        return pollUntil(c, seconds, "assignment " + expected, () -> c.assignment().equals(expected));
    }
}
