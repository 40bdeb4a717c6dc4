package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.consumer.share.AcknowledgeOutcome;
import dev.jrdkafka.consumer.share.AcknowledgeType;
import dev.jrdkafka.consumer.share.ShareConsumer;
import dev.jrdkafka.consumer.share.ShareRecordBatch;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The share consumer (KIP-932, librdkafka 2.15.0 preview) on a real Kafka 4.4 broker, with kafka-clients' KafkaShareConsumer beside it. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(180)
class ShareConsumerIT {
    /** A share group reading from the start of the partitions (the group default is the end). */
    private static void startAtEarliest(KafkaBroker broker, String group) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group),
                    List.of(new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaConfig config(KafkaBroker broker, String group, boolean explicit) {
        KafkaConfig c = Clients.config(broker).groupId(group);
        return explicit ? c.set("share.acknowledgement.mode", "explicit") : c;
    }

    private record Delivered(String value, long offset, int deliveryCount) {}

    private static List<Delivered> pollUntil(ShareConsumer c, int seconds, String what, Predicate<List<Delivered>> done,
                                             Consumer<ShareRecordBatch> perBatch) {
        List<Delivered> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.test(out)) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(what + ": not within " + seconds + " s, got " + out);
            try (ShareRecordBatch b = c.poll(Duration.ofMillis(300))) {
                for (RecordView r : b) out.add(new Delivered(r.valueString(), r.offset(), r.deliveryCount()));
                perBatch.accept(b);
            }
        }
        return out;
    }

    private static List<Delivered> pollFor(ShareConsumer c, long millis, Consumer<ShareRecordBatch> perBatch) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        return pollUntil(c, (int) (millis / 1000) + 30, "timed poll", d -> System.nanoTime() - end >= 0, perBatch);
    }

    @Test
    void twoMembersSplitATopicWithNoneLost(KafkaBroker broker) throws Exception {
        broker.createTopic("share-split", 3);
        startAtEarliest(broker, "share-split-g");
        Clients.produce(broker, "share-split", 3, 300, i -> 0);
        try (ShareConsumer a = ShareConsumer.create(config(broker, "share-split-g", false));
             ShareConsumer b = ShareConsumer.create(config(broker, "share-split-g", false))) {
            a.subscribe(List.of("share-split"));
            b.subscribe(List.of("share-split"));
            List<String> byA = new ArrayList<>();
            List<String> byB = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (byA.size() + byB.size() < 300) {
                assertTrue(System.nanoTime() < deadline, "300 records within 90 s, got " + byA.size() + " + " + byB.size());
                drain(a, byA);
                drain(b, byB);
            }
            for (int i = 0; i < 5; i++) {
                drain(a, byA);
                drain(b, byB);
            }
            Set<String> all = new TreeSet<>(byA);
            all.addAll(byB);
            assertEquals(300, all.size(), "none lost");
            assertEquals(300, byA.size() + byB.size(), "none delivered twice");
            System.out.printf("real broker share split: %d + %d%n", byA.size(), byB.size());
        }
    }

    private static void drain(ShareConsumer c, List<String> into) {
        try (ShareRecordBatch batch = c.poll(Duration.ofMillis(100))) {
            for (RecordView r : batch) into.add(r.valueString());
        }
    }

    @Test
    void releaseRedeliversWithAHigherCountRejectNeverAndExplicitModeGuardsPolls(KafkaBroker broker) throws Exception {
        broker.createTopic("share-ack", 1);
        startAtEarliest(broker, "share-ack-g");
        Clients.produce(broker, "share-ack", 1, 4, i -> 0);
        try (ShareConsumer c = ShareConsumer.create(config(broker, "share-ack-g", true))) {
            c.subscribe(List.of("share-ack"));
            // Explicit mode: a poll before every record is acknowledged is refused.
            List<Delivered> first = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (first.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "records within 60 s");
                try (ShareRecordBatch b = c.poll(Duration.ofMillis(300))) {
                    for (RecordView r : b) first.add(new Delivered(r.valueString(), r.offset(), r.deliveryCount()));
                }
            }
            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> c.poll(Duration.ZERO));
            assertTrue(refused.getMessage().contains("not acknowledged"), refused.getMessage());
            for (Delivered d : first) c.acknowledge("share-ack", 0, d.offset(), ackFor(d.offset(), d.deliveryCount()));
            List<Delivered> all = new ArrayList<>(first);
            all.addAll(pollUntil(c, 60, "offset 2 redelivered", d -> d.size() + first.size() >= 5
                    && java.util.stream.Stream.concat(first.stream(), d.stream()).anyMatch(x -> x.offset() == 2 && x.deliveryCount() == 2), b -> {
                for (RecordView r : b) c.acknowledge(r, ackFor(r.offset(), r.deliveryCount()));
            }));
            all.sort(java.util.Comparator.comparingLong(Delivered::offset).thenComparingInt(Delivered::deliveryCount));
            assertEquals(List.of(new Delivered("v0", 0, 1), new Delivered("v1", 1, 1), new Delivered("v2", 2, 1),
                    new Delivered("v2", 2, 2), new Delivered("v3", 3, 1)), all,
                    "each record once, and offset 2 (RELEASEd) again with delivery count 2");
            Map<?, AcknowledgeOutcome> outcome = c.commitSync(Duration.ofSeconds(30));
            assertTrue(outcome.values().stream().allMatch(AcknowledgeOutcome::isSuccess), outcome.toString());
        }
        // Closing a member releases what it still holds: had REJECT been ignored, a new member would get offset 1.
        try (ShareConsumer next = ShareConsumer.create(config(broker, "share-ack-g", true))) {
            next.subscribe(List.of("share-ack"));
            assertEquals(List.of(), pollFor(next, 5000, b -> {
                for (RecordView r : b) next.acknowledge(r, AcknowledgeType.ACCEPT);
            }), "nothing is redelivered: ACCEPTed and REJECTed records are done");
        }
    }

    /** Offset 1 is rejected, offset 2 released on its first delivery, the rest accepted. */
    private static AcknowledgeType ackFor(long offset, int deliveryCount) {
        if (deliveryCount > 1) return AcknowledgeType.ACCEPT;
        return offset == 1 ? AcknowledgeType.REJECT : offset == 2 ? AcknowledgeType.RELEASE : AcknowledgeType.ACCEPT;
    }

    @Test
    void closeThenANewMemberResumesTheGroup(KafkaBroker broker) throws Exception {
        broker.createTopic("share-resub", 1);
        startAtEarliest(broker, "share-resub-g");
        Clients.produce(broker, "share-resub", 1, 6, i -> 0);
        ShareConsumer first = ShareConsumer.create(config(broker, "share-resub-g", true));
        first.subscribe(List.of("share-resub"));
        pollUntil(first, 60, "6 records", d -> d.size() >= 6, b -> {
            for (RecordView r : b) first.acknowledge(r, r.offset() < 3 ? AcknowledgeType.ACCEPT : AcknowledgeType.RELEASE);
        });
        first.close();
        try (ShareConsumer second = ShareConsumer.create(config(broker, "share-resub-g", false))) {
            second.subscribe(List.of("share-resub"));
            List<Delivered> got = pollUntil(second, 60, "the 3 released records", d -> d.size() >= 3, b -> { });
            assertEquals(Set.of("v3", "v4", "v5"), got.stream().map(Delivered::value).collect(java.util.stream.Collectors.toSet()));
            assertTrue(got.stream().allMatch(d -> d.deliveryCount() == 2), got.toString());
        }
    }

    @Test
    void interoperatesWithKafkaClientsShareConsumerInOneGroup(KafkaBroker broker) throws Exception {
        broker.createTopic("share-interop", 4);
        startAtEarliest(broker, "share-interop-g");
        Clients.produce(broker, "share-interop", 4, 400, i -> 0);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "share-interop-g");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> byJava = new ArrayList<>();
        List<String> byRd = new ArrayList<>();
        try (KafkaShareConsumer<String, String> java = new KafkaShareConsumer<>(p);
             ShareConsumer rd = ShareConsumer.create(config(broker, "share-interop-g", false))) {
            java.subscribe(List.of("share-interop"));
            rd.subscribe(List.of("share-interop"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (byJava.size() + byRd.size() < 400) {
                assertTrue(System.nanoTime() < deadline, "400 records within 90 s, got " + byJava.size() + " + " + byRd.size());
                ConsumerRecords<String, String> records = java.poll(Duration.ofMillis(100));
                records.forEach(r -> byJava.add(r.value()));
                drain(rd, byRd);
            }
            for (int i = 0; i < 5; i++) {
                java.poll(Duration.ofMillis(100)).forEach(r -> byJava.add(r.value()));
                drain(rd, byRd);
            }
            java.commitSync();
        }
        Set<String> all = new TreeSet<>(byJava);
        all.addAll(byRd);
        assertEquals(400, all.size(), "none lost");
        assertEquals(400, byJava.size() + byRd.size(), "none delivered twice");
        System.out.printf("share group with kafka-clients: KafkaShareConsumer %d, jrdkafka %d%n", byJava.size(), byRd.size());
    }
}
