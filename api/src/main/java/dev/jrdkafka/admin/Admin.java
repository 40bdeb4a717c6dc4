package dev.jrdkafka.admin;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.cluster.AclBinding;
import dev.jrdkafka.cluster.AclBindingFilter;
import dev.jrdkafka.cluster.ClusterMetadata;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.cluster.ScramCredentialInfo;
import dev.jrdkafka.cluster.UserScramCredentialAlteration;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.internal.client.Timeouts;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.admin.KeyedOutcome;
import dev.jrdkafka.internal.rd.admin.RdAclAdmin;
import dev.jrdkafka.internal.rd.admin.RdMetadata;
import dev.jrdkafka.internal.rd.admin.RdScramAdmin;
import dev.jrdkafka.internal.rd.admin.RdTopicAdmin;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    // (CreatePartitions, DescribeTopics, DescribeCluster, DeleteRecords, ListOffsets, ElectLeaders)

    // ---- configurations ---------------------------------------------------------------
    // (DescribeConfigs, AlterConfigs, IncrementalAlterConfigs)

    // ---- consumer groups ---------------------------------------------------------------
    // (ListConsumerGroups, DescribeConsumerGroups, DeleteGroups, ListConsumerGroupOffsets,
    //  AlterConsumerGroupOffsets, DeleteConsumerGroupOffsets)

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
        List<AclBinding> list = AclArguments.bindings("createAcls", List.copyOf(Objects.requireNonNull(acls, "acls")));
        Objects.requireNonNull(options, "options");
        ResourceResults<AclBinding, Void> results = new ResourceResults<>(list);
        core.submit(AdminCore.perResource("createAcls", results, ev -> RdAclAdmin.createOutcomes(ev, list)),
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
        core.submit(AdminCore.single("describeAcls", result, RdAclAdmin::describeResult),
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
        List<AclBindingFilter> list = AclArguments.filters("deleteAcls", List.copyOf(Objects.requireNonNull(filters, "filters")));
        Objects.requireNonNull(options, "options");
        ResourceResults<AclBindingFilter, List<AclBinding>> results = new ResourceResults<>(list);
        core.submit(AdminCore.perResource("deleteAcls", results, ev -> RdAclAdmin.deleteOutcomes(ev, list)),
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
        core.submit(AdminCore.single("describeUserScramCredentials", result, ev -> {
            Map<String, List<ScramCredentialInfo>> users = new LinkedHashMap<>();
            for (KeyedOutcome<String, List<ScramCredentialInfo>> o : RdScramAdmin.describeOutcomes(ev)) {
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
        List<String> names = uniqueNames("describeUserScramCredentials", List.copyOf(Objects.requireNonNull(users, "users")),
                Function.identity());
        Objects.requireNonNull(options, "options");
        ResourceResults<String, List<ScramCredentialInfo>> results = new ResourceResults<>(names);
        core.submit(AdminCore.perResource("describeUserScramCredentials", results, RdScramAdmin::describeOutcomes),
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
        List<UserScramCredentialAlteration> list = List.copyOf(Objects.requireNonNull(alterations, "alterations"));
        List<String> users = ScramArguments.users("alterUserScramCredentials", list);
        Objects.requireNonNull(options, "options");
        ResourceResults<String, Void> results = new ResourceResults<>(users);
        core.submit(AdminCore.perResource("alterUserScramCredentials", results, RdScramAdmin::alterOutcomes),
                id -> RdScramAdmin.alter(core.rd, list, options.spec(), id));
        return results;
    }

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
