package dev.jrdkafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.cluster.ClusterMetadata;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.internal.client.LiveClients;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Admin client on librdkafka's mock cluster: metadata, argument checks before any
 * request, request-level failures reaching every resource's future, and close. (The mock
 * implements none of the admin requests, and creates unknown topics when asked for their
 * metadata; those are tested on a real broker in integration-tests' AdminIT.)
 */
@Timeout(60)
class AdminTest {
    static KafkaConfig config(MockCluster cluster) {
        return KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).set("log_level", 3L);
    }

    @Test
    void metadataListsBrokersTopicsAndPartitions() {
        try (MockCluster cluster = MockCluster.start(3); Admin admin = Admin.create(config(cluster))) {
            cluster.createTopic("orders", 4, 3);
            ClusterMetadata md = admin.metadata(Duration.ofSeconds(10));
            assertEquals(3, md.brokers().size(), md.toString());
            assertTrue(admin.listTopics(Duration.ofSeconds(10)).contains("orders"));
            List<PartitionInfo> partitions = admin.partitionsFor("orders", Duration.ofSeconds(10));
            assertEquals(List.of(0, 1, 2, 3), partitions.stream().map(PartitionInfo::partition).toList());
            for (PartitionInfo p : partitions) {
                assertEquals(3, p.replicas().size(), p.toString());
                assertTrue(p.replicas().contains(p.leader()), p.toString());
                assertEquals(KafkaError.NO_ERROR, p.error());
            }
        }
    }

    @Test
    void badInputIsRefusedBeforeAnyRequest() {
        try (MockCluster cluster = MockCluster.start(1); Admin admin = Admin.create(config(cluster))) {
            assertThrows(IllegalArgumentException.class, () -> admin.createTopics(List.of()));
            IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                    () -> admin.createTopics(List.of(new NewTopic("a", 1, 1), new NewTopic("a", 2, 1))));
            assertTrue(dup.getMessage().contains("'a' is given more than once"), dup.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new NewTopic("", 1, 1));
            assertThrows(IllegalArgumentException.class, () -> new NewTopic("t", -3, 1));
            IllegalArgumentException rf = assertThrows(IllegalArgumentException.class, () -> new NewTopic("t", 1, 0));
            assertTrue(rf.getMessage().contains("replicationFactor"), rf.getMessage());
            assertThrows(IllegalArgumentException.class, () -> NewTopic.withAssignments("t", Map.of(1, List.of(1))));
            assertThrows(IllegalArgumentException.class, () -> admin.deleteTopics(List.of("x", "")));
            assertThrows(IllegalArgumentException.class, () -> admin.createTopics(List.of(new NewTopic("t\0u", 1, 1))));
        }
    }

    @Test
    void aRequestTheClusterCannotServeFailsEveryResourcesFuture() {
        try (MockCluster cluster = MockCluster.start(1); Admin admin = Admin.create(config(cluster))) {
            ResourceResults<String, Void> r = admin.createTopics(List.of(new NewTopic("a", 1, 1), new NewTopic("b", 1, 1)),
                    AdminOptions.defaults().withRequestTimeout(Duration.ofSeconds(5)));
            for (String t : List.of("a", "b")) {
                CompletionException e = assertThrows(CompletionException.class, () -> r.value(t).join());
                assertTrue(e.getCause() instanceof KafkaException, e.toString());
                assertTrue(e.getCause().getMessage().startsWith("createTopics"), e.getCause().getMessage());
            }
            assertTrue(r.all().isCompletedExceptionally());
            assertThrows(IllegalArgumentException.class, () -> r.value("c"));
        }
    }

    @Test
    void closeFailsWhatIsStillOutstandingAndRefusesLaterCalls() throws Exception {
        Admin admin = Admin.create(KafkaConfig.create().bootstrapServers("127.0.0.1:1").set("log_level", 0L));
        String name = admin.name();
        ResourceResults<String, Void> r = admin.deleteTopics(List.of("t"));
        admin.close(Duration.ofMillis(200));
        CompletionException e = assertThrows(CompletionException.class, () -> r.value("t").orTimeout(5, TimeUnit.SECONDS).join());
        assertEquals(KafkaError._DESTROY, ((KafkaException) e.getCause()).error(), e.toString());
        assertThrows(IllegalStateException.class, () -> admin.deleteTopics(List.of("t")));
        assertTrue(!LiveClients.isLive(name));
        admin.close(); // again: nothing
    }

    @Test
    void anAdminSharesAProducersConnectionAndLeavesItOpen() throws Exception {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("shared", 2, 1);
            try (dev.jrdkafka.producer.Producer producer = dev.jrdkafka.producer.Producer.create(config(cluster))) {
                Admin admin = Admin.of(producer);
                assertTrue(admin.name().equals(producer.name()), "one client: " + admin.name());
                assertTrue(admin.listTopics(Duration.ofSeconds(10)).contains("shared"));
                dev.jrdkafka.TopicPartition p0 = new dev.jrdkafka.TopicPartition("shared", 0);
                assertEquals(0, admin.listOffsets(Map.of(p0, dev.jrdkafka.cluster.OffsetSpec.latest())).value(p0)
                        .orTimeout(30, TimeUnit.SECONDS).join().offset());
                admin.close();
                assertTrue(admin.isClosed());
                assertThrows(IllegalStateException.class, () -> admin.deleteTopics(List.of("t")));
                producer.send(new dev.jrdkafka.producer.ProducerRecord("shared", 0, null, new byte[1]))
                        .get(30, TimeUnit.SECONDS); // the producer goes on
            }
        }
    }

    @Test
    void closingTheSharedClientClosesItsAdminFirst() {
        dev.jrdkafka.producer.Producer producer = dev.jrdkafka.producer.Producer.create(
                KafkaConfig.create().bootstrapServers("127.0.0.1:1").set("log_level", 0L));
        Admin admin = Admin.of(producer);
        ResourceResults<String, Void> r = admin.deleteTopics(List.of("t")); // no broker: stays outstanding
        producer.close(Duration.ofSeconds(5));
        CompletionException e = assertThrows(CompletionException.class, () -> r.value("t").orTimeout(5, TimeUnit.SECONDS).join());
        assertEquals(KafkaError._DESTROY, ((KafkaException) e.getCause()).error(), e.toString());
        assertTrue(admin.isClosed());
        assertThrows(IllegalStateException.class, () -> admin.deleteTopics(List.of("t")));
        admin.close(); // nothing left to do
        assertThrows(IllegalStateException.class, () -> Admin.of(producer));
    }
}
