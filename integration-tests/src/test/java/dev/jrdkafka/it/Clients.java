package dev.jrdkafka.it;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

/** Client setups and bounded waits shared by the ITs (one broker, so names keep tests apart). */
final class Clients {
    private Clients() {}

    /** librdkafka warnings and errors only: its INFO lines would bury a failure. */
    static KafkaConfig config(KafkaBroker broker) {
        return KafkaConfig.create().bootstrapServers(broker.bootstrapServers()).set("log_level", 4L);
    }

    /** A consumer config: from the earliest offset, no auto-commit, the given isolation level; {@code group} may be null. */
    static KafkaConfig consumer(KafkaBroker broker, String group, String isolationLevel) {
        KafkaConfig c = config(broker).set("auto.offset.reset", "earliest").enableAutoCommit(false)
                .set("isolation.level", isolationLevel);
        if (group != null) c.groupId(group);
        return c;
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Produces "v0".."v{n-1}" round-robin over {@code partitions}; record i gets create timestamp {@code timestamp(i)} (0: now). */
    static void produce(KafkaBroker broker, String topic, int partitions, int n, LongUnaryOperator timestamp) {
        try (Producer p = Producer.create(config(broker).lingerMs(5))) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord(topic, i % partitions, null, bytes("v" + i), timestamp.applyAsLong(i), List.of()),
                        (m, e) -> {
                            if (e != null) throw new AssertionError("produce failed", e);
                        });
            }
            p.flush(Duration.ofSeconds(30));
            if (p.outstanding() != 0) throw new AssertionError(p.outstanding() + " records not delivered within 30 s");
        }
    }

    /** Polls (serving rebalances) until {@code done} holds; returns the records polled meanwhile. */
    static List<ConsumerRecord> pollUntil(Consumer c, Duration timeout, String what, BooleanSupplier done) {
        List<ConsumerRecord> polled = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(what + ": not within " + timeout);
            ConsumerRecord r = c.poll(Duration.ofMillis(50));
            if (r != null) polled.add(r);
        }
        return polled;
    }

    /** The next record; fails after {@code timeout}. */
    static ConsumerRecord pollOne(Consumer c, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            ConsumerRecord r = c.poll(Duration.ofMillis(50));
            if (r != null) return r;
        }
        throw new AssertionError("no record within " + timeout);
    }

    /**
     * Everything in {@code partitions} from the beginning to the end as it is now (read
     * until each partition reports EOF, so no quiet period is guessed). With
     * read_committed the end is the last stable offset.
     */
    static List<ConsumerRecord> readAll(KafkaBroker broker, Collection<TopicPartition> partitions, String isolationLevel) {
        Set<TopicPartition> atEnd = new HashSet<>();
        ConsumerOptions options = ConsumerOptions.defaults().withPartitionEofListener((c, tp, offset) -> atEnd.add(tp));
        try (Consumer c = Consumer.create(consumer(broker, null, isolationLevel).set("enable.partition.eof", true), options)) {
            c.assign(partitions);
            return pollUntil(c, Duration.ofSeconds(30), "reading " + partitions + " to the end",
                    () -> atEnd.containsAll(partitions));
        }
    }
}
