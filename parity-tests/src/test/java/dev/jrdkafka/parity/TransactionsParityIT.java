package dev.jrdkafka.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transactions across the clients: what a transactional producer of one commits, a
 * read_committed consumer of the other sees exactly once, in order, and nothing it aborted
 * (while read_uncommitted sees the aborted records too, so the check can fail); and a
 * consume-transform-produce pipeline mixing the clients, with the consumed offsets committed
 * in the transaction ({@code sendOffsetsToTransaction}) and one batch aborted and redone.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class TransactionsParityIT {
    static final Duration TX = Duration.ofSeconds(30);
    static final int BATCH = 10;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Committed c0..c9, aborted a0..a9, committed c10..c19: what read_committed must see. */
    static List<String> expectedCommitted() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 2 * BATCH; i++) out.add("c" + i);
        return out;
    }

    @Test
    void jrdkafkaTransactionsAsKafkaClientsReadCommittedSeesThem(KafkaBroker broker) throws Exception {
        String topic = "tx-rd2kc";
        Clients.createTopic(broker, topic, 2);
        try (Producer p = Producer.create(Clients.rd(broker).transactionalId("tx-rd2kc-producer"))) {
            p.initTransactions(TX);
            for (int tx = 0; tx < 3; tx++) {
                p.beginTransaction();
                for (int i = 0; i < BATCH; i++) {
                    String v = tx == 1 ? "a" + i : "c" + (tx == 0 ? i : BATCH + i);
                    p.send(new ProducerRecord(topic, i % 2, utf8("k" + i), utf8(v)));
                }
                // flushed first, so the aborted records are in the log (read_uncommitted sees them)
                p.flush(TX);
                if (tx == 1) p.abortTransaction(TX);
                else p.commitTransaction(TX);
            }
        }
        // 30 data records + 3 markers per partition; read_committed: the 20 committed
        List<String> committed = values(Clients.kcReadToEnd(broker, topic, 2, "read_committed").stream().map(r -> r.value()).toList());
        assertInOrderPerPartition(committed);
        assertEquals(expectedCommitted(), committed.stream().sorted(this::byNumber).toList());
        List<String> all = values(Clients.kcRead(broker, topic, 2, 3 * BATCH, "read_uncommitted").stream().map(r -> r.value()).toList());
        assertEquals(BATCH, all.stream().filter(v -> v.startsWith("a")).count(), "read_uncommitted sees the aborted records: " + all);
    }

    @Test
    void kafkaClientsTransactionsAsJrdkafkaReadCommittedSeesThem(KafkaBroker broker) throws Exception {
        String topic = "tx-kc2rd";
        Clients.createTopic(broker, topic, 2);
        Properties props = Clients.kcProducer(broker);
        props.put("transactional.id", "tx-kc2rd-producer");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props)) {
            p.initTransactions();
            for (int tx = 0; tx < 3; tx++) {
                p.beginTransaction();
                for (int i = 0; i < BATCH; i++) {
                    String v = tx == 1 ? "a" + i : "c" + (tx == 0 ? i : BATCH + i);
                    p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, i % 2, utf8("k" + i), utf8(v)));
                }
                // flushed first: kafka-clients drops unsent batches at abort, and they must be in the log
                p.flush();
                if (tx == 1) p.abortTransaction();
                else p.commitTransaction();
            }
        }
        List<String> committed = values(Clients.rdRead(broker, topic, 2, 2 * BATCH, "read_committed").stream().map(ConsumerRecord::value).toList());
        assertInOrderPerPartition(committed);
        assertEquals(expectedCommitted(), committed.stream().sorted(this::byNumber).toList());
        List<String> all = values(Clients.rdRead(broker, topic, 2, 3 * BATCH, "read_uncommitted").stream().map(ConsumerRecord::value).toList());
        assertEquals(BATCH, all.stream().filter(v -> v.startsWith("a")).count(), "read_uncommitted sees the aborted records: " + all);
        // read_committed must not return more than the committed: nothing after them either
        assertNoMoreThan(broker, topic, 2, 2 * BATCH);
    }

    /** read_committed over every partition until EOF: exactly {@code n} records. */
    private static void assertNoMoreThan(KafkaBroker broker, String topic, int partitions, int n) {
        java.util.Set<TopicPartition> eof = new java.util.HashSet<>();
        var options = dev.jrdkafka.consumer.ConsumerOptions.defaults().withPartitionEofListener((c, tp, o) -> eof.add(tp));
        int count = 0;
        try (Consumer c = Consumer.create(Clients.rdConsumer(broker, null, "read_committed").set("enable.partition.eof", true), options)) {
            Map<TopicPartition, Long> start = new HashMap<>();
            for (int p = 0; p < partitions; p++) start.put(new TopicPartition(topic, p), 0L);
            c.assign(start);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (eof.size() < partitions && System.nanoTime() - deadline < 0) {
                if (c.poll(Duration.ofMillis(50)) != null) count++;
            }
        }
        assertEquals(partitions, eof.size(), "every partition read to the end");
        assertEquals(n, count, "read_committed to the end");
    }

    /**
     * kafka-clients consumes "in", jrdkafka transforms (upper case) and produces "out" in
     * transactions with the consumer's offsets; then the reverse pairing on the same data.
     * Batch 2 of each is aborted once and redone after a seek back to the committed offset.
     */
    @Test
    void mixedConsumeTransformProduce(KafkaBroker broker) throws Exception {
        int n = 60;
        Clients.createTopic(broker, "ctp-in", 1);
        Clients.createTopic(broker, "ctp-out-kc-rd", 1);
        Clients.createTopic(broker, "ctp-out-rd-kc", 1);
        try (Producer p = Producer.create(Clients.rd(broker))) {
            for (int i = 0; i < n; i++) p.send(new ProducerRecord("ctp-in", 0, null, utf8("value-" + i)));
            p.flush(Duration.ofSeconds(30));
            assertEquals(0, p.outstanding());
        }
        kafkaClientsConsumerJrdkafkaProducer(broker, n);
        jrdkafkaConsumerKafkaClientsProducer(broker, n);
        for (String out : List.of("ctp-out-kc-rd", "ctp-out-rd-kc")) {
            List<String> got = values(Clients.kcReadToEnd(broker, out, 1, "read_committed").stream().map(r -> r.value()).toList());
            List<String> want = new ArrayList<>();
            for (int i = 0; i < n; i++) want.add("VALUE-" + i);
            assertEquals(want, got, out + ": every input once, transformed, in order; nothing of the aborted batch");
            assertNoMoreThan(broker, out, 1, n);
            // the aborted batch did reach the log: read_uncommitted has it on top
            assertEquals(n + BATCH, Clients.kcRead(broker, out, 1, n + BATCH, "read_uncommitted").size(), out);
        }
    }

    private void kafkaClientsConsumerJrdkafkaProducer(KafkaBroker broker, int n) {
        String group = "ctp-kc-rd";
        org.apache.kafka.common.TopicPartition in = new org.apache.kafka.common.TopicPartition("ctp-in", 0);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Clients.kcConsumer(broker, group, "read_committed"));
             Producer p = Producer.create(Clients.rd(broker).transactionalId("ctp-kc-rd-tx"))) {
            c.subscribe(List.of("ctp-in"));
            p.initTransactions(TX);
            int done = 0;
            int batch = 0;
            boolean aborted = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> buffer = new ArrayList<>();
            while (done < n) {
                assertTrue(System.nanoTime() - deadline < 0, "pipeline kafka-clients -> jrdkafka stalled at " + done);
                c.poll(Duration.ofMillis(100)).forEach(buffer::add);
                if (buffer.size() < BATCH && done + buffer.size() < n) continue;
                var take = List.copyOf(buffer.subList(0, Math.min(BATCH, buffer.size())));
                p.beginTransaction();
                long next = -1;
                for (var r : take) {
                    p.send(new ProducerRecord("ctp-out-kc-rd", 0, null, utf8(text(r.value()).toUpperCase(Locale.ROOT))));
                    next = r.offset() + 1;
                }
                var meta = c.groupMetadata();
                p.sendOffsetsToTransaction(Map.of(new TopicPartition("ctp-in", 0), new OffsetAndMetadata(next)),
                        new dev.jrdkafka.ConsumerGroupMetadata(meta.groupId(), meta.generationId(), meta.memberId(),
                                meta.groupInstanceId().orElse(null)), TX);
                if (batch == 2 && !aborted) {
                    p.flush(TX);
                    p.abortTransaction(TX);
                    aborted = true;
                    var committed = c.committed(java.util.Set.of(in), Duration.ofSeconds(10)).get(in);
                    c.seek(in, committed == null ? 0 : committed.offset());
                    buffer.clear();
                } else {
                    p.commitTransaction(TX);
                    done += take.size();
                    batch++;
                    buffer.subList(0, take.size()).clear();
                }
            }
            assertTrue(aborted);
            assertEquals(n, c.committed(java.util.Set.of(in), Duration.ofSeconds(10)).get(in).offset(), "group offset committed by jrdkafka's transaction");
        }
    }

    @SuppressWarnings("deprecation") // kafka-clients' ConsumerGroupMetadata constructor: the only way to pass another client's group metadata
    private void jrdkafkaConsumerKafkaClientsProducer(KafkaBroker broker, int n) {
        String group = "ctp-rd-kc";
        TopicPartition in = new TopicPartition("ctp-in", 0);
        Properties props = Clients.kcProducer(broker);
        props.put("transactional.id", "ctp-rd-kc-tx");
        try (Consumer c = Consumer.create(Clients.rdConsumer(broker, group, "read_committed"));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props)) {
            c.subscribe(List.of("ctp-in"));
            p.initTransactions();
            int done = 0;
            int batch = 0;
            boolean aborted = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<ConsumerRecord> buffer = new ArrayList<>();
            while (done < n) {
                assertTrue(System.nanoTime() - deadline < 0, "pipeline jrdkafka -> kafka-clients stalled at " + done);
                ConsumerRecord r0 = c.poll(Duration.ofMillis(50));
                if (r0 != null) buffer.add(r0);
                if (buffer.size() < BATCH && (r0 != null || done + buffer.size() < n)) continue;
                if (buffer.isEmpty()) continue;
                p.beginTransaction();
                long next = -1;
                for (ConsumerRecord r : buffer) {
                    p.send(new org.apache.kafka.clients.producer.ProducerRecord<>("ctp-out-rd-kc", 0, null,
                            utf8(text(r.value()).toUpperCase(Locale.ROOT))));
                    next = r.offset() + 1;
                }
                dev.jrdkafka.ConsumerGroupMetadata meta = c.groupMetadata();
                p.sendOffsetsToTransaction(Map.of(new org.apache.kafka.common.TopicPartition("ctp-in", 0),
                        new org.apache.kafka.clients.consumer.OffsetAndMetadata(next)),
                        new org.apache.kafka.clients.consumer.ConsumerGroupMetadata(meta.groupId(), meta.generationId(), meta.memberId(),
                                Optional.ofNullable(meta.groupInstanceId())));
                if (batch == 2 && !aborted) {
                    p.flush();
                    p.abortTransaction();
                    aborted = true;
                    OffsetAndMetadata committed = c.committed(List.of(in), Duration.ofSeconds(10)).get(in);
                    c.seek(Map.of(in, committed == null ? 0L : committed.offset()), Duration.ofSeconds(10));
                } else {
                    p.commitTransaction();
                    done += buffer.size();
                    batch++;
                }
                buffer.clear();
            }
            assertTrue(aborted);
            assertEquals(n, c.committed(List.of(in), Duration.ofSeconds(10)).get(in).offset(), "group offset committed by kafka-clients' transaction");
        }
    }

    private static List<String> values(List<byte[]> bytes) {
        return bytes.stream().map(TransactionsParityIT::text).toList();
    }

    private int byNumber(String a, String b) {
        return Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1)));
    }

    /** Values come back per partition in send order: k(i) went to partition i % 2, so numbers rise within each parity class. */
    private static void assertInOrderPerPartition(List<String> values) {
        Map<Integer, Integer> last = new HashMap<>();
        for (String v : values) {
            int num = Integer.parseInt(v.substring(1));
            Integer prev = last.put(num % 2, num);
            assertTrue(prev == null || prev < num, "order within a partition: " + values);
        }
    }
}
