package dev.jrdkafka.kafkaclients.it;

import dev.jrdkafka.kafkaclients.JrdkafkaConsumer;
import dev.jrdkafka.kafkaclients.JrdkafkaProducer;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same producer and consumer code (String keys, 100-byte String values, kafka-clients'
 * interfaces) run over kafka-clients and over the adapter, on the shared real broker.
 * Not part of the default run (not named *IT); run it with
 * {@code -Dit.test=AdapterBench -Djrdkafka.bench.records=N} (BENCHMARKS.md). Prints
 * msgs/s and CPU time of this JVM (the broker is a child process, not counted) per message.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AdapterBench {
    static final int RECORDS = Integer.getInteger("jrdkafka.bench.records", 1_000_000);
    static final int ROUNDS = Integer.getInteger("jrdkafka.bench.rounds", 2);

    @Test
    void producerAndConsumerThroughputAndCpu(KafkaBroker broker) {
        String value = "x".repeat(100);
        for (int round = 1; round <= ROUNDS; round++) {
            for (String client : List.of("kafka-clients", "adapter")) {
                String topic = "bench-" + client + "-" + round;
                broker.createTopic(topic, 3);
                Map<String, Object> pc = Configs.producer(broker);
                pc.put("acks", "1");
                pc.put("linger.ms", 5);
                pc.remove("statistics.interval.ms");
                Function<Map<String, Object>, Producer<String, String>> producers = client.equals("adapter")
                        ? JrdkafkaProducer::new : KafkaProducer::new;
                long cpu0 = cpu();
                long t0 = System.nanoTime();
                try (Producer<String, String> p = producers.apply(pc)) {
                    for (int i = 0; i < RECORDS; i++) p.send(new ProducerRecord<>(topic, Integer.toString(i), value));
                    p.flush();
                }
                report("produce", client, round, t0, cpu0);

                Map<String, Object> cc = Configs.consumer(broker, "bench-" + client + "-" + round);
                cc.remove("statistics.interval.ms");
                Function<Map<String, Object>, Consumer<String, String>> consumers = client.equals("adapter")
                        ? JrdkafkaConsumer::new : KafkaConsumer::new;
                cpu0 = cpu();
                t0 = System.nanoTime();
                long n = 0;
                long chars = 0;
                long joinedAt = 0;
                long cpuJoined = 0;
                try (Consumer<String, String> c = consumers.apply(cc)) {
                    c.subscribe(List.of(topic));
                    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                    while (n < RECORDS && System.nanoTime() < deadline) {
                        var records = c.poll(Duration.ofMillis(500));
                        if (n == 0 && !records.isEmpty()) {
                            joinedAt = System.nanoTime();
                            cpuJoined = cpu();
                        }
                        for (var r : records) {
                            n++;
                            chars += r.value().length();
                        }
                    }
                }
                if (n != RECORDS || chars != (long) RECORDS * value.length()) {
                    throw new AssertionError(client + " consumed " + n + " records, " + chars + " chars");
                }
                report("consume (incl. group join)", client, round, t0, cpu0);
                report("consume (from 1st record)", client, round, joinedAt, cpuJoined);
            }
            jrdkafkaApi(broker, round, value);
        }
    }

    /** Reference row: jrdkafka's own API (bytes, no kafka-clients types), same records, same broker. */
    private static void jrdkafkaApi(KafkaBroker broker, int round, String value) {
        String topic = "bench-jrdkafka-api-" + round;
        broker.createTopic(topic, 3);
        byte[] v = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var config = dev.jrdkafka.config.KafkaConfig.create().bootstrapServers(broker.bootstrapServers())
                .set("acks", "1").set("linger.ms", "5").set("partitioner", "murmur2_random");
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        try (var p = dev.jrdkafka.producer.Producer.create(config)) {
            for (int i = 0; i < RECORDS; i++) {
                p.produce(topic, -1, Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8), v);
            }
            p.flush(Duration.ofMinutes(2));
        }
        report("produce", "jrdkafka-api", round, t0, cpu0);
        var cc = dev.jrdkafka.config.KafkaConfig.create().bootstrapServers(broker.bootstrapServers())
                .groupId("bench-jrdkafka-api-" + round).set("auto.offset.reset", "earliest");
        cpu0 = cpu();
        t0 = System.nanoTime();
        long n = 0, joinedAt = 0, cpuJoined = 0;
        try (var c = dev.jrdkafka.consumer.Consumer.create(cc)) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (n < RECORDS && System.nanoTime() < deadline) {
                try (var batch = c.pollBatch(500, Duration.ofMillis(500))) {
                    if (n == 0 && !batch.isEmpty()) {
                        joinedAt = System.nanoTime();
                        cpuJoined = cpu();
                    }
                    n += batch.size();
                }
            }
        }
        if (n != RECORDS) throw new AssertionError("jrdkafka-api consumed " + n);
        report("consume (incl. group join)", "jrdkafka-api", round, t0, cpu0);
        report("consume (from 1st record)", "jrdkafka-api", round, joinedAt, cpuJoined);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void report(String what, String client, int round, long t0, long cpu0) {
        double s = (System.nanoTime() - t0) / 1e9;
        double cpuUs = (cpu() - cpu0) / 1e3 / RECORDS;
        String line = String.format("BENCH round %d %-14s %-27s %,10.0f msgs/s  %.2f us CPU/msg  (%,d records in %.2f s)",
                round, client, what, RECORDS / s, cpuUs, RECORDS, s);
        System.out.println(line);
    }
}
