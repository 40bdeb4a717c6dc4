package org.apache.kafka.clients.admin;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.internals.CoordinatorKey;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;

/**
 * Builds kafka-clients Admin result types whose constructors are package-private, for
 * {@code dev.jrdkafka.kafkaclients.JrdkafkaAdmin}. It has to live in kafka-clients' package:
 * the adapter therefore works on the class path, not as a named module.
 */
public final class JrdkafkaAdminResults {
    private JrdkafkaAdminResults() {}

    public static ListTopicsResult listTopics(KafkaFuture<Map<String, TopicListing>> future) {
        return new ListTopicsResult(future);
    }

    public static DescribeClusterResult describeCluster(KafkaFuture<Collection<Node>> nodes, KafkaFuture<Node> controller,
                                                       KafkaFuture<String> clusterId,
                                                       KafkaFuture<Set<AclOperation>> authorizedOperations) {
        return new DescribeClusterResult(nodes, controller, clusterId, authorizedOperations);
    }

    public static CreatePartitionsResult createPartitions(Map<String, KafkaFuture<Void>> values) {
        return new CreatePartitionsResult(values);
    }

    public static DeleteConsumerGroupsResult deleteConsumerGroups(Map<String, KafkaFuture<Void>> values) {
        return new DeleteConsumerGroupsResult(values);
    }

    public static ListConsumerGroupOffsetsResult listConsumerGroupOffsets(
            Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> byGroup) {
        Map<CoordinatorKey, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> m = new java.util.LinkedHashMap<>();
        byGroup.forEach((g, f) -> m.put(CoordinatorKey.byGroupId(g), f));
        return new ListConsumerGroupOffsetsResult(m);
    }

    public static DeleteTopicsResult deleteTopics(Map<String, KafkaFuture<Void>> byName) {
        return new DeleteTopicsResult(null, byName);
    }

    public static CreateTopicsResult createTopics(Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> values) {
        return new CreateTopicsResult(values);
    }

    public static DescribeTopicsResult describeTopics(Map<String, KafkaFuture<TopicDescription>> byName) {
        return new DescribeTopicsResult(null, byName);
    }

    /** The timestamp an {@link OffsetSpec.TimestampSpec} asks for (its accessor is package-private). */
    public static long timestamp(OffsetSpec.TimestampSpec spec) {
        return spec.timestamp();
    }

    public static CreateTopicsResult.TopicMetadataAndConfig created(org.apache.kafka.common.Uuid topicId, int partitions,
                                                                    int replicationFactor) {
        return new CreateTopicsResult.TopicMetadataAndConfig(topicId, partitions, replicationFactor, null);
    }

    public static AlterConfigsResult alterConfigs(Map<org.apache.kafka.common.config.ConfigResource, KafkaFuture<Void>> values) {
        return new AlterConfigsResult(values);
    }

    public static DescribeConfigsResult describeConfigs(Map<org.apache.kafka.common.config.ConfigResource, KafkaFuture<Config>> values) {
        return new DescribeConfigsResult(values);
    }

    public static ConfigEntry.ConfigSynonym synonym(String name, String value, ConfigEntry.ConfigSource source) {
        return new ConfigEntry.ConfigSynonym(name, value, source);
    }

    public static AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(
            KafkaFuture<Map<TopicPartition, org.apache.kafka.common.protocol.Errors>> future) {
        return new AlterConsumerGroupOffsetsResult(future);
    }

    public static DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(
            KafkaFuture<Map<TopicPartition, org.apache.kafka.common.protocol.Errors>> future, Set<TopicPartition> partitions) {
        return new DeleteConsumerGroupOffsetsResult(future, partitions);
    }
}
