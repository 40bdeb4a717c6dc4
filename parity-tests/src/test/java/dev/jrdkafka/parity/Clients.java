package dev.jrdkafka.parity;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.testkit.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The two Java clients set up alike on the shared broker: jrdkafka ({@link KafkaConfig})
 * and kafka-clients ({@link Properties}), with bounded reads for each. Tests keep apart by
 * topic and group names.
 */
final class Clients {
    private Clients() {}

    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** jrdkafka: librdkafka warnings and errors only. */
    static KafkaConfig rd(KafkaBroker broker) {
        return KafkaConfig.create().bootstrapServers(broker.bootstrapServers()).set("log_level", 4L);
    }

    /** jrdkafka consumer: no auto-commit, from the beginning. */
    static KafkaConfig rdConsumer(KafkaBroker broker, String group, String isolation) {
        KafkaConfig c = rd(broker).set("auto.offset.reset", "earliest").enableAutoCommit(false).set("isolation.level", isolation);
        if (group != null) c.groupId(group);
        return c;
    }

    static Properties kc(KafkaBroker broker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    static Properties kcProducer(KafkaBroker broker) {
        Properties p = kc(broker);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return p;
    }

    static Properties kcConsumer(KafkaBroker broker, String group, String isolation) {
        Properties p = kc(broker);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        if (group != null) p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        return p;
    }

    static KafkaProducer<byte[], byte[]> kcProducer(Properties p) {
        return new KafkaProducer<>(p);
    }

    /** {@code count} records from the start of {@code partitions} with a kafka-clients consumer (no group). */
    static List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> kcRead(KafkaBroker broker, String topic, int partitions,
                                                                                        int count, String isolation) {
        List<org.apache.kafka.common.TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) tps.add(new org.apache.kafka.common.TopicPartition(topic, p));
        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        Properties props = kcConsumer(broker, null, isolation);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 << 20));
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            c.assign(tps);
            c.seekToBeginning(tps);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (out.size() < count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("kafka-clients read " + out.size() + " of " + count + " records of " + topic + " within " + READ_TIMEOUT);
                }
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Everything from the start to the end of each partition as it is now, with a
     * kafka-clients consumer: until its position reaches {@code endOffsets} (with
     * read_committed: the last stable offset), so nothing beyond is missed or guessed.
     */
    static List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> kcReadToEnd(KafkaBroker broker, String topic, int partitions,
                                                                                             String isolation) {
        List<org.apache.kafka.common.TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) tps.add(new org.apache.kafka.common.TopicPartition(topic, p));
        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kcConsumer(broker, null, isolation))) {
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(tps, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                if (System.nanoTime() - deadline > 0) throw new AssertionError("kafka-clients did not reach the end " + end + " within " + READ_TIMEOUT);
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    /** {@code count} records from the start of {@code partitions} with a jrdkafka consumer (no group). */
    static List<ConsumerRecord> rdRead(KafkaBroker broker, String topic, int partitions, int count, String isolation) {
        List<ConsumerRecord> out = new ArrayList<>();
        try (Consumer c = Consumer.create(rdConsumer(broker, null, isolation))) {
            Map<TopicPartition, Long> start = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) start.put(new TopicPartition(topic, p), 0L);
            c.assign(start);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (out.size() < count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("jrdkafka read " + out.size() + " of " + count + " records of " + topic + " within " + READ_TIMEOUT);
                }
                ConsumerRecord r = c.poll(Duration.ofMillis(100));
                if (r != null) out.add(r);
            }
        }
        return out;
    }

    /**
     * Creates a topic and waits, bounded, until the broker reports a leader for every
     * partition. Without the wait, a producer may write while the broker is still creating
     * the partitions' logs: once, on a loaded machine, kafka-clients' idempotent producer then
     * got OutOfOrderSequenceException for a retried first batch until its delivery timeout
     * (PARITY.md, observations).
     */
    static void createTopic(KafkaBroker broker, String name, int partitions, Map<String, String> configs) throws Exception {
        broker.createTopic(name, partitions, configs);
        Properties p = kc(broker);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    var d = admin.describeTopics(List.of(name)).allTopicNames().get(10, java.util.concurrent.TimeUnit.SECONDS).get(name);
                    if (d.partitions().size() == partitions && d.partitions().stream().allMatch(tp -> tp.leader() != null && tp.leader().id() >= 0)) return;
                } catch (java.util.concurrent.ExecutionException notYet) {
                    // UnknownTopicOrPartitionException until the metadata reaches the broker
                }
                if (System.nanoTime() - deadline > 0) throw new AssertionError("partitions of " + name + " have no leader within 30 s");
                Thread.sleep(50);
            }
        }
    }

    static void createTopic(KafkaBroker broker, String name, int partitions) throws Exception {
        createTopic(broker, name, partitions, Map.of());
    }

    /** Waits, bounded, until {@code value} reaches {@code target}. */
    static void await(String what, Duration timeout, IntSupplier value, int target) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (value.getAsInt() < target) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(what + ": " + value.getAsInt() + " of " + target + " within " + timeout);
            Thread.sleep(20);
        }
    }
}
