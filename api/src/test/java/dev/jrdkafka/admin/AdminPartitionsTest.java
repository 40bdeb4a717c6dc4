package dev.jrdkafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.cluster.ClusterDescription;
import dev.jrdkafka.cluster.ElectionType;
import dev.jrdkafka.cluster.ListedOffset;
import dev.jrdkafka.cluster.NewPartitions;
import dev.jrdkafka.cluster.OffsetSpec;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CreatePartitions, DescribeTopics, DescribeCluster, DeleteRecords, ListOffsets and
 * ElectLeaders on the mock cluster: argument checks before any request, and ListOffsets
 * (which the mock implements). The others are tested on a real broker in AdminPartitionsIT.
 */
@Timeout(60)
class AdminPartitionsTest {
    static final TopicPartition P0 = new TopicPartition("t", 0);

    static String refused(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void badInputIsRefusedBeforeAnyRequest() {
        try (MockCluster cluster = MockCluster.start(1); Admin admin = Admin.create(AdminTest.config(cluster))) {
            // createPartitions
            assertTrue(refused(() -> admin.createPartitions(List.of())).contains("createPartitions needs at least one"));
            assertTrue(refused(() -> admin.createPartitions(List.of(NewPartitions.increaseTo("a", 2), NewPartitions.increaseTo("a", 3))))
                    .contains("'a' is given more than once"));
            assertTrue(refused(() -> NewPartitions.increaseTo("", 2)).contains("empty"));
            assertTrue(refused(() -> NewPartitions.increaseTo("a", 0)).contains("totalCount must be >= 1, got 0"));
            assertTrue(refused(() -> new NewPartitions("a", 3, List.of(List.of(1), List.of()))).contains("#1"));
            assertTrue(refused(() -> new NewPartitions("a", 3, List.of(List.of(-2)))).contains("[-2]"));
            assertTrue(refused(() -> admin.createPartitions(List.of(NewPartitions.increaseTo("a\0b", 2)))).contains("NUL"));
            // describeTopics
            assertTrue(refused(() -> admin.describeTopics(List.of())).contains("describeTopics needs at least one"));
            assertTrue(refused(() -> admin.describeTopics(List.of("x", ""))).contains("a name is empty"));
            assertTrue(refused(() -> admin.describeTopics(List.of("x", "x"))).contains("'x' is given more than once"));
            // deleteRecords
            assertTrue(refused(() -> admin.deleteRecords(Map.of())).contains("deleteRecords needs at least one partition"));
            assertTrue(refused(() -> admin.deleteRecords(Map.of(P0, -2L))).contains("the offset of t-0 must be >= 0"));
            assertTrue(refused(() -> admin.deleteRecords(Map.of(new TopicPartition("", 0), 1L))).contains("topic name is empty"));
            // listOffsets
            assertTrue(refused(() -> admin.listOffsets(Map.of())).contains("listOffsets needs at least one partition"));
            assertTrue(refused(() -> admin.listOffsets(Map.of(new TopicPartition("", 1), OffsetSpec.latest()))).contains("topic name is empty"));
            assertTrue(refused(() -> OffsetSpec.forTimestamp(-5)).contains("got -5"));
            // electLeaders
            assertTrue(refused(() -> admin.electLeaders(ElectionType.PREFERRED, List.of())).contains("electLeaders needs at least one partition"));
            assertTrue(refused(() -> admin.electLeaders(ElectionType.PREFERRED, List.of(P0, P0))).contains("t-0 is given more than once"));
            assertThrows(NullPointerException.class, () -> admin.electLeaders(null, List.of(P0)));
        }
    }

    @Test
    void listOffsetsAnswersPerPartitionOnTheMock() {
        long base = 1_700_000_000_000L;
        try (MockCluster cluster = MockCluster.start(1); Admin admin = Admin.create(AdminTest.config(cluster))) {
            cluster.createTopic("offsets", 2, 1);
            try (Producer p = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).set("log_level", 3L))) {
                for (int i = 0; i < 10; i++) {
                    p.send(new ProducerRecord("offsets", 0, null, new byte[] {(byte) i}, base + 10L * i, List.of()), (m, e) -> {
                        if (e != null) throw new AssertionError(e);
                    });
                }
                p.flush(Duration.ofSeconds(30));
            }
            TopicPartition p0 = new TopicPartition("offsets", 0);
            TopicPartition p1 = new TopicPartition("offsets", 1);
            Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
            specs.put(p0, OffsetSpec.latest());
            specs.put(p1, OffsetSpec.earliest());
            ResourceResults<TopicPartition, ListedOffset> r = admin.listOffsets(specs);
            assertEquals(List.of(p0, p1), List.copyOf(r.values().keySet()), "in the order asked");
            assertEquals(10, r.value(p0).orTimeout(30, TimeUnit.SECONDS).join().offset());
            assertEquals(0, r.value(p1).orTimeout(30, TimeUnit.SECONDS).join().offset());

            // The mock does not search by timestamp (its handler answers -1, "FIXME: by timestamp"); AdminPartitionsIT does.
            ListedOffset at = admin.listOffsets(Map.of(p0, OffsetSpec.forTimestamp(base + 35)))
                    .value(p0).orTimeout(30, TimeUnit.SECONDS).join();
            assertEquals(-1, at.offset(), at.toString());

            TopicPartition p7 = new TopicPartition("offsets", 7);
            ResourceResults<TopicPartition, ListedOffset> mixed = admin.listOffsets(Map.of(p0, OffsetSpec.earliest(), p7, OffsetSpec.latest()));
            assertEquals(0, mixed.value(p0).orTimeout(30, TimeUnit.SECONDS).join().offset(), "the good partition answers");
            CompletionException e = assertThrows(CompletionException.class, () -> mixed.value(p7).orTimeout(30, TimeUnit.SECONDS).join());
            KafkaException k = (KafkaException) e.getCause();
            assertEquals(KafkaError._UNKNOWN_PARTITION, k.error(), "librdkafka finds no such partition in the metadata: " + k);
            assertTrue(k.getMessage().startsWith("listOffsets of offsets-7 failed"), k.getMessage());
        }
    }

    @Test
    void aRequestTheClusterCannotServeFailsEveryPartitionsFuture() {
        try (MockCluster cluster = MockCluster.start(1); Admin admin = Admin.create(AdminTest.config(cluster))) {
            cluster.createTopic("t", 2, 1);
            TopicPartition p1 = new TopicPartition("t", 1);
            ResourceResults<TopicPartition, Long> r = admin.deleteRecords(Map.of(P0, 0L, p1, 0L),
                    AdminOptions.defaults().withRequestTimeout(Duration.ofSeconds(5)));
            for (TopicPartition tp : List.of(P0, p1)) {
                CompletionException e = assertThrows(CompletionException.class, () -> r.value(tp).orTimeout(30, TimeUnit.SECONDS).join());
                assertTrue(e.getCause() instanceof KafkaException, e.toString());
                assertTrue(e.getCause().getMessage().startsWith("deleteRecords"), e.getCause().getMessage());
            }
            CompletionException e = assertThrows(CompletionException.class, () -> admin.describeCluster(
                    AdminOptions.defaults().withRequestTimeout(Duration.ofSeconds(5))).orTimeout(30, TimeUnit.SECONDS).join());
            assertTrue(e.getCause().getMessage().startsWith("describeCluster"), e.getCause().getMessage());
        }
    }

    @Test
    void closeFailsOutstandingCallsOfEveryShape() {
        Admin admin = Admin.create(KafkaConfig.create().bootstrapServers("127.0.0.1:1").set("log_level", 0L));
        CompletableFuture<ClusterDescription> cluster = admin.describeCluster();
        ResourceResults<TopicPartition, ListedOffset> offsets = admin.listOffsets(Map.of(P0, OffsetSpec.latest()));
        CompletableFuture<Map<TopicPartition, Optional<KafkaException>>> all = admin.electAllLeaders(ElectionType.PREFERRED);
        admin.close(Duration.ofMillis(200));
        for (CompletableFuture<?> f : List.of(cluster, offsets.value(P0), all)) {
            CompletionException e = assertThrows(CompletionException.class, () -> f.orTimeout(5, TimeUnit.SECONDS).join());
            assertEquals(KafkaError._DESTROY, ((KafkaException) e.getCause()).error(), e.toString());
        }
        assertThrows(IllegalStateException.class, admin::describeCluster);
    }
}
