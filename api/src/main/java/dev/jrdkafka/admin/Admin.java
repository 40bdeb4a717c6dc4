package dev.jrdkafka.admin;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.cluster.ClusterDescription;
import dev.jrdkafka.cluster.ClusterMetadata;
import dev.jrdkafka.cluster.ElectionType;
import dev.jrdkafka.cluster.ListedOffset;
import dev.jrdkafka.cluster.NewPartitions;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.cluster.OffsetSpec;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.cluster.TopicDescription;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.internal.client.Timeouts;
import dev.jrdkafka.internal.rd.admin.RdClusterAdmin;
import dev.jrdkafka.internal.rd.admin.RdMetadata;
import dev.jrdkafka.internal.rd.admin.RdPartitionAdmin;
import dev.jrdkafka.internal.rd.admin.RdTopicAdmin;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
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
        this.core = new AdminCore(config.toMap(), listener);
        AdminCore c = core;
        this.cleanable = c.client.registerLeakReport(this, () -> c.close(Duration.ofSeconds(5)));
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
        List<NewTopic> list = List.copyOf(Objects.requireNonNull(topics, "topics"));
        Objects.requireNonNull(options, "options");
        List<String> names = uniqueNames("createTopics", list, NewTopic::name);
        ResourceResults<String, Void> results = new ResourceResults<>(names);
        core.submit(AdminCore.perResource("createTopics", results, RdTopicAdmin::topicOutcomes, o -> null),
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
        List<String> names = uniqueNames("deleteTopics", List.copyOf(Objects.requireNonNull(topics, "topics")), Function.identity());
        Objects.requireNonNull(options, "options");
        ResourceResults<String, Void> results = new ResourceResults<>(names);
        core.submit(AdminCore.perResource("deleteTopics", results, RdTopicAdmin::topicOutcomes, o -> null),
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
        List<NewPartitions> list = List.copyOf(Objects.requireNonNull(topics, "topics"));
        Objects.requireNonNull(options, "options");
        List<String> names = uniqueNames("createPartitions", list, NewPartitions::topic);
        ResourceResults<String, Void> results = new ResourceResults<>(names);
        core.submit(AdminCore.perResource("createPartitions", results, RdTopicAdmin::topicOutcomes, o -> null),
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
        List<String> names = uniqueNames("describeTopics", List.copyOf(Objects.requireNonNull(topics, "topics")), Function.identity());
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
    // (DescribeConfigs, AlterConfigs, IncrementalAlterConfigs)

    // ---- consumer groups ---------------------------------------------------------------
    // (ListConsumerGroups, DescribeConsumerGroups, DeleteGroups, ListConsumerGroupOffsets,
    //  AlterConsumerGroupOffsets, DeleteConsumerGroupOffsets)

    // ---- ACLs and SCRAM credentials ------------------------------------------------------
    // (CreateAcls, DescribeAcls, DeleteAcls, DescribeUserScramCredentials, AlterUserScramCredentials)

    // ---- metadata -------------------------------------------------------------------

    /** The brokers and every topic, as one Metadata request sees them; waits up to {@code timeout}. */
    public ClusterMetadata metadata(Duration timeout) {
        return core.client.metadata(null, timeout);
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
        return core.client.isClosed();
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /** Waits up to {@code timeout} for calls in flight, fails the rest, destroys the client. Idempotent. */
    public void close(Duration timeout) {
        core.close(timeout);
        cleanable.clean();
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
}
