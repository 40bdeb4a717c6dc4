package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.admin.AdminOptions;
import dev.jrdkafka.admin.ResourceResults;
import dev.jrdkafka.cluster.AclOperation;
import dev.jrdkafka.cluster.ClusterDescription;
import dev.jrdkafka.cluster.ElectionType;
import dev.jrdkafka.cluster.ListedOffset;
import dev.jrdkafka.cluster.NewPartitions;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.cluster.Node;
import dev.jrdkafka.cluster.OffsetSpec;
import dev.jrdkafka.cluster.PartitionDescription;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.cluster.TopicDescription;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Admin's partition, record, offset and cluster calls against a real broker (a single
 * node): each resource's outcome on its own, per-resource failures as the broker reports them.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class AdminPartitionsIT {
    static final Duration T = Duration.ofSeconds(30);
    static KafkaBroker broker;

    @BeforeAll
    static void broker(KafkaBroker shared) {
        broker = shared;
    }

    static <V> V await(CompletableFuture<V> f) {
        return f.orTimeout(30, TimeUnit.SECONDS).join();
    }

    static <K, V> V await(ResourceResults<K, V> r, K key) {
        return await(r.value(key));
    }

    static <K> KafkaException failure(ResourceResults<K, ?> r, K key) {
        CompletionException e = assertThrows(CompletionException.class, () -> await(r, key));
        assertTrue(e.getCause() instanceof KafkaException, e.toString());
        return (KafkaException) e.getCause();
    }

    /** Creates {@code topic} and waits (bounded) until the broker's metadata shows each partition with a leader. */
    static void create(Admin admin, String topic, int partitions) {
        await(admin.createTopics(List.of(new NewTopic(topic, partitions, 1))), topic);
        awaitLeaders(admin, topic, partitions);
    }

    /** Waits (bounded) until the broker's metadata shows {@code partitions} partitions of {@code topic}, each with a leader. */
    static void awaitLeaders(Admin admin, String topic, int partitions) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                List<PartitionInfo> ps = admin.partitionsFor(topic, T);
                if (ps.size() == partitions && ps.stream().allMatch(p -> p.leader() >= 0)) return;
            } catch (KafkaException e) {
                // not in the broker's metadata yet
            }
            if (System.nanoTime() - deadline > 0) throw new AssertionError(topic + ": not " + partitions + " partitions with leaders after 30 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    static Node theBroker(Admin admin) {
        return await(admin.describeCluster()).nodes().getFirst();
    }

    @Test
    void createPartitionsGrowsTopicsEachOnItsOwn() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            create(admin, "ap-grow", 1);
            create(admin, "ap-shrink", 2);
            int brokerId = theBroker(admin).id();
            ResourceResults<String, Void> r = admin.createPartitions(List.of(NewPartitions.increaseTo("ap-grow", 3),
                    NewPartitions.increaseTo("ap-shrink", 1), NewPartitions.increaseTo("ap-never-created", 2)));
            assertNull(await(r, "ap-grow"));
            assertEquals(KafkaError.INVALID_PARTITIONS, failure(r, "ap-shrink").error());
            KafkaException unknown = failure(r, "ap-never-created");
            assertEquals(KafkaError.UNKNOWN_TOPIC_OR_PART, unknown.error());
            assertTrue(unknown.getMessage().contains("ap-never-created"), unknown.getMessage());
            awaitLeaders(admin, "ap-grow", 3);
            assertEquals(3, await(admin.describeTopics(List.of("ap-grow")), "ap-grow").partitions().size());

            ResourceResults<String, Void> assigned = admin.createPartitions(List.of(
                    new NewPartitions("ap-grow", 4, List.of(List.of(brokerId))),
                    new NewPartitions("ap-shrink", 3, List.of(List.of(brokerId + 1000)))));
            assertNull(await(assigned, "ap-grow"));
            assertEquals(KafkaError.INVALID_REPLICA_ASSIGNMENT, failure(assigned, "ap-shrink").error(), "no such broker");
            awaitLeaders(admin, "ap-grow", 4);

            ResourceResults<String, Void> validated = admin.createPartitions(List.of(NewPartitions.increaseTo("ap-grow", 6)),
                    AdminOptions.defaults().withValidateOnly(true));
            assertNull(await(validated, "ap-grow"));
            assertEquals(4, admin.partitionsFor("ap-grow", T).size(), "validate-only added nothing");
        }
    }

    @Test
    void describeTopicsGivesIdsPartitionsReplicasAndOperationsWhenAsked() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            create(admin, "ap-described", 3);
            Node node = theBroker(admin);
            ResourceResults<String, TopicDescription> r = admin.describeTopics(List.of("ap-described", "ap-not-there"));
            TopicDescription d = await(r, "ap-described");
            assertEquals("ap-described", d.name());
            assertNotNull(d.topicId());
            assertFalse(d.internal());
            assertEquals(List.of(0, 1, 2), d.partitions().stream().map(PartitionDescription::partition).toList());
            for (PartitionDescription p : d.partitions()) {
                assertEquals(node, p.leader(), p.toString());
                assertEquals(List.of(node), p.replicas());
                assertEquals(List.of(node), p.inSyncReplicas());
            }
            assertEquals(java.util.Set.of(), d.authorizedOperations(), "not asked for");
            KafkaException unknown = failure(r, "ap-not-there");
            assertEquals(KafkaError.UNKNOWN_TOPIC_OR_PART, unknown.error());
            assertTrue(unknown.getMessage().startsWith("describeTopics of 'ap-not-there' failed"), unknown.getMessage());

            TopicDescription withOps = await(admin.describeTopics(List.of("ap-described"),
                    AdminOptions.defaults().withIncludeAuthorizedOperations(true)), "ap-described");
            assertEquals(d.topicId(), withOps.topicId());
            // no authorizer on the test broker: it reports every operation a topic has
            assertEquals(java.util.Set.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE, AclOperation.DELETE,
                    AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS),
                    withOps.authorizedOperations());
        }
    }

    @Test
    void describeClusterGivesItsIdControllerAndNodes() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            ClusterDescription c = await(admin.describeCluster());
            assertEquals(admin.clusterId(T), c.clusterId());
            assertEquals(1, c.nodes().size(), c.toString());
            Node node = c.nodes().getFirst();
            assertEquals("127.0.0.1", node.host(), "loopback");
            assertEquals(broker.port(), node.port());
            assertEquals(node, c.controller(), "the single broker");
            assertEquals(java.util.Set.of(), c.authorizedOperations(), "not asked for");
            ClusterDescription withOps = await(admin.describeCluster(AdminOptions.defaults().withIncludeAuthorizedOperations(true)));
            assertTrue(withOps.authorizedOperations().contains(AclOperation.DESCRIBE), withOps.toString());
        }
    }

    @Test
    void deleteRecordsMovesLowWatermarksPerPartition() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            create(admin, "ap-records", 2);
            Clients.produce(broker, "ap-records", 2, 20, i -> 0); // 10 per partition
            TopicPartition p0 = new TopicPartition("ap-records", 0);
            TopicPartition p1 = new TopicPartition("ap-records", 1);
            TopicPartition p9 = new TopicPartition("ap-records", 9);
            Map<TopicPartition, Long> before = new LinkedHashMap<>();
            before.put(p0, 4L);
            before.put(p1, 50L);
            before.put(p9, 1L);
            ResourceResults<TopicPartition, Long> r = admin.deleteRecords(before);
            assertEquals(4L, await(r, p0), "the new low watermark");
            assertEquals(KafkaError.OFFSET_OUT_OF_RANGE, failure(r, p1).error(), "beyond the high watermark");
            KafkaException noSuch = failure(r, p9);
            assertEquals(KafkaError._UNKNOWN_PARTITION, noSuch.error(), "librdkafka finds no such partition: " + noSuch);
            assertTrue(noSuch.getMessage().startsWith("deleteRecords of ap-records-9 failed"), noSuch.getMessage());
            TopicPartition noTopic = new TopicPartition("ap-records-never-created", 0);
            KafkaException noLeader = failure(admin.deleteRecords(Map.of(noTopic, 1L)), noTopic);
            // when no partition asked for has a leader, librdkafka fails the whole request
            assertEquals(KafkaError._NOENT, noLeader.error(), noLeader.toString());
            assertTrue(noLeader.getMessage().startsWith("deleteRecords failed: Failed to query partition leaders"), noLeader.getMessage());

            assertEquals(10L, await(admin.deleteRecords(Map.of(p1, Admin.DELETE_ALL_RECORDS)), p1), "all of them");
            ResourceResults<TopicPartition, ListedOffset> earliest = admin.listOffsets(Map.of(p0, OffsetSpec.earliest(),
                    p1, OffsetSpec.earliest()));
            assertEquals(4, await(earliest, p0).offset());
            assertEquals(10, await(earliest, p1).offset());
        }
    }

    @Test
    void listOffsetsFindsEarliestLatestMaxTimestampAndByTimestamp() {
        long base = 1_700_000_000_000L;
        try (Admin admin = Admin.create(Clients.config(broker))) {
            create(admin, "ap-offsets", 1);
            Clients.produce(broker, "ap-offsets", 1, 10, i -> base + 10L * i);
            TopicPartition p0 = new TopicPartition("ap-offsets", 0);
            TopicPartition p3 = new TopicPartition("ap-offsets", 3);
            ListedOffset earliest = await(admin.listOffsets(Map.of(p0, OffsetSpec.earliest())), p0);
            assertEquals(0, earliest.offset());
            assertEquals(-1, earliest.timestamp(), "no timestamp for EARLIEST: " + earliest);
            ListedOffset latest = await(admin.listOffsets(Map.of(p0, OffsetSpec.latest())), p0);
            assertEquals(10, latest.offset());
            assertEquals(-1, latest.timestamp(), "no timestamp for LATEST: " + latest);
            ListedOffset max = await(admin.listOffsets(Map.of(p0, OffsetSpec.maxTimestamp())), p0);
            assertEquals(9, max.offset(), max.toString());
            assertEquals(base + 90, max.timestamp());
            ListedOffset at = await(admin.listOffsets(Map.of(p0, OffsetSpec.forTimestamp(base + 35))), p0);
            assertEquals(4, at.offset(), "the first record at or after base + 35: " + at);
            assertEquals(base + 40, at.timestamp());
            assertTrue(at.leaderEpoch() >= 0, at.toString());
            assertEquals(-1, await(admin.listOffsets(Map.of(p0, OffsetSpec.forTimestamp(base + 1000))), p0).offset(), "none that late");
            assertEquals(10, await(admin.listOffsets(Map.of(p0, OffsetSpec.latest()),
                    AdminOptions.defaults().withIsolationLevel(AdminOptions.IsolationLevel.READ_COMMITTED)), p0).offset(),
                    "no transactions: the last stable offset is the high watermark");

            ResourceResults<TopicPartition, ListedOffset> mixed = admin.listOffsets(Map.of(p0, OffsetSpec.latest(), p3, OffsetSpec.latest()));
            assertEquals(10, await(mixed, p0).offset());
            assertEquals(KafkaError._UNKNOWN_PARTITION, failure(mixed, p3).error(), "librdkafka finds no such partition");
        }
    }

    @Test
    void electLeadersOnOneBrokerFindsNoElectionNeeded() {
        try (Admin admin = Admin.create(Clients.config(broker))) {
            create(admin, "ap-elect", 2);
            TopicPartition p0 = new TopicPartition("ap-elect", 0);
            TopicPartition p1 = new TopicPartition("ap-elect", 1);
            TopicPartition unknown = new TopicPartition("ap-elect-never-created", 0);
            ResourceResults<TopicPartition, Void> r = admin.electLeaders(ElectionType.PREFERRED, List.of(p0, p1, unknown));
            for (TopicPartition tp : List.of(p0, p1)) {
                KafkaException e = failure(r, tp);
                assertEquals(KafkaError.ELECTION_NOT_NEEDED, e.error(), e.toString());
                assertTrue(e.getMessage().startsWith("electLeaders of " + tp + " failed"), e.getMessage());
            }
            assertEquals(KafkaError.UNKNOWN_TOPIC_OR_PART, failure(r, unknown).error());

            assertEquals(KafkaError.ELECTION_NOT_NEEDED,
                    failure(admin.electLeaders(ElectionType.UNCLEAN, List.of(p0)), p0).error(), "it has a leader");

            Map<TopicPartition, Optional<KafkaException>> all = await(admin.electAllLeaders(ElectionType.PREFERRED));
            assertEquals(Map.of(), all, "the broker leaves out the partitions that need no election");
        }
    }
}
