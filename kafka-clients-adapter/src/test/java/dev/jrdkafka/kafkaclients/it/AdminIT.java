package dev.jrdkafka.kafkaclients.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.kafkaclients.JrdkafkaAdmin;
import dev.jrdkafka.kafkaclients.JrdkafkaConsumer;
import dev.jrdkafka.kafkaclients.JrdkafkaProducer;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.util.Collection;
import java.util.Optional;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adapter's Admin on a real broker: kafka-clients' result types, errors as kafka-clients' exceptions. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class AdminIT {
    @Test
    void topicsPartitionsOffsetsAndGroups(KafkaBroker broker) throws Exception {
        String topic = "adapter-admin";
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (Admin admin = new JrdkafkaAdmin(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            ExecutionException again = assertThrows(ExecutionException.class,
                    () -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicExistsException.class, again.getCause());

            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic));
            assertEquals(1, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            assertFalse(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS).isEmpty());

            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all().get(30, TimeUnit.SECONDS);
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            assertEquals(2, d.partitions().size());

            try (Producer<String, String> p = new JrdkafkaProducer<>(Configs.producer(broker))) {
                for (int i = 0; i < 10; i++) p.send(new ProducerRecord<>(topic, 0, "k", "v" + i));
                p.flush();
            }
            assertEquals(10, admin.listOffsets(Map.of(p0, OffsetSpec.latest())).partitionResult(p0).get(30, TimeUnit.SECONDS).offset());
            assertEquals(4, admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(4))).lowWatermarks().get(p0)
                    .get(30, TimeUnit.SECONDS).lowWatermark());
            assertEquals(4, admin.listOffsets(Map.of(p0, OffsetSpec.earliest())).partitionResult(p0).get(30, TimeUnit.SECONDS).offset());

            Map<String, Object> cc = Configs.consumer(broker, "adapter-admin-group");
            try (Consumer<String, String> c = new JrdkafkaConsumer<>(cc)) {
                c.assign(List.of(p0));
                c.commitSync(Map.of(p0, new OffsetAndMetadata(7, "meta")));
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("adapter-admin-group")
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertEquals(7, offsets.get(p0).offset());
            assertEquals("meta", offsets.get(p0).metadata());
            admin.alterConsumerGroupOffsets("adapter-admin-group", Map.of(p0, new OffsetAndMetadata(9)))
                    .all().get(30, TimeUnit.SECONDS);
            assertEquals(9, admin.listConsumerGroupOffsets("adapter-admin-group").partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(p0).offset());
            admin.deleteConsumerGroupOffsets("adapter-admin-group", Set.of(p0)).all().get(30, TimeUnit.SECONDS);
            assertTrue(admin.listConsumerGroupOffsets("adapter-admin-group").partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(p0) == null);
            admin.deleteConsumerGroups(List.of("adapter-admin-group")).all().get(30, TimeUnit.SECONDS);

            ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(res, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "3600000"),
                    AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            Config config = admin.describeConfigs(List.of(res)).all().get(30, TimeUnit.SECONDS).get(res);
            assertEquals("3600000", config.get("retention.ms").value());
            assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("retention.ms").source());

            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class, () -> admin.describeLogDirs(Set.of(1)));
            assertTrue(u.getMessage().contains("librdkafka 2.15.0 has no DescribeLogDirs"), u.getMessage());
        }
    }

    @Test
    void consumerGroupsAndLeaderElection(KafkaBroker broker) throws Exception {
        String topic = "adapter-admin-groups";
        String group = "adapter-admin-described";
        broker.createTopic(topic, 2);
        try (Admin admin = new JrdkafkaAdmin(Map.of("bootstrap.servers", broker.bootstrapServers()));
             Consumer<String, String> c = new JrdkafkaConsumer<>(Configs.consumer(broker, group))) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (c.assignment().size() < 2 && System.nanoTime() < deadline) c.poll(java.time.Duration.ofMillis(200));
            assertEquals(2, c.assignment().size());

            Collection<GroupListing> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS);
            GroupListing listed = groups.stream().filter(g -> g.groupId().equals(group)).findFirst().orElseThrow(() -> new AssertionError(groups));
            assertEquals("consumer", listed.protocol());
            assertEquals(Optional.of(GroupState.STABLE), listed.groupState());
            assertTrue(admin.listGroups(new ListGroupsOptions().inGroupStates(Set.of(GroupState.EMPTY))).all().get(30, TimeUnit.SECONDS)
                    .stream().noneMatch(g -> g.groupId().equals(group)), "state filter");

            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(30, TimeUnit.SECONDS);
            assertEquals(GroupState.STABLE, d.groupState());
            assertEquals(GroupType.CLASSIC, d.type());
            assertEquals("range", d.partitionAssignor());
            assertEquals(1, d.members().size());
            assertEquals(Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)),
                    d.members().iterator().next().assignment().topicPartitions());
            assertEquals(broker.port(), d.coordinator().port());

            // One broker: the preferred leader already leads, as kafka-clients reports it.
            TopicPartition p0 = new TopicPartition(topic, 0);
            Map<TopicPartition, Optional<Throwable>> elected = admin.electLeaders(ElectionType.PREFERRED, Set.of(p0)).partitions()
                    .get(30, TimeUnit.SECONDS);
            assertInstanceOf(ElectionNotNeededException.class, elected.get(p0).orElseThrow());
            assertTrue(admin.electLeaders(ElectionType.PREFERRED, null).partitions().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(Optional::isEmpty), "leaders of all partitions: none needs an election, none fails");
        }
    }
}
