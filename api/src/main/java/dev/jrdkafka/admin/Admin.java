package dev.jrdkafka.admin;

import dev.jrdkafka.internal.client.Args;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.cluster.AclBinding;
import dev.jrdkafka.cluster.AclBindingFilter;
import dev.jrdkafka.cluster.AlterConfigOp;
import dev.jrdkafka.cluster.ClusterDescription;
import dev.jrdkafka.cluster.ClusterMetadata;
import dev.jrdkafka.cluster.ConfigEntry;
import dev.jrdkafka.cluster.ConfigResource;
import dev.jrdkafka.cluster.ConsumerGroupDescription;
import dev.jrdkafka.cluster.ConsumerGroupListings;
import dev.jrdkafka.cluster.ElectionType;
import dev.jrdkafka.cluster.ListedOffset;
import dev.jrdkafka.cluster.NewPartitions;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.cluster.OffsetSpec;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.cluster.ScramCredentialInfo;
import dev.jrdkafka.cluster.TopicDescription;
import dev.jrdkafka.cluster.UserScramCredentialAlteration;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.internal.client.SharedClients;
import dev.jrdkafka.internal.client.Timeouts;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.admin.Outcome;
import dev.jrdkafka.internal.rd.admin.RdAclAdmin;
import dev.jrdkafka.internal.rd.admin.RdClusterAdmin;
import dev.jrdkafka.internal.rd.admin.RdConfigAdmin;
import dev.jrdkafka.internal.rd.admin.RdGroupAdmin;
import dev.jrdkafka.internal.rd.admin.RdMetadata;
import dev.jrdkafka.internal.rd.admin.RdPartitionAdmin;
import dev.jrdkafka.internal.rd.admin.RdScramAdmin;
import dev.jrdkafka.internal.rd.admin.RdTopicAdmin;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * librdkafka's Admin API: topics, configurations, consumer groups and their offsets, records,
 * ACLs, SCRAM credentials, leader elections, and the cluster's metadata — in the shape
 * kafka-clients users know (a call per operation, per-resource futures in a
 * {@link ResourceResults}, {@link AdminOptions} per call).
 *
 * <p>Calls never block: they check their arguments (bad input is refused before any request
 * with an {@link IllegalArgumentException} naming it), send the request and return. Results
 * arrive on the Admin's own thread, which completes the futures; one failing resource fails
 * only its own future. The metadata calls ({@link #metadata}, {@link #listTopics},
 * {@link #partitionsFor}) wait for their answer up to their timeout.
 *
 * <p>Thread-safe. {@link #close()} waits for calls in flight (up to its timeout), then fails
 * the rest with {@code _DESTROY} and destroys the client; calls after it throw
 * {@link IllegalStateException}. An Admin garbage-collected without close is reported and
 * closed.
 */
public final class Admin implements AutoCloseable {
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final AdminCore core;
    private final Cleaner.Cleanable cleanable;

    private Admin(KafkaConfig config, ClientListener listener) {
        this.core = new AdminCore(config.toMap(), config.security(), listener);
        AdminCore c = core;
        this.cleanable = c.client.registerLeakReport(this, () -> c.close(Duration.ofSeconds(5)));
    }

    private Admin(AdminCore shared) {
        this.core = shared;
        this.cleanable = null; // lives at most as long as the client it shares, which closes it
    }

    /**
     * An Admin over {@code producer}'s connection to the cluster (librdkafka allows admin
     * requests on any client): no second client, no second set of connections. It has its own
     * result queue and thread; the producer's events stay with the producer. Close it when
     * done; closing the producer closes it first (its calls in flight then fail with
     * {@code _DESTROY}).
     *
     * @throws IllegalStateException if the producer is closed
     */
    public static Admin of(dev.jrdkafka.producer.Producer producer) {
        Objects.requireNonNull(producer, "producer");
        return new Admin(new AdminCore(SharedClients.of(producer), false));
    }

    /** As {@link #of(dev.jrdkafka.producer.Producer)}, over a consumer's connection. */
    public static Admin of(dev.jrdkafka.consumer.Consumer consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return new Admin(new AdminCore(SharedClients.of(consumer), false));
    }

    /** An Admin client for the cluster {@code config} points at (any librdkafka property applies). */
    public static Admin create(KafkaConfig config) {
        return create(config, new ClientListener() {});
    }

    /** As {@link #create(KafkaConfig)}, with a listener for the client's errors, statistics and throttling. */
    public static Admin create(KafkaConfig config, ClientListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        return new Admin(config, listener);
    }

    /** librdkafka's name of this client. */
    public String name() {
        return core.client.name();
    }

    /**
     * Rotates the SASL PLAIN or SCRAM credentials ({@code rd_kafka_sasl_set_credentials}) of
     * this Admin's client (for an Admin over a producer's or consumer's connection: of that
     * client): the next authentication uses them; connections already authenticated stay
     * open. May be called from any thread.
     */
    public void setSaslCredentials(String username, String password) {
        core.client.setSaslCredentials(username, password);
    }

    // ---- topics ---------------------------------------------------------------------

    /** {@link #createTopics(Collection, AdminOptions)} with default options. */
    public ResourceResults<String, Void> createTopics(Collection<NewTopic> topics) {
        return createTopics(topics, AdminOptions.defaults());
    }

    /**
     * Creates {@code topics} (CreateTopics). Per topic: done, or failed with the broker's
     * error (e.g. TOPIC_ALREADY_EXISTS, INVALID_REPLICATION_FACTOR, INVALID_CONFIG).
     * Options: request and operation timeouts, validate-only.
     *
     * @throws IllegalArgumentException for no topics, or a name given twice
     */
    public ResourceResults<String, Void> createTopics(Collection<NewTopic> topics, AdminOptions options) {
        List<NewTopic> list = Args.list(topics, "createTopics: topics");
        Objects.requireNonNull(options, "options");
        List<String> names = uniqueNames("createTopics", list, NewTopic::name);
        ResourceResults<String, Void> results = new ResourceResults<>(names);
        core.submit(Completions.perKey("createTopics", results, RdTopicAdmin::topicOutcomes),
                id -> RdTopicAdmin.createTopics(core.rd, list, options.spec(), id));
        return results;
    }

    /** {@link #deleteTopics(Collection, AdminOptions)} with default options. */
    public ResourceResults<String, Void> deleteTopics(Collection<String> topics) {
        return deleteTopics(topics, AdminOptions.defaults());
    }

    /**
     * Deletes {@code topics} (DeleteTopics). Per topic: done, or failed with the broker's
     * error (e.g. UNKNOWN_TOPIC_OR_PART). Options: request and operation timeouts.
     *
     * @throws IllegalArgumentException for no topics, an empty name, or a name given twice
     */
    public ResourceResults<String, Void> deleteTopics(Collection<String> topics, AdminOptions options) {
        List<String> names = uniqueNames("deleteTopics", Args.list(topics, "deleteTopics: topics"), Function.identity());
        Objects.requireNonNull(options, "options");
        ResourceResults<String, Void> results = new ResourceResults<>(names);
        core.submit(Completions.perKey("deleteTopics", results, RdTopicAdmin::topicOutcomes),
                id -> RdTopicAdmin.deleteTopics(core.rd, names, options.spec(), id));
        return results;
    }

    // ---- partitions, records, offsets, cluster -------------------------------------------

    /** {@link #createPartitions(Collection, AdminOptions)} with default options. */
    public ResourceResults<String, Void> createPartitions(Collection<NewPartitions> topics) {
        return createPartitions(topics, AdminOptions.defaults());
    }

    /**
     * Adds partitions to existing topics (CreatePartitions): each grows to its new total count.
     * Per topic: done, or failed with the broker's error (e.g. INVALID_PARTITIONS for a count
     * not above the current one, UNKNOWN_TOPIC_OR_PART, INVALID_REPLICA_ASSIGNMENT).
     * Options: request and operation timeouts, validate-only.
     *
     * @throws IllegalArgumentException for no topics, or a topic given twice
     */
    public ResourceResults<String, Void> createPartitions(Collection<NewPartitions> topics, AdminOptions options) {
        List<NewPartitions> list = Args.list(topics, "createPartitions: topics");
        Objects.requireNonNull(options, "options");
        List<String> names = uniqueNames("createPartitions", list, NewPartitions::topic);
        ResourceResults<String, Void> results = new ResourceResults<>(names);
        core.submit(Completions.perKey("createPartitions", results, RdTopicAdmin::topicOutcomes),
                id -> RdPartitionAdmin.createPartitions(core.rd, list, options.spec(), id));
        return results;
    }

    /** {@link #describeTopics(Collection, AdminOptions)} with default options. */
    public ResourceResults<String, TopicDescription> describeTopics(Collection<String> topics) {
        return describeTopics(topics, AdminOptions.defaults());
    }

    /**
     * Describes {@code topics} (DescribeTopics): id, internal flag, partitions with leader,
     * replicas and in-sync replicas (brokers with racks). Per topic: its description, or
     * failed with the broker's error (e.g. UNKNOWN_TOPIC_OR_PART). Options: request timeout,
     * includeAuthorizedOperations (else {@link TopicDescription#authorizedOperations()} is empty).
     *
     * @throws IllegalArgumentException for no topics, an empty name, or a name given twice
     */
    public ResourceResults<String, TopicDescription> describeTopics(Collection<String> topics, AdminOptions options) {
        List<String> names = uniqueNames("describeTopics", Args.list(topics, "describeTopics: topics"), Function.identity());
        Objects.requireNonNull(options, "options");
        ResourceResults<String, TopicDescription> results = new ResourceResults<>(names);
        core.submit(Completions.perKey("describeTopics", results, RdClusterAdmin::topicDescriptions),
                id -> RdClusterAdmin.describeTopics(core.rd, names, options.spec(), id));
        return results;
    }

    /** {@link #describeCluster(AdminOptions)} with default options. */
    public CompletableFuture<ClusterDescription> describeCluster() {
        return describeCluster(AdminOptions.defaults());
    }

    /**
     * Describes the cluster (DescribeCluster): its id, controller and brokers (with racks).
     * Options: request timeout, includeAuthorizedOperations (else
     * {@link ClusterDescription#authorizedOperations()} is empty).
     */
    public CompletableFuture<ClusterDescription> describeCluster(AdminOptions options) {
        Objects.requireNonNull(options, "options");
        CompletableFuture<ClusterDescription> result = new CompletableFuture<>();
        core.submit(Completions.single("describeCluster", result, RdClusterAdmin::clusterDescription),
                id -> RdClusterAdmin.describeCluster(core.rd, options.spec(), id));
        return result;
    }

    /** For {@link #deleteRecords}: delete every record of the partition (librdkafka's {@code RD_KAFKA_OFFSET_END}). */
    public static final long DELETE_ALL_RECORDS = -1;

    /** {@link #deleteRecords(Map, AdminOptions)} with default options. */
    public ResourceResults<TopicPartition, Long> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        return deleteRecords(beforeOffsets, AdminOptions.defaults());
    }

    /**
     * Deletes the records of each partition before its offset (DeleteRecords); an offset of
     * {@link #DELETE_ALL_RECORDS} deletes all of them (up to the high watermark). Per partition:
     * its new low watermark (the first offset still there), or failed with its error (the
     * broker's, e.g. OFFSET_OUT_OF_RANGE beyond the high watermark; librdkafka's
     * _UNKNOWN_PARTITION for a partition its metadata lacks). librdkafka first looks up each
     * partition's leader: if none has one (e.g. an unknown topic), the whole request fails
     * with _NOENT. Options: request and operation timeouts.
     *
     * @throws IllegalArgumentException for no partitions, an empty topic name, or an offset
     *         below 0 other than {@link #DELETE_ALL_RECORDS}
     */
    public ResourceResults<TopicPartition, Long> deleteRecords(Map<TopicPartition, Long> beforeOffsets, AdminOptions options) {
        Map<TopicPartition, Long> offsets = PartitionArguments.map("deleteRecords", beforeOffsets);
        Objects.requireNonNull(options, "options");
        offsets.forEach((tp, o) -> {
            if (o < 0 && o != DELETE_ALL_RECORDS) {
                throw new IllegalArgumentException("deleteRecords: the offset of " + tp + " must be >= 0, or -1 for all records; got " + o);
            }
        });
        ResourceResults<TopicPartition, Long> results = new ResourceResults<>(offsets.keySet());
        core.submit(Completions.perKey("deleteRecords", results, RdPartitionAdmin::deletedRecords),
                id -> RdPartitionAdmin.deleteRecords(core.rd, offsets, options.spec(), id));
        return results;
    }

    /** {@link #listOffsets(Map, AdminOptions)} with default options. */
    public ResourceResults<TopicPartition, ListedOffset> listOffsets(Map<TopicPartition, OffsetSpec> specs) {
        return listOffsets(specs, AdminOptions.defaults());
    }

    /**
     * Looks up an offset per partition (ListOffsets): the earliest, the latest, the one with
     * the largest timestamp, or the first at or after a timestamp. Per partition: the offset
     * with its timestamp and leader epoch, or failed with its error (e.g. librdkafka's
     * _UNKNOWN_PARTITION for a partition its metadata lacks). Options: request timeout,
     * isolationLevel (READ_COMMITTED: the latest offset is the last stable one).
     *
     * @throws IllegalArgumentException for no partitions or an empty topic name
     */
    public ResourceResults<TopicPartition, ListedOffset> listOffsets(Map<TopicPartition, OffsetSpec> specs, AdminOptions options) {
        Map<TopicPartition, OffsetSpec> map = PartitionArguments.map("listOffsets", specs);
        Objects.requireNonNull(options, "options");
        ResourceResults<TopicPartition, ListedOffset> results = new ResourceResults<>(map.keySet());
        core.submit(Completions.perKey("listOffsets", results, RdPartitionAdmin::listedOffsets),
                id -> RdPartitionAdmin.listOffsets(core.rd, map, options.spec(), id));
        return results;
    }

    /** {@link #electLeaders(ElectionType, Collection, AdminOptions)} with default options. */
    public ResourceResults<TopicPartition, Void> electLeaders(ElectionType type, Collection<TopicPartition> partitions) {
        return electLeaders(type, partitions, AdminOptions.defaults());
    }

    /**
     * Elects leaders of {@code partitions} (ElectLeaders). Per partition: elected, or failed
     * with the broker's error (e.g. ELECTION_NOT_NEEDED when the preferred replica already
     * leads, UNKNOWN_TOPIC_OR_PART). Options: request and operation timeouts.
     *
     * @throws IllegalArgumentException for no partitions, an empty topic name, or a partition given twice
     */
    public ResourceResults<TopicPartition, Void> electLeaders(ElectionType type, Collection<TopicPartition> partitions,
                                                              AdminOptions options) {
        Objects.requireNonNull(type, "type");
        List<TopicPartition> list = PartitionArguments.unique("electLeaders", partitions);
        Objects.requireNonNull(options, "options");
        ResourceResults<TopicPartition, Void> results = new ResourceResults<>(list);
        core.submit(Completions.perKey("electLeaders", results, RdPartitionAdmin::electedLeaders),
                id -> RdPartitionAdmin.electLeaders(core.rd, type, list, options.spec(), id));
        return results;
    }

    /** {@link #electAllLeaders(ElectionType, AdminOptions)} with default options. */
    public CompletableFuture<Map<TopicPartition, Optional<KafkaException>>> electAllLeaders(ElectionType type) {
        return electAllLeaders(type, AdminOptions.defaults());
    }

    /**
     * Elects leaders of every partition of the cluster (ElectLeaders without partitions). The
     * broker answers for the partitions it elected or failed to elect (it leaves out those
     * that need no election): each with no error, or its error. A request-level error fails
     * the future.
     */
    public CompletableFuture<Map<TopicPartition, Optional<KafkaException>>> electAllLeaders(ElectionType type, AdminOptions options) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        CompletableFuture<Map<TopicPartition, Optional<KafkaException>>> result = new CompletableFuture<>();
        core.submit(Completions.single("electLeaders", result,
                        ev -> Completions.errorsByKey("electLeaders", RdPartitionAdmin.electedLeaders(ev))),
                id -> RdPartitionAdmin.electLeaders(core.rd, type, null, options.spec(), id));
        return result;
    }

    // ---- configurations ---------------------------------------------------------------

    /** {@link #describeConfigs(Collection, AdminOptions)} with default options. */
    public ResourceResults<ConfigResource, List<ConfigEntry>> describeConfigs(Collection<ConfigResource> resources) {
        return describeConfigs(resources, AdminOptions.defaults());
    }

    /**
     * Every configuration of each resource (DescribeConfigs), with its source, flags and
     * synonyms; sensitive values are null. Per resource: its entries, or its own error (e.g.
     * UNKNOWN_TOPIC_OR_PART). Options: request timeout, broker.
     *
     * @throws IllegalArgumentException for no resources, a null one, or one given twice
     */
    public ResourceResults<ConfigResource, List<ConfigEntry>> describeConfigs(Collection<ConfigResource> resources, AdminOptions options) {
        List<ConfigResource> list = uniqueKeys("describeConfigs", resources);
        Objects.requireNonNull(options, "options");
        ResourceResults<ConfigResource, List<ConfigEntry>> results = new ResourceResults<>(list);
        core.submit(Completions.perKey("describeConfigs", results, RdConfigAdmin::describeOutcomes),
                id -> RdConfigAdmin.describeConfigs(core.rd, list, options.spec(), id));
        return results;
    }

    /** {@link #alterConfigs(Map, AdminOptions)} with default options. */
    @Deprecated
    public ResourceResults<ConfigResource, Void> alterConfigs(Map<ConfigResource, Map<String, String>> configs) {
        return alterConfigs(configs, AdminOptions.defaults());
    }

    /**
     * Replaces each resource's whole configuration with its map (AlterConfigs): names not in
     * the map go back to their defaults. Per resource: done, or its own error (e.g.
     * INVALID_CONFIG). Options: request timeout, validate-only, broker.
     *
     * @deprecated as upstream (KIP-339): use {@link #incrementalAlterConfigs}, which changes only the names given
     * @throws IllegalArgumentException for no resources, a resource given twice, an empty name or a null value
     */
    @Deprecated
    public ResourceResults<ConfigResource, Void> alterConfigs(Map<ConfigResource, Map<String, String>> configs, AdminOptions options) {
        Map<ConfigResource, Map<String, String>> copy = new LinkedHashMap<>();
        for (ConfigResource r : uniqueKeys("alterConfigs", Objects.requireNonNull(configs, "configs").keySet())) {
            Map<String, String> m = Objects.requireNonNull(configs.get(r), "alterConfigs: the configs of " + r + " are null");
            for (Map.Entry<String, String> e : m.entrySet()) {
                if (e.getKey() == null || e.getKey().isEmpty()) throw new IllegalArgumentException("alterConfigs: a config name of " + r + " is empty");
                if (e.getValue() == null) throw new IllegalArgumentException("alterConfigs: the value of " + e.getKey() + " of " + r + " is null");
            }
            copy.put(r, Map.copyOf(m));
        }
        Objects.requireNonNull(options, "options");
        ResourceResults<ConfigResource, Void> results = new ResourceResults<>(copy.keySet());
        core.submit(Completions.perKey("alterConfigs", results, RdConfigAdmin::alterOutcomes),
                id -> RdConfigAdmin.alterConfigs(core.rd, copy, options.spec(), id));
        return results;
    }

    /** {@link #incrementalAlterConfigs(Map, AdminOptions)} with default options. */
    public ResourceResults<ConfigResource, Void> incrementalAlterConfigs(Map<ConfigResource, ? extends Collection<AlterConfigOp>> ops) {
        return incrementalAlterConfigs(ops, AdminOptions.defaults());
    }

    /**
     * Changes only the configurations named (IncrementalAlterConfigs): set, delete (back to
     * the default), append to or subtract from a list. Per resource: done, or its own error
     * (e.g. INVALID_CONFIG for an unknown name). Options: request timeout, validate-only, broker.
     *
     * @throws IllegalArgumentException for no resources, a resource given twice, one with no
     *                                  changes, or a config name changed twice in one resource
     */
    public ResourceResults<ConfigResource, Void> incrementalAlterConfigs(Map<ConfigResource, ? extends Collection<AlterConfigOp>> ops,
                                                                         AdminOptions options) {
        Map<ConfigResource, List<AlterConfigOp>> copy = new LinkedHashMap<>();
        for (ConfigResource r : uniqueKeys("incrementalAlterConfigs", Objects.requireNonNull(ops, "ops").keySet())) {
            List<AlterConfigOp> list = Args.list(ops.get(r), "incrementalAlterConfigs: the changes of " + r);
            uniqueNames("incrementalAlterConfigs of " + r, list, AlterConfigOp::name);
            copy.put(r, list);
        }
        Objects.requireNonNull(options, "options");
        ResourceResults<ConfigResource, Void> results = new ResourceResults<>(copy.keySet());
        core.submit(Completions.perKey("incrementalAlterConfigs", results, RdConfigAdmin::alterOutcomes),
                id -> RdConfigAdmin.incrementalAlterConfigs(core.rd, copy, options.spec(), id));
        return results;
    }

    // ---- consumer groups ---------------------------------------------------------------

    /** {@link #listConsumerGroups(AdminOptions)} with default options. */
    public CompletableFuture<ConsumerGroupListings> listConsumerGroups() {
        return listConsumerGroups(AdminOptions.defaults());
    }

    /**
     * The consumer groups of every broker (ListConsumerGroups), with the error of each broker
     * that did not answer (then the list may be incomplete). Options: request timeout, the
     * states and types to match ({@link AdminOptions#withMatchGroupStates},
     * {@link AdminOptions#withMatchGroupTypes}).
     */
    public CompletableFuture<ConsumerGroupListings> listConsumerGroups(AdminOptions options) {
        Objects.requireNonNull(options, "options");
        CompletableFuture<ConsumerGroupListings> result = new CompletableFuture<>();
        core.submit(Completions.single("listConsumerGroups", result, RdGroupAdmin::listings),
                id -> RdGroupAdmin.listConsumerGroups(core.rd, options.spec(), id));
        return result;
    }

    /** {@link #describeConsumerGroups(Collection, AdminOptions)} with default options. */
    public ResourceResults<String, ConsumerGroupDescription> describeConsumerGroups(Collection<String> groupIds) {
        return describeConsumerGroups(groupIds, AdminOptions.defaults());
    }

    /**
     * Describes each group (DescribeConsumerGroups): state, type, coordinator, members and
     * their assignments. Per group: its description, or its own error. A group that does not
     * exist is described as {@link dev.jrdkafka.cluster.GroupState#DEAD} with no members, or
     * fails with GROUP_ID_NOT_FOUND, as the broker answers. Options: request timeout,
     * includeAuthorizedOperations.
     *
     * @throws IllegalArgumentException for no groups, an empty id, or an id given twice
     */
    public ResourceResults<String, ConsumerGroupDescription> describeConsumerGroups(Collection<String> groupIds, AdminOptions options) {
        List<String> ids = uniqueNames("describeConsumerGroups", Args.list(groupIds, "describeConsumerGroups: groupIds"), Function.identity());
        Objects.requireNonNull(options, "options");
        ResourceResults<String, ConsumerGroupDescription> results = new ResourceResults<>(ids);
        core.submit(Completions.perKey("describeConsumerGroups", results, RdGroupAdmin::descriptions),
                id -> RdGroupAdmin.describeConsumerGroups(core.rd, ids, options.spec(), id));
        return results;
    }

    /** {@link #deleteConsumerGroups(Collection, AdminOptions)} with default options. */
    public ResourceResults<String, Void> deleteConsumerGroups(Collection<String> groupIds) {
        return deleteConsumerGroups(groupIds, AdminOptions.defaults());
    }

    /**
     * Deletes each group and its committed offsets (DeleteGroups). Per group: done, or its own
     * error (NON_EMPTY_GROUP while it has members, GROUP_ID_NOT_FOUND). Options: request timeout.
     *
     * @throws IllegalArgumentException for no groups, an empty id, or an id given twice
     */
    public ResourceResults<String, Void> deleteConsumerGroups(Collection<String> groupIds, AdminOptions options) {
        List<String> ids = uniqueNames("deleteConsumerGroups", Args.list(groupIds, "deleteConsumerGroups: groupIds"), Function.identity());
        Objects.requireNonNull(options, "options");
        ResourceResults<String, Void> results = new ResourceResults<>(ids);
        core.submit(Completions.perKey("deleteConsumerGroups", results, RdGroupAdmin::deleteOutcomes),
                id -> RdGroupAdmin.deleteGroups(core.rd, ids, options.spec(), id));
        return results;
    }

    /** {@link #listConsumerGroupOffsets(Collection, AdminOptions)} with default options. */
    public ResourceResults<String, Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(Collection<String> groupIds) {
        return listConsumerGroupOffsets(groupIds, AdminOptions.defaults());
    }

    /**
     * Every committed offset of each group (ListConsumerGroupOffsets; a request per group).
     * Per group: its offsets by partition (empty for a group that committed none or does not
     * exist), or its own error. Options: request timeout, requireStableOffsets.
     *
     * @throws IllegalArgumentException for no groups, an empty id, or an id given twice
     */
    public ResourceResults<String, Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(Collection<String> groupIds,
                                                                                                   AdminOptions options) {
        List<String> ids = uniqueNames("listConsumerGroupOffsets", Args.list(groupIds, "listConsumerGroupOffsets: groupIds"), Function.identity());
        Map<String, List<TopicPartition>> all = new LinkedHashMap<>();
        for (String g : ids) all.put(g, null);
        return listGroupOffsets(all, Objects.requireNonNull(options, "options"));
    }

    /** {@link #listConsumerGroupOffsets(Map, AdminOptions)} with default options. */
    public ResourceResults<String, Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(
            Map<String, ? extends Collection<TopicPartition>> partitionsByGroup) {
        return listConsumerGroupOffsets(partitionsByGroup, AdminOptions.defaults());
    }

    /**
     * The committed offsets of the partitions asked, per group (a request per group). Per
     * group: an entry for every partition asked, null where the group committed none; or its
     * own error (a partition's error fails its group). Options: request timeout, requireStableOffsets.
     *
     * @throws IllegalArgumentException for no groups, an empty id, or a group with no partitions or one given twice
     */
    public ResourceResults<String, Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(
            Map<String, ? extends Collection<TopicPartition>> partitionsByGroup, AdminOptions options) {
        Objects.requireNonNull(partitionsByGroup, "partitionsByGroup");
        Map<String, List<TopicPartition>> asked = new LinkedHashMap<>();
        for (String g : uniqueNames("listConsumerGroupOffsets", Args.list(partitionsByGroup.keySet(), "listConsumerGroupOffsets: the group ids of partitionsByGroup"), Function.identity())) {
            asked.put(g, uniqueKeys("listConsumerGroupOffsets of '" + g + "'",
                    Objects.requireNonNull(partitionsByGroup.get(g), "listConsumerGroupOffsets: the partitions of '" + g + "' are null")));
        }
        return listGroupOffsets(asked, Objects.requireNonNull(options, "options"));
    }

    private ResourceResults<String, Map<TopicPartition, OffsetAndMetadata>> listGroupOffsets(Map<String, List<TopicPartition>> asked,
                                                                                            AdminOptions options) {
        ResourceResults<String, Map<TopicPartition, OffsetAndMetadata>> results = new ResourceResults<>(asked.keySet());
        asked.forEach((group, partitions) -> core.submit(
                Completions.single("listConsumerGroupOffsets of '" + group + "'", results.values().get(group), GroupOffsetsRead::committed),
                id -> RdGroupAdmin.listConsumerGroupOffsets(core.rd, group, partitions, options.spec(), id)));
        return results;
    }

    /** {@link #alterConsumerGroupOffsets(String, Map, AdminOptions)} with default options. */
    public ResourceResults<TopicPartition, Void> alterConsumerGroupOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        return alterConsumerGroupOffsets(groupId, offsets, AdminOptions.defaults());
    }

    /**
     * Commits {@code offsets} for {@code groupId} (AlterConsumerGroupOffsets), e.g. to reset a
     * group that has no active members. Results are keyed by partition: each partition is
     * done or fails with its own error (e.g. UNKNOWN_MEMBER_ID while the group has members);
     * an error of the whole group fails every partition. Options: request timeout.
     *
     * @throws IllegalArgumentException for an empty group id, no offsets, or a null partition or offset
     */
    public ResourceResults<TopicPartition, Void> alterConsumerGroupOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets,
                                                                           AdminOptions options) {
        String group = groupId("alterConsumerGroupOffsets", groupId);
        List<TopicPartition> partitions = uniqueKeys("alterConsumerGroupOffsets", Objects.requireNonNull(offsets, "offsets").keySet());
        Map<TopicPartition, OffsetAndMetadata> copy = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            copy.put(tp, Objects.requireNonNull(offsets.get(tp), "alterConsumerGroupOffsets: the offset of " + tp + " is null"));
        }
        Objects.requireNonNull(options, "options");
        ResourceResults<TopicPartition, Void> results = new ResourceResults<>(partitions);
        core.submit(Completions.perKey("alterConsumerGroupOffsets of '" + group + "'", results, ev -> GroupOffsetsRead.perPartition(ev, partitions)),
                id -> RdGroupAdmin.alterConsumerGroupOffsets(core.rd, group, copy, options.spec(), id));
        return results;
    }

    /** {@link #deleteConsumerGroupOffsets(String, Collection, AdminOptions)} with default options. */
    public ResourceResults<TopicPartition, Void> deleteConsumerGroupOffsets(String groupId, Collection<TopicPartition> partitions) {
        return deleteConsumerGroupOffsets(groupId, partitions, AdminOptions.defaults());
    }

    /**
     * Deletes {@code groupId}'s committed offsets of {@code partitions}
     * (DeleteConsumerGroupOffsets). Results are keyed by partition: each is done or fails with
     * its own error (GROUP_SUBSCRIBED_TO_TOPIC while a member consumes its topic); an error of
     * the whole group (e.g. GROUP_ID_NOT_FOUND) fails every partition. Options: request timeout.
     *
     * @throws IllegalArgumentException for an empty group id, no partitions, or a partition given twice
     */
    public ResourceResults<TopicPartition, Void> deleteConsumerGroupOffsets(String groupId, Collection<TopicPartition> partitions,
                                                                            AdminOptions options) {
        String group = groupId("deleteConsumerGroupOffsets", groupId);
        List<TopicPartition> list = uniqueKeys("deleteConsumerGroupOffsets", partitions);
        Objects.requireNonNull(options, "options");
        ResourceResults<TopicPartition, Void> results = new ResourceResults<>(list);
        core.submit(Completions.perKey("deleteConsumerGroupOffsets of '" + group + "'", results, ev -> GroupOffsetsRead.perPartition(ev, list)),
                id -> RdGroupAdmin.deleteConsumerGroupOffsets(core.rd, group, list, options.spec(), id));
        return results;
    }

    /** {@link #consumerGroupLag(Collection, AdminOptions)} with default options. */
    public ResourceResults<String, Map<TopicPartition, Long>> consumerGroupLag(Collection<String> groupIds) {
        return consumerGroupLag(groupIds, AdminOptions.defaults());
    }

    /**
     * Each group's lag per partition it committed: the partition's latest offset (ListOffsets)
     * minus the group's committed offset (ListConsumerGroupOffsets), never below 0. Per group:
     * its lags, or the error of either request. Options: request timeout,
     * requireStableOffsets (for the committed offsets) and isolation level (READ_COMMITTED:
     * against the last stable offset).
     *
     * @throws IllegalArgumentException for no groups, an empty id, or an id given twice
     */
    public ResourceResults<String, Map<TopicPartition, Long>> consumerGroupLag(Collection<String> groupIds, AdminOptions options) {
        List<String> ids = uniqueNames("consumerGroupLag", Args.list(groupIds, "consumerGroupLag: groupIds"), Function.identity());
        Objects.requireNonNull(options, "options");
        ResourceResults<String, Map<TopicPartition, OffsetAndMetadata>> committed = listConsumerGroupOffsets(ids, options.withIsolationLevel(null));
        ResourceResults<String, Map<TopicPartition, Long>> lags = new ResourceResults<>(ids);
        AdminOptions latestOptions = options.withRequireStableOffsets(false);
        for (String g : ids) {
            committed.value(g).thenCompose(offsets -> latestOffsets(offsets, latestOptions).thenApply(latest -> GroupOffsetsRead.lag(offsets, latest)))
                    .whenComplete((lag, e) -> {
                        if (e == null) {
                            lags.complete(g, lag);
                        } else {
                            lags.fail(g, e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e);
                        }
                    });
        }
        return lags;
    }

    private CompletableFuture<Map<TopicPartition, Long>> latestOffsets(Map<TopicPartition, OffsetAndMetadata> committed, AdminOptions options) {
        List<TopicPartition> partitions = committed.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
        CompletableFuture<Map<TopicPartition, Long>> latest = new CompletableFuture<>();
        if (partitions.isEmpty()) {
            latest.complete(Map.of());
            return latest;
        }
        core.submit(Completions.single("consumerGroupLag (ListOffsets)", latest, RdGroupAdmin::latestOffsets),
                id -> RdGroupAdmin.listLatestOffsets(core.rd, partitions, options.spec(), id));
        return latest;
    }

    private static String groupId(String operation, String groupId) {
        Objects.requireNonNull(groupId, operation + ": groupId");
        if (groupId.isEmpty()) throw new IllegalArgumentException(operation + ": the group id is empty");
        return groupId;
    }

    // ---- ACLs and SCRAM credentials ------------------------------------------------------

    /** {@link #createAcls(Collection, AdminOptions)} with default options. */
    public ResourceResults<AclBinding, Void> createAcls(Collection<AclBinding> acls) {
        return createAcls(acls, AdminOptions.defaults());
    }

    /**
     * Creates {@code acls} (CreateAcls; the cluster needs an authorizer). Per binding: done, or
     * failed with the broker's error (e.g. INVALID_REQUEST for a principal not of the form
     * "User:alice", SECURITY_DISABLED without an authorizer). Creating an existing ACL succeeds.
     * Options: request timeout.
     *
     * @throws IllegalArgumentException for no bindings, one given twice, or one with a value
     *         only filters have (ANY, MATCH, UNKNOWN) or an empty name, principal or host
     */
    public ResourceResults<AclBinding, Void> createAcls(Collection<AclBinding> acls, AdminOptions options) {
        List<AclBinding> list = AclArguments.bindings("createAcls", Args.list(acls, "createAcls: acls"));
        Objects.requireNonNull(options, "options");
        ResourceResults<AclBinding, Void> results = new ResourceResults<>(list);
        core.submit(Completions.perKey("createAcls", results, ev -> RdAclAdmin.createOutcomes(ev, list)),
                id -> RdAclAdmin.createAcls(core.rd, list, options.spec(), id));
        return results;
    }

    /** {@link #describeAcls(AclBindingFilter, AdminOptions)} with default options. */
    public CompletableFuture<List<AclBinding>> describeAcls(AclBindingFilter filter) {
        return describeAcls(filter, AdminOptions.defaults());
    }

    /**
     * The ACLs matching {@code filter} (DescribeAcls; {@link AclBindingFilter#ANY} for all).
     * Fails with the broker's error, e.g. SECURITY_DISABLED without an authorizer. Options:
     * request and operation timeouts.
     *
     * @throws IllegalArgumentException for a filter with an UNKNOWN value
     */
    public CompletableFuture<List<AclBinding>> describeAcls(AclBindingFilter filter, AdminOptions options) {
        AclBindingFilter f = AclArguments.filter("describeAcls", Objects.requireNonNull(filter, "filter"));
        Objects.requireNonNull(options, "options");
        CompletableFuture<List<AclBinding>> result = new CompletableFuture<>();
        core.submit(Completions.single("describeAcls", result, RdAclAdmin::describeResult),
                id -> RdAclAdmin.describeAcls(core.rd, f, options.spec(), id));
        return result;
    }

    /** {@link #deleteAcls(Collection, AdminOptions)} with default options. */
    public ResourceResults<AclBindingFilter, List<AclBinding>> deleteAcls(Collection<AclBindingFilter> filters) {
        return deleteAcls(filters, AdminOptions.defaults());
    }

    /**
     * Deletes the ACLs matching each of {@code filters} (DeleteAcls). Per filter: the bindings
     * it deleted (none matching: an empty list), or failed with the broker's error. Options:
     * request and operation timeouts.
     *
     * @throws IllegalArgumentException for no filters, one given twice, or one with an UNKNOWN value
     */
    public ResourceResults<AclBindingFilter, List<AclBinding>> deleteAcls(Collection<AclBindingFilter> filters,
                                                                          AdminOptions options) {
        List<AclBindingFilter> list = AclArguments.filters("deleteAcls", Args.list(filters, "deleteAcls: filters"));
        Objects.requireNonNull(options, "options");
        ResourceResults<AclBindingFilter, List<AclBinding>> results = new ResourceResults<>(list);
        core.submit(Completions.perKey("deleteAcls", results, ev -> RdAclAdmin.deleteOutcomes(ev, list)),
                id -> RdAclAdmin.deleteAcls(core.rd, list, options.spec(), id));
        return results;
    }

    /** {@link #describeUserScramCredentials(AdminOptions)} with default options. */
    public CompletableFuture<Map<String, List<ScramCredentialInfo>>> describeUserScramCredentials() {
        return describeUserScramCredentials(AdminOptions.defaults());
    }

    /**
     * Every user's SCRAM credentials (DescribeUserScramCredentials for all users): per user,
     * its mechanisms and iteration counts. Fails with the first user's error if one has any.
     * Options: request timeout.
     */
    public CompletableFuture<Map<String, List<ScramCredentialInfo>>> describeUserScramCredentials(AdminOptions options) {
        Objects.requireNonNull(options, "options");
        CompletableFuture<Map<String, List<ScramCredentialInfo>>> result = new CompletableFuture<>();
        core.submit(Completions.single("describeUserScramCredentials", result, ev -> {
            Map<String, List<ScramCredentialInfo>> users = new LinkedHashMap<>();
            for (Outcome<String, List<ScramCredentialInfo>> o : RdScramAdmin.describeOutcomes(ev)) {
                if (o.error() != 0) {
                    throw new KafkaException(o.error(), "describeUserScramCredentials of '" + o.key() + "' failed: " + o.message()
                            + " (" + RdErrors.name(o.error()) + ")");
                }
                users.put(o.key(), o.value());
            }
            return Collections.unmodifiableMap(users);
        }), id -> RdScramAdmin.describe(core.rd, List.of(), options.spec(), id));
        return result;
    }

    /** {@link #describeUserScramCredentials(Collection, AdminOptions)} with default options. */
    public ResourceResults<String, List<ScramCredentialInfo>> describeUserScramCredentials(Collection<String> users) {
        return describeUserScramCredentials(users, AdminOptions.defaults());
    }

    /**
     * {@code users}' SCRAM credentials (DescribeUserScramCredentials). Per user: its mechanisms
     * and iteration counts, or failed with the broker's error (RESOURCE_NOT_FOUND for a user
     * without credentials). Options: request timeout.
     *
     * @throws IllegalArgumentException for no users, an empty name, or a name given twice
     */
    public ResourceResults<String, List<ScramCredentialInfo>> describeUserScramCredentials(Collection<String> users,
                                                                                         AdminOptions options) {
        List<String> names = uniqueNames("describeUserScramCredentials", Args.list(users, "describeUserScramCredentials: users"),
                Function.identity());
        Objects.requireNonNull(options, "options");
        ResourceResults<String, List<ScramCredentialInfo>> results = new ResourceResults<>(names);
        core.submit(Completions.perKey("describeUserScramCredentials", results, RdScramAdmin::describeOutcomes),
                id -> RdScramAdmin.describe(core.rd, names, options.spec(), id));
        return results;
    }

    /** {@link #alterUserScramCredentials(Collection, AdminOptions)} with default options. */
    public ResourceResults<String, Void> alterUserScramCredentials(Collection<UserScramCredentialAlteration> alterations) {
        return alterUserScramCredentials(alterations, AdminOptions.defaults());
    }

    /**
     * Creates, replaces or deletes users' SCRAM credentials (AlterUserScramCredentials;
     * librdkafka sends the salted password, never the password). Per user: done, or failed
     * with the broker's error (e.g. UNACCEPTABLE_CREDENTIAL for iterations outside
     * 4096..16384, RESOURCE_NOT_FOUND deleting a credential that does not exist). Options:
     * request timeout.
     *
     * @throws IllegalArgumentException for no alterations, or a user given twice (Kafka takes one
     *         alteration per user and request)
     */
    public ResourceResults<String, Void> alterUserScramCredentials(Collection<UserScramCredentialAlteration> alterations,
                                                                  AdminOptions options) {
        List<UserScramCredentialAlteration> list = Args.list(alterations, "alterUserScramCredentials: alterations");
        List<String> users = ScramArguments.users("alterUserScramCredentials", list);
        Objects.requireNonNull(options, "options");
        ResourceResults<String, Void> results = new ResourceResults<>(users);
        core.submit(Completions.perKey("alterUserScramCredentials", results, RdScramAdmin::alterOutcomes),
                id -> RdScramAdmin.alter(core.rd, list, options.spec(), id));
        return results;
    }

    // ---- metadata -------------------------------------------------------------------

    /** The brokers and every topic, as one Metadata request sees them; waits up to {@code timeout}. */
    public ClusterMetadata metadata(Duration timeout) {
        return core.client.metadata(null, timeout);
    }

    /**
     * The brokers and {@code topic} alone, as one Metadata request for it sees them; waits up
     * to {@code timeout}. An unknown topic comes back with its error (or is created, where
     * the broker auto-creates topics).
     */
    public ClusterMetadata metadata(String topic, Duration timeout) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) throw new IllegalArgumentException("the topic name is empty");
        return core.client.metadata(topic, timeout);
    }

    /** The names of the cluster's topics (internal ones included); waits up to {@code timeout}. */
    public Set<String> listTopics(Duration timeout) {
        return Set.copyOf(metadata(timeout).topics().keySet());
    }

    /**
     * {@code topic}'s partitions with their leaders and replicas; waits up to {@code timeout}.
     *
     * @throws dev.jrdkafka.KafkaException with the broker's error for the topic (e.g. UNKNOWN_TOPIC_OR_PART)
     */
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        return core.client.partitionsFor(topic, timeout);
    }

    /** The cluster id, or null if not known within {@code timeout}. */
    public String clusterId(Duration timeout) {
        int ms = Timeouts.millis(timeout, "timeout");
        return core.client.call(() -> RdMetadata.clusterId(core.client.rd(), ms));
    }

    /** The controller's broker id, or -1 if not known within {@code timeout}. */
    public int controllerId(Duration timeout) {
        int ms = Timeouts.millis(timeout, "timeout");
        return core.client.call(() -> RdMetadata.controllerId(core.client.rd(), ms));
    }

    // ---- lifecycle ------------------------------------------------------------------

    public boolean isClosed() {
        return core.isClosed();
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /** Waits up to {@code timeout} for calls in flight, fails the rest, destroys the client. Idempotent. */
    public void close(Duration timeout) {
        core.close(timeout);
        if (cleanable != null) cleanable.clean();
    }

    /** The names of {@code items}, refusing an empty call, empty names and duplicates (before any request). */
    static <T> List<String> uniqueNames(String operation, List<T> items, Function<T, String> name) {
        if (items.isEmpty()) throw new IllegalArgumentException(operation + " needs at least one resource");
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String n = Objects.requireNonNull(name.apply(Objects.requireNonNull(item, operation + ": a null element")),
                    operation + ": a null name");
            if (n.isEmpty()) throw new IllegalArgumentException(operation + ": a name is empty");
            if (!seen.add(n)) throw new IllegalArgumentException(operation + ": '" + n + "' is given more than once");
        }
        return items.stream().map(name).toList();
    }

    /** {@code keys} as a list, refusing an empty call, null keys and duplicates (before any request). */
    static <K> List<K> uniqueKeys(String operation, Collection<K> keys) {
        Objects.requireNonNull(keys, operation);
        if (keys.isEmpty()) throw new IllegalArgumentException(operation + " needs at least one resource");
        List<K> out = new ArrayList<>(keys.size());
        Set<K> seen = new HashSet<>();
        for (K k : keys) {
            Objects.requireNonNull(k, operation + ": a null element");
            if (!seen.add(k)) throw new IllegalArgumentException(operation + ": " + k + " is given more than once");
            out.add(k);
        }
        return List.copyOf(out);
    }
}
