package dev.jrdkafka.consumer.share;

import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Helpers of the share consumer tests: a mock cluster whose share groups read from the start, bounded waits. */
final class ShareTestSupport {
    private ShareTestSupport() {}

    static MockCluster cluster(String topic, int partitions) {
        MockCluster cluster = MockCluster.start(1);
        cluster.setShareGroupAutoOffsetResetEarliest(true);
        cluster.setShareGroupHeartbeatInterval(Duration.ofMillis(200));
        cluster.createTopic(topic, partitions, 1);
        return cluster;
    }

    static KafkaConfig config(MockCluster cluster, String group) {
        return KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).groupId(group).set("log_level", 4L);
    }

    static KafkaConfig explicit(MockCluster cluster, String group) {
        return config(cluster, group).set("share.acknowledgement.mode", AcknowledgementMode.EXPLICIT.configValue());
    }

    /** Produces "v0".."v{n-1}" round-robin over {@code partitions}. */
    static void produce(MockCluster cluster, String topic, int partitions, int n) {
        try (Producer p = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).lingerMs(5))) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord(topic, i % partitions, null, ("v" + i).getBytes(StandardCharsets.UTF_8),
                        System.currentTimeMillis(), List.of()), (m, e) -> {
                    if (e != null) throw new AssertionError("produce failed", e);
                });
            }
            p.flush(Duration.ofSeconds(30));
        }
    }

    /** A copied record with its delivery count. */
    record Delivered(ConsumerRecord record, int deliveryCount) {
        String value() {
            return new String(record.value(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Polls until {@code done} holds for what was delivered so far, handing every batch to
     * {@code perBatch} before it is closed (e.g. to acknowledge); fails after {@code seconds}.
     */
    static List<Delivered> pollUntil(ShareConsumer c, int seconds, String what, Predicate<List<Delivered>> done,
                                     java.util.function.Consumer<ShareRecordBatch> perBatch) {
        List<Delivered> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.test(out)) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(what + ": not within " + seconds + " s; got " + out.size());
            try (ShareRecordBatch b = c.poll(Duration.ofMillis(200))) {
                for (int i = 0; i < b.size(); i++) out.add(new Delivered(b.toRecord(i), b.deliveryCount(i)));
                perBatch.accept(b);
            }
        }
        return out;
    }

    /** Everything polled during {@code millis} (acknowledging with {@code perBatch}). */
    static List<Delivered> pollFor(ShareConsumer c, long millis, java.util.function.Consumer<ShareRecordBatch> perBatch) {
        List<Delivered> out = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - end < 0) {
            try (ShareRecordBatch b = c.poll(Duration.ofMillis(100))) {
                for (int i = 0; i < b.size(); i++) out.add(new Delivered(b.toRecord(i), b.deliveryCount(i)));
                perBatch.accept(b);
            }
        }
        return out;
    }

    static void acceptAll(ShareConsumer c, ShareRecordBatch b) {
        for (var r : b) c.acknowledge(r, AcknowledgeType.ACCEPT);
    }
}
