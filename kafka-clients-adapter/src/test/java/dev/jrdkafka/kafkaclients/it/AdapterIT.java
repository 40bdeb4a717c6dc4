package dev.jrdkafka.kafkaclients.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.kafkaclients.JrdkafkaConsumer;
import dev.jrdkafka.kafkaclients.JrdkafkaProducer;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adapter behind kafka-clients' interfaces, on a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class AdapterIT {
    static final Duration T = Duration.ofSeconds(30);

    @Test
    void roundTripWithStringSerializersHeadersCallbacksAndCommits(KafkaBroker broker) throws Exception {
        broker.createTopic("adapter-rt", 3);
        int n = 300;
        List<CompletableFuture<RecordMetadata>> callbacks = new ArrayList<>();
        try (Producer<String, String> producer = new JrdkafkaProducer<>(Configs.producer(broker))) {
            assertEquals(3, producer.partitionsFor("adapter-rt").size());
            for (int i = 0; i < n; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("i", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                CompletableFuture<RecordMetadata> cb = new CompletableFuture<>();
                producer.send(new ProducerRecord<>("adapter-rt", null, "k" + i, "v" + i, headers), (md, e) -> {
                    if (e != null) cb.completeExceptionally(e);
                    else cb.complete(md);
                });
                callbacks.add(cb);
            }
            RecordMetadata md = producer.send(new ProducerRecord<>("adapter-rt", 1, "last", "x")).get(30, TimeUnit.SECONDS);
            assertEquals(1, md.partition());
            assertTrue(md.hasOffset());
            producer.flush();
            for (CompletableFuture<RecordMetadata> cb : callbacks) assertTrue(cb.isDone() && !cb.isCompletedExceptionally());
        }

        Map<String, Object> cc = Configs.consumer(broker, "adapter-rt-group");
        cc.put("max.poll.records", 50);
        cc.put("enable.auto.commit", false);
        Map<String, String> seen = new HashMap<>();
        try (Consumer<String, String> consumer = new JrdkafkaConsumer<>(cc)) {
            consumer.subscribe(List.of("adapter-rt"));
            long deadline = System.nanoTime() + T.toNanos();
            while (seen.size() < n + 1 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                assertTrue(records.count() <= 50, "max.poll.records");
                for (ConsumerRecord<String, String> r : records) {
                    seen.put(r.key(), r.value());
                    if (!r.key().equals("last")) {
                        assertArrayEquals(r.key().substring(1).getBytes(StandardCharsets.UTF_8), r.headers().lastHeader("i").value());
                    }
                    assertTrue(r.leaderEpoch().isPresent());
                }
                consumer.commitSync();
            }
            assertEquals(n + 1, seen.size());
            assertEquals("v7", seen.get("k7"));
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
            long total = 0;
            for (TopicPartition tp : consumer.assignment()) {
                assertEquals(end.get(tp), committed.get(tp).offset(), "committed = end of " + tp);
                assertTrue(committed.get(tp).leaderEpoch().isPresent(), "leader epoch committed");
                total += end.get(tp);
            }
            assertEquals(n + 1, total);
            assertTrue(consumer.groupMetadata().generationId() > 0);

            // seek and position
            TopicPartition p0 = new TopicPartition("adapter-rt", 0);
            consumer.seekToBeginning(List.of(p0));
            List<ConsumerRecord<String, String>> again = new ArrayList<>();
            deadline = System.nanoTime() + T.toNanos();
            while (again.isEmpty() && System.nanoTime() < deadline) again.addAll(consumer.poll(Duration.ofMillis(200)).records(p0));
            assertEquals(0, again.getFirst().offset());
            assertEquals(again.getLast().offset() + 1, consumer.position(p0));
        }
    }

    @Test
    void rebalanceListenerSeesAssignmentsAndRevocationsAsASecondMemberJoins(KafkaBroker broker) {
        broker.createTopic("adapter-rebalance", 4);
        List<String> events1 = new CopyOnWriteArrayList<>();
        try (Consumer<String, String> c1 = new JrdkafkaConsumer<>(Configs.consumer(broker, "adapter-rb"));
             Consumer<String, String> c2 = new JrdkafkaConsumer<>(Configs.consumer(broker, "adapter-rb"))) {
            c1.subscribe(List.of("adapter-rebalance"), recording(events1));
            pollUntil(c1, () -> c1.assignment().size() == 4);
            assertTrue(events1.contains("assigned 4"), events1.toString());
            List<String> events2 = new CopyOnWriteArrayList<>();
            c2.subscribe(List.of("adapter-rebalance"), recording(events2));
            long deadline = System.nanoTime() + T.toNanos();
            while (System.nanoTime() < deadline && (c1.assignment().size() + c2.assignment().size() != 4
                    || c2.assignment().isEmpty() || c1.assignment().size() == 4)) {
                c1.poll(Duration.ofMillis(100));
                c2.poll(Duration.ofMillis(100));
            }
            assertEquals(2, c1.assignment().size(), events1.toString());
            assertEquals(2, c2.assignment().size(), events2.toString());
            assertTrue(events1.stream().anyMatch(e -> e.startsWith("revoked")), events1.toString());
            Set<TopicPartition> union = new HashSet<>(c1.assignment());
            union.addAll(c2.assignment());
            assertEquals(4, union.size());

            // single-threaded access, wakeup from another thread
            CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
                try {
                    c1.assignment();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            assertTrue(other.join() == null, "not in use: any thread may call");
            c1.wakeup();
            assertThrows(WakeupException.class, () -> c1.poll(Duration.ofSeconds(5)));
        }
    }

    @Test
    void concurrentUseIsRefused(KafkaBroker broker) throws Exception {
        broker.createTopic("adapter-cme", 1);
        try (Consumer<String, String> c = new JrdkafkaConsumer<>(Configs.consumer(broker, "adapter-cme"))) {
            c.subscribe(List.of("adapter-cme"));
            CompletableFuture<Object> polling = CompletableFuture.supplyAsync(() -> c.poll(Duration.ofSeconds(3)));
            Thread.sleep(500);
            assertThrows(ConcurrentModificationException.class, c::assignment);
            polling.get(10, TimeUnit.SECONDS);
        }
    }

    private static ConsumerRebalanceListener recording(List<String> events) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                events.add("revoked " + partitions.size());
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                events.add("assigned " + partitions.size());
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                events.add("lost " + partitions.size());
            }
        };
    }

    private static void pollUntil(Consumer<?, ?> c, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + T.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) c.poll(Duration.ofMillis(100));
        assertTrue(done.getAsBoolean(), "condition not met within " + T);
    }

    @Test
    void transactionsCommitAbortAndFence(KafkaBroker broker) throws Exception {
        broker.createTopic("adapter-tx-in", 1);
        broker.createTopic("adapter-tx-out", 1);
        try (Producer<String, String> plain = new JrdkafkaProducer<>(Configs.producer(broker))) {
            for (int i = 0; i < 10; i++) plain.send(new ProducerRecord<>("adapter-tx-in", "k" + i, "v" + i));
            plain.flush();
        }
        Map<String, Object> pc = Configs.producer(broker);
        pc.put("transactional.id", "adapter-tx");
        Map<String, Object> cc = Configs.consumer(broker, "adapter-tx-group");
        cc.put("enable.auto.commit", false);
        cc.put("isolation.level", "read_committed");
        try (Producer<String, String> producer = new JrdkafkaProducer<>(pc);
             Consumer<String, String> consumer = new JrdkafkaConsumer<>(cc)) {
            producer.initTransactions();
            consumer.subscribe(List.of("adapter-tx-in"));
            List<ConsumerRecord<String, String>> in = new ArrayList<>();
            long deadline = System.nanoTime() + T.toNanos();
            while (in.size() < 10 && System.nanoTime() < deadline) consumer.poll(Duration.ofMillis(200)).forEach(in::add);
            assertEquals(10, in.size());

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("adapter-tx-out", "aborted", "x"));
            producer.abortTransaction();

            producer.beginTransaction();
            for (ConsumerRecord<String, String> r : in) producer.send(new ProducerRecord<>("adapter-tx-out", r.key(), r.value().toUpperCase()));
            TopicPartition tp = new TopicPartition("adapter-tx-in", 0);
            producer.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(in.getLast().offset() + 1)), consumer.groupMetadata());
            producer.commitTransaction();
            assertEquals(10, consumer.committed(Set.of(tp)).get(tp).offset());
        }
        Map<String, Object> rc = Configs.consumer(broker, "adapter-tx-reader");
        rc.put("isolation.level", "read_committed");
        List<String> out = new ArrayList<>();
        try (Consumer<String, String> reader = new JrdkafkaConsumer<>(rc)) {
            reader.subscribe(List.of("adapter-tx-out"));
            long deadline = System.nanoTime() + T.toNanos();
            while (out.size() < 10 && System.nanoTime() < deadline) reader.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.key()));
            reader.poll(Duration.ofMillis(500)).forEach(r -> out.add(r.key()));
        }
        assertEquals(10, out.size(), out.toString());
        assertTrue(!out.contains("aborted"));

        // a second producer with the same transactional.id fences the first
        try (Producer<String, String> first = new JrdkafkaProducer<>(pc)) {
            first.initTransactions();
            try (Producer<String, String> second = new JrdkafkaProducer<>(pc)) {
                second.initTransactions();
                Exception e = assertThrows(Exception.class, () -> {
                    first.beginTransaction();
                    first.send(new ProducerRecord<>("adapter-tx-out", "zombie", "z")).get(30, TimeUnit.SECONDS);
                    first.commitTransaction();
                });
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                assertInstanceOf(ProducerFencedException.class, cause, String.valueOf(cause));
            }
        }
    }
}
