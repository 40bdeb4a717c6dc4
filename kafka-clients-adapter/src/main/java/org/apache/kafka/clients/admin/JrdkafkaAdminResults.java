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
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.protocol.Errors;

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

    @SuppressWarnings("deprecation") // for the adapter's listConsumerGroups, which Admin still declares
    public static ListConsumerGroupsResult listConsumerGroups(KafkaFuture<Collection<Object>> listingsAndErrors) {
        return new ListConsumerGroupsResult(listingsAndErrors);
    }

    public static ListGroupsResult listGroups(KafkaFuture<Collection<Object>> listingsAndErrors) {
        return new ListGroupsResult(listingsAndErrors);
    }

    public static ElectLeadersResult electLeaders(KafkaFuture<Map<TopicPartition, java.util.Optional<Throwable>>> future) {
        return new ElectLeadersResult(future);
    }

    public static CreateAclsResult createAcls(Map<org.apache.kafka.common.acl.AclBinding, KafkaFuture<Void>> values) {
        return new CreateAclsResult(values);
    }

    public static DescribeAclsResult describeAcls(KafkaFuture<Collection<org.apache.kafka.common.acl.AclBinding>> future) {
        return new DescribeAclsResult(future);
    }

    public static DeleteAclsResult deleteAcls(
            Map<org.apache.kafka.common.acl.AclBindingFilter, KafkaFuture<DeleteAclsResult.FilterResults>> values) {
        return new DeleteAclsResult(values);
    }

    /** The bindings one filter deleted (librdkafka reports no per-binding errors). */
    public static DeleteAclsResult.FilterResults deletedAcls(Collection<org.apache.kafka.common.acl.AclBinding> deleted) {
        java.util.List<DeleteAclsResult.FilterResult> list = new java.util.ArrayList<>();
        for (var b : deleted) list.add(new DeleteAclsResult.FilterResult(b, null));
        return new DeleteAclsResult.FilterResults(list);
    }

    /**
     * kafka-clients builds this result from the protocol response: per user, either a
     * {@code List<ScramCredentialInfo>} or the {@code Throwable} it failed with.
     */
    public static DescribeUserScramCredentialsResult describeUserScramCredentials(KafkaFuture<Map<String, Object>> byUser) {
        return new DescribeUserScramCredentialsResult(byUser.thenApply(m -> {
            java.util.List<DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult> results = new java.util.ArrayList<>();
            m.forEach((user, v) -> {
                var r = new DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult().setUser(user);
                if (v instanceof Throwable t) {
                    r.setErrorCode(Errors.forException(t).code()).setErrorMessage(t.getMessage());
                } else {
                    java.util.List<DescribeUserScramCredentialsResponseData.CredentialInfo> infos = new java.util.ArrayList<>();
                    for (Object o : (java.util.List<?>) v) {
                        ScramCredentialInfo i = (ScramCredentialInfo) o;
                        infos.add(new DescribeUserScramCredentialsResponseData.CredentialInfo().setMechanism(i.mechanism().type())
                                .setIterations(i.iterations()));
                    }
                    r.setCredentialInfos(infos);
                }
                results.add(r);
            });
            return new DescribeUserScramCredentialsResponseData().setResults(results);
        }));
    }
}
