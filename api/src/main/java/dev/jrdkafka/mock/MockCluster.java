package dev.jrdkafka.mock;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.internal.rd.mock.RdMockApis;
import dev.jrdkafka.internal.rd.mock.RdMockBrokers;
import dev.jrdkafka.internal.rd.mock.RdMockCluster;
import dev.jrdkafka.internal.rd.mock.RdMockErrors;
import dev.jrdkafka.internal.rd.mock.RdMockGroups;
import dev.jrdkafka.internal.rd.mock.RdMockRequests;
import dev.jrdkafka.internal.rd.mock.RdMockShareGroups;
import dev.jrdkafka.internal.rd.mock.RdMockTelemetry;
import dev.jrdkafka.internal.rd.mock.RdMockTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * librdkafka's in-process mock Kafka cluster: brokers on 127.0.0.1 that speak the Kafka
 * protocol, so any client can connect to {@link #bootstrapServers()}; and the controls
 * librdkafka's own tests use to script it — topics and partition leadership, brokers going
 * down or slow, errors injected into requests, coordinators, consumer group settings,
 * telemetry, and a log of the requests the brokers receive. See the
 * {@linkplain dev.jrdkafka.mock package documentation} for what the mock does.
 *
 * <p>Thread-safe; {@link #close()} is idempotent and any later call throws
 * {@link IllegalStateException}. Invalid arguments throw {@link IllegalArgumentException};
 * an operation librdkafka refuses throws {@link KafkaException} with its error. Most
 * controls are carried out by the cluster's own thread and return when it has; librdkafka
 * (2.14.2, 2.15.0) sometimes misses waking that thread, so a call may take up to a second.
 */
public final class MockCluster implements AutoCloseable {
    /** The most brokers a cluster may have. */
    public static final int MAX_BROKERS = 100;
    /** The most partitions a topic may have here (librdkafka's mock allocates them all at once). */
    public static final int MAX_PARTITIONS = 10_000;

    private final String bootstrapServers;
    private final Set<Integer> brokerIds = new TreeSet<>();                  // guarded by this
    private final ApiVersionGuard apiVersions = new ApiVersionGuard();      // guarded by this
    private RdMockCluster cluster;                                           // guarded by this; null once closed
    private volatile boolean closing;  // set first by close(), so callers queued on the lock give way at once

    /*
     * Every cluster is built by this constructor from an RdMockCluster. Besides start(n),
     * a client configured with test.mock.num.brokers hosts a mock cluster of its own: a
     * future "MockCluster.of(client)" (added with the client classes) will wrap
     * RdMockCluster.borrow(rk) here. Its close() then only detaches, since the client
     * destroys that cluster, and the client must outlive the MockCluster.
     */
    private MockCluster(RdMockCluster cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstraps();
        int initial = bootstrapServers.split(",").length; // librdkafka numbers brokers 1..n
        for (int id = 1; id <= initial; id++) brokerIds.add(id);
    }

    /** Starts a cluster of {@code brokers} brokers (1 to {@value #MAX_BROKERS}), with ids 1 to {@code brokers}. */
    public static MockCluster start(int brokers) {
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new IllegalArgumentException("a mock cluster needs 1 to " + MAX_BROKERS + " brokers, got " + brokers);
        }
        return new MockCluster(RdMockCluster.start(brokers));
    }

    // ---- the cluster ----

    /**
     * "127.0.0.1:port,..." of the brokers the cluster started with, for the
     * {@code bootstrap.servers} of any client. Brokers added later are found by clients
     * through Metadata.
     */
    public String bootstrapServers() {
        open();
        return bootstrapServers;
    }

    /** The number of brokers now (after any {@link #addBroker} or {@link #decommissionBroker}). */
    public synchronized int brokerCount() {
        open();
        return brokerIds.size();
    }

    /** The ids of the brokers now, ascending. */
    public synchronized List<Integer> brokerIds() {
        open();
        return List.copyOf(brokerIds);
    }

    /** The broker with id {@code brokerId}, to control it. */
    public synchronized MockBroker broker(int brokerId) {
        open();
        requireBroker(brokerId);
        return new MockBroker(this, brokerId);
    }

    /**
     * The name of the librdkafka client instance whose threads run this cluster (e.g.
     * "rdkafka#producer-1"): an internal one created by {@link #start}.
     */
    public synchronized String hostClientName() {
        return open().hostName();
    }

    // ---- brokers ----

    /**
     * Adds a broker with id {@code brokerId} (not in use, at least 0) on a new port; all
     * partitions' replicas and leaders are reassigned over the brokers. Metadata always names
     * broker 0 as the controller, so adding a broker 0 lets admin requests that go to the
     * controller (such as DescribeTopics) find one.
     */
    public synchronized MockBroker addBroker(int brokerId) {
        RdMockCluster c = open();
        if (brokerId < 0) throw new IllegalArgumentException("broker id must be at least 0, got " + brokerId);
        if (brokerIds.contains(brokerId)) throw new IllegalArgumentException("broker " + brokerId + " already exists");
        if (brokerIds.size() >= MAX_BROKERS) {
            throw new IllegalArgumentException("cannot add broker " + brokerId + ": the cluster has " + MAX_BROKERS + " brokers already");
        }
        RdMockBrokers.add(c, brokerId);
        brokerIds.add(brokerId);
        return new MockBroker(this, brokerId);
    }

    /**
     * Removes broker {@code brokerId}: its connections close, it stops listening, coordinator
     * assignments to it are dropped, and all partitions' replicas and leaders are reassigned
     * over the remaining brokers. The last broker cannot be removed.
     */
    public synchronized void decommissionBroker(int brokerId) {
        RdMockCluster c = open();
        requireBroker(brokerId);
        if (brokerIds.size() == 1) {
            throw new IllegalArgumentException("cannot decommission broker " + brokerId + ": it is the cluster's last broker");
        }
        RdMockBrokers.decommission(c, brokerId);
        brokerIds.remove(brokerId);
    }

    /** Takes every broker down, as {@link MockBroker#setDown()} does for one. */
    public synchronized void setAllBrokersDown() {
        RdMockBrokers.setDown(open(), RdMockBrokers.ALL);
    }

    /** Brings every broker back up, as {@link MockBroker#setUp()} does for one. */
    public synchronized void setAllBrokersUp() {
        RdMockBrokers.setUp(open(), RdMockBrokers.ALL);
    }

    /** Delays every broker's responses by {@code rtt}, as {@link MockBroker#setRtt} does for one. */
    public synchronized void setAllBrokersRtt(Duration rtt) {
        RdMockCluster c = open();
        RdMockBrokers.setRtt(c, RdMockBrokers.ALL, Arguments.millis(rtt, "rtt", 0));
    }

    /** Sets every broker's rack, as {@link MockBroker#setRack} does for one. */
    public synchronized void setAllBrokersRack(String rack) {
        RdMockCluster c = open();
        RdMockBrokers.setRack(c, RdMockBrokers.ALL, Arguments.name(rack, "rack"));
    }

    // ---- topics and partitions ----

    /**
     * Creates {@code topic} with {@code partitions} partitions (1 to {@value #MAX_PARTITIONS})
     * of {@code replicationFactor} replicas (1 to the number of brokers), instead of letting
     * the first Metadata request auto-create it (4 partitions). Replicas are spread
     * deterministically; each partition's leader is one of its replicas, chosen at random.
     *
     * @throws KafkaException TOPIC_ALREADY_EXISTS if the topic exists
     */
    public synchronized void createTopic(String topic, int partitions, int replicationFactor) {
        RdMockCluster c = open();
        Arguments.topic(topic);
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partition count must be 1 to " + MAX_PARTITIONS + ", got " + partitions);
        }
        if (replicationFactor < 1 || replicationFactor > brokerIds.size()) {
            throw new IllegalArgumentException("replication factor must be 1 to " + brokerIds.size()
                    + " (the number of brokers), got " + replicationFactor);
        }
        RdMockTopics.create(c, topic, partitions, replicationFactor);
    }

    /**
     * Makes Metadata (and AddPartitionsToTxn) responses report {@code error} for
     * {@code topic}, creating the topic if needed; {@link KafkaError#NO_ERROR} clears it.
     */
    public synchronized void setTopicError(String topic, KafkaError error) {
        RdMockCluster c = open();
        Arguments.topic(topic);
        RdMockTopics.setError(c, topic, Arguments.notNull(error, "error").code());
    }

    /**
     * Moves leadership of the partition to broker {@code brokerId} and bumps its leader
     * epoch, as a Kafka controller would; clients find out through NOT_LEADER errors and
     * Metadata. A missing topic is created with {@code partition + 1} partitions.
     */
    public synchronized void setPartitionLeader(String topic, int partition, int brokerId) {
        RdMockCluster c = open();
        checkPartition(topic, partition);
        requireBroker(brokerId);
        onPartition(topic, partition, () -> RdMockTopics.setLeader(c, topic, partition, brokerId));
    }

    /**
     * Leaves the partition without a leader (Metadata reports leader -1) until
     * {@link #setPartitionLeader} or a broker change reassigns it.
     *
     * <p>librdkafka's mock broker (2.14.2, unchanged in 2.15.0) crashes the process when it
     * answers a Produce v10+ or Fetch v12+ for a leaderless partition, so the first call also
     * caps the cluster at Produce v9 and Fetch v11 (clients already connected are disconnected
     * and renegotiate), and {@link #setApiVersionRange} refuses higher versions from then on.
     */
    public synchronized void setPartitionLeaderless(String topic, int partition) {
        RdMockCluster c = open();
        checkPartition(topic, partition);
        for (int[] cap : apiVersions.capsForLeaderless()) {
            RdMockApis.setVersions(c, (short) cap[0], (short) cap[1], (short) cap[2]);
            apiVersions.set(cap[0], cap[1], cap[2]);
        }
        onPartition(topic, partition, () -> RdMockTopics.setLeader(c, topic, partition, RdMockBrokers.ALL));
    }

    /**
     * Sets the partition's preferred read replica (KIP-392 fetch from follower): while set,
     * the leader answers Fetch requests with no data and a referral to broker
     * {@code brokerId}, which needs not exist (to test clients against unknown replicas);
     * -1 clears it, and the leader serves the data again.
     */
    public synchronized void setPartitionFollower(String topic, int partition, int brokerId) {
        RdMockCluster c = open();
        checkPartition(topic, partition);
        if (brokerId < -1) throw new IllegalArgumentException("follower broker id must be -1 (none) or at least 0, got " + brokerId);
        onPartition(topic, partition, () -> RdMockTopics.setFollower(c, topic, partition, brokerId));
    }

    /**
     * Sets the low and high watermarks the follower reports for the partition, e.g. to
     * simulate a lagging replica; -1 for either makes it follow the leader's.
     */
    public synchronized void setPartitionFollowerWatermarks(String topic, int partition, long low, long high) {
        RdMockCluster c = open();
        checkPartition(topic, partition);
        if (low < -1 || high < -1 || (low >= 0 && high >= 0 && low > high)) {
            throw new IllegalArgumentException("follower watermarks must be -1 or offsets with low <= high, got low "
                    + low + ", high " + high);
        }
        onPartition(topic, partition, () -> RdMockTopics.setFollowerWatermarks(c, topic, partition, low, high));
    }

    /**
     * Queues a leader ({@code leaderId}, {@code leaderEpoch}) that the next Metadata or Fetch
     * response mentioning the partition reports instead of the real one, once per call; the
     * real leadership does not change.
     */
    public synchronized void pushPartitionLeaderResponse(String topic, int partition, int leaderId, int leaderEpoch) {
        RdMockCluster c = open();
        checkPartition(topic, partition);
        onPartition(topic, partition, () -> RdMockTopics.pushLeaderResponse(c, topic, partition, leaderId, leaderEpoch));
    }

    // ---- request errors ----

    /**
     * Makes the next {@code errors.length} requests of type {@code apiKey}, to any broker, fail
     * with these errors, in order ({@link KafkaError#NO_ERROR} lets one through;
     * {@link KafkaError#_TRANSPORT} disconnects the client). Errors pushed to a broker with
     * {@link MockBroker#pushRequestErrors} are used first.
     */
    public void pushRequestErrors(ApiKey apiKey, KafkaError... errors) {
        open(); // a closed cluster says so before any argument complaint
        pushRequestErrors(Arguments.notNull(apiKey, "apiKey").code(), errors);
    }

    /** {@link #pushRequestErrors(ApiKey, KafkaError...)} for any ApiKey number. */
    public synchronized void pushRequestErrors(int apiKey, KafkaError... errors) {
        RdMockCluster c = open();
        short key = Arguments.apiKey(apiKey);
        Arguments.notNull(errors, "errors");
        int[] codes = new int[errors.length];
        for (int i = 0; i < errors.length; i++) codes[i] = Arguments.notNull(errors[i], "errors[" + i + "]").code();
        RdMockErrors.push(c, key, codes);
    }

    /** Drops the errors still queued cluster-wide for {@code apiKey} (not those pushed to brokers). */
    public void clearRequestErrors(ApiKey apiKey) {
        open();
        clearRequestErrors(Arguments.notNull(apiKey, "apiKey").code());
    }

    /** {@link #clearRequestErrors(ApiKey)} for any ApiKey number. */
    public synchronized void clearRequestErrors(int apiKey) {
        RdMockCluster c = open();
        RdMockErrors.clear(c, Arguments.apiKey(apiKey));
    }

    // ---- API versions ----

    /**
     * Sets the versions of {@code apiKey} the brokers advertise in ApiVersions and accept,
     * within what the mock implements (e.g. Produce 0..10); to test clients against older
     * brokers. Connections negotiated before keep their version and are closed when they
     * use one outside the new range.
     */
    public void setApiVersionRange(ApiKey apiKey, int minVersion, int maxVersion) {
        open();
        setApiVersionRange(Arguments.notNull(apiKey, "apiKey").code(), minVersion, maxVersion);
    }

    /** {@link #setApiVersionRange(ApiKey, int, int)} for any ApiKey number. */
    public synchronized void setApiVersionRange(int apiKey, int minVersion, int maxVersion) {
        RdMockCluster c = open();
        short key = Arguments.apiKey(apiKey);
        apiVersions.check(apiKey, minVersion, maxVersion);
        RdMockApis.setVersions(c, key, (short) minVersion, (short) maxVersion);
        apiVersions.set(apiKey, minVersion, maxVersion);
    }

    /** Stops the brokers advertising and accepting {@code apiKey}, as a broker without that API. */
    public void disableApi(ApiKey apiKey) {
        open();
        disableApi(Arguments.notNull(apiKey, "apiKey").code());
    }

    /** {@link #disableApi(ApiKey)} for any ApiKey number. */
    public void disableApi(int apiKey) {
        setApiVersionRange(apiKey, -1, -1);
    }

    // ---- coordinators and consumer groups ----

    /**
     * Makes broker {@code brokerId} the group coordinator FindCoordinator returns for
     * {@code groupId}, instead of one chosen by hashing the id.
     */
    public synchronized void setGroupCoordinator(String groupId, int brokerId) {
        RdMockCluster c = open();
        setCoordinator(c, "group", Arguments.name(groupId, "group id"), brokerId);
    }

    /**
     * Makes broker {@code brokerId} the transaction coordinator FindCoordinator returns for
     * {@code transactionalId}, instead of one chosen by hashing the id.
     */
    public synchronized void setTransactionCoordinator(String transactionalId, int brokerId) {
        RdMockCluster c = open();
        setCoordinator(c, "transaction", Arguments.name(transactionalId, "transactional id"), brokerId);
    }

    private void setCoordinator(RdMockCluster c, String keyType, String key, int brokerId) {
        // The mock accepts any id, but aborts the process when FindCoordinator resolves to a missing broker.
        requireBroker(brokerId);
        RdMockGroups.setCoordinator(c, keyType, key, brokerId);
    }

    /**
     * Sets the brokers' {@code group.initial.rebalance.delay.ms}: how long a classic consumer
     * group's first rebalance waits for more members (librdkafka's mock default: 3 s).
     */
    public synchronized void setGroupInitialRebalanceDelay(Duration delay) {
        RdMockCluster c = open();
        RdMockGroups.setInitialRebalanceDelay(c, Arguments.millis(delay, "initial rebalance delay", 0));
    }

    /**
     * Sets the brokers' {@code group.consumer.session.timeout.ms} for KIP-848 consumer groups
     * (default 30 s): a member that does not heartbeat for that long is removed. Applies to
     * members as they next heartbeat.
     */
    public synchronized void setConsumerGroupSessionTimeout(Duration timeout) {
        RdMockCluster c = open();
        RdMockGroups.setConsumerSessionTimeout(c, Arguments.millis(timeout, "session timeout", 1));
    }

    /**
     * Sets the brokers' {@code group.consumer.heartbeat.interval.ms} for KIP-848 consumer
     * groups (default 3 s): how often members are told to heartbeat.
     */
    public synchronized void setConsumerGroupHeartbeatInterval(Duration interval) {
        RdMockCluster c = open();
        RdMockGroups.setConsumerHeartbeatInterval(c, Arguments.millis(interval, "heartbeat interval", 1));
    }

    /**
     * Replaces the mock's own assignor for KIP-848 consumer group {@code groupId}: the listed
     * members (by member id) are given these partitions, and the group epoch is bumped.
     * Members and groups the coordinator does not know (yet) are ignored, so set it after
     * they joined.
     */
    public synchronized void setTargetAssignment(String groupId, TargetAssignment assignment) {
        RdMockCluster c = open();
        Arguments.name(groupId, "group id");
        RdMockGroups.setTargetAssignment(c, groupId, Arguments.notNull(assignment, "assignment").members());
    }

    // ---- share groups (KIP-932) ------------------------------------------------------

    /**
     * Where the mock's share groups start reading a partition they first consume: the
     * earliest offset ({@code true}) or the end ({@code false}, the mock's default, like
     * Kafka's {@code share.auto.offset.reset=latest}). Set it before members join.
     */
    public synchronized void setShareGroupAutoOffsetResetEarliest(boolean earliest) {
        RdMockShareGroups.setAutoOffsetResetEarliest(open(), earliest);
    }

    /**
     * How long a share group member holds a record it acquired before the record becomes
     * available again (Kafka's {@code group.share.record.lock.duration.ms}; the mock's
     * default 0 means its share session timeout).
     */
    public synchronized void setShareGroupRecordLockDuration(Duration duration) {
        RdMockCluster c = open();
        RdMockShareGroups.setRecordLockDuration(c, Arguments.millis(duration, "record lock duration", 1));
    }

    /**
     * How many times a record is delivered before the mock archives it (Kafka's
     * {@code group.share.delivery.count.limit}; default 5, 0 = unlimited).
     */
    public synchronized void setShareGroupMaxDeliveryAttempts(int attempts) {
        RdMockCluster c = open();
        if (attempts < 0) throw new IllegalArgumentException("max delivery attempts must be >= 0, got " + attempts);
        RdMockShareGroups.setMaxDeliveryAttempts(c, attempts);
    }

    /** The share groups' session timeout: a member that does not heartbeat for that long is removed. */
    public synchronized void setShareGroupSessionTimeout(Duration timeout) {
        RdMockCluster c = open();
        RdMockShareGroups.setSessionTimeout(c, Arguments.millis(timeout, "session timeout", 1));
    }

    /** How often share group members are told to heartbeat. */
    public synchronized void setShareGroupHeartbeatInterval(Duration interval) {
        RdMockCluster c = open();
        RdMockShareGroups.setHeartbeatInterval(c, Arguments.millis(interval, "heartbeat interval", 1));
    }

    /** Gives KIP-848 group {@code groupId} back to the mock's own (range) assignor, which recomputes at once. */
    public synchronized void clearTargetAssignment(String groupId) {
        RdMockCluster c = open();
        RdMockGroups.clearTargetAssignment(c, Arguments.name(groupId, "group id"));
    }

    // ---- telemetry (KIP-714) ----

    /**
     * Sets the metrics the brokers ask clients to push, by name prefix: none (empty list)
     * asks for nothing, {@code List.of("")} for every metric.
     */
    public synchronized void setRequestedTelemetryMetrics(List<String> prefixes) {
        RdMockCluster c = open();
        Arguments.notNull(prefixes, "prefixes");
        List<String> copy = new ArrayList<>(prefixes.size());
        for (String p : prefixes) {
            Arguments.notNull(p, "metric prefix");
            if (p.indexOf('\0') >= 0) throw new IllegalArgumentException("metric prefix must not contain NUL: '" + p + "'");
            copy.add(p);
        }
        RdMockTelemetry.setRequestedMetrics(c, copy);
    }

    /** Sets how often the brokers ask clients to push telemetry (positive). */
    public synchronized void setTelemetryPushInterval(Duration interval) {
        RdMockCluster c = open();
        RdMockTelemetry.setPushInterval(c, Arguments.millis(interval, "push interval", 1));
    }

    // ---- request tracking ----

    /** Starts recording every request the brokers receive, discarding those recorded so far. */
    public synchronized void startRequestTracking() {
        RdMockRequests.start(open());
    }

    /** Stops recording requests; librdkafka 2.15.0 also discards those recorded. */
    public synchronized void stopRequestTracking() {
        RdMockRequests.stop(open());
    }

    /** The requests recorded so far, oldest first. */
    public synchronized List<MockRequest> requests() {
        List<RdMockRequests.Request> raw = RdMockRequests.get(open());
        List<MockRequest> requests = new ArrayList<>(raw.size());
        for (RdMockRequests.Request r : raw) requests.add(new MockRequest(r.brokerId(), r.apiKey(), r.timestampMicros()));
        return List.copyOf(requests);
    }

    /** How many requests of each kind have been recorded so far, by raw API key. */
    public synchronized java.util.SortedMap<Integer, Integer> requestCounts() {
        java.util.SortedMap<Integer, Integer> counts = new java.util.TreeMap<>();
        for (MockRequest r : requests()) counts.merge(r.apiKey(), 1, Integer::sum);
        return java.util.Collections.unmodifiableSortedMap(counts);
    }

    /** Discards the requests recorded so far; tracking goes on if it is on. */
    public synchronized void clearRequests() {
        RdMockRequests.clear(open());
    }

    // ---- lifecycle ----

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closing;
    }

    /** Stops the brokers (clients see them disconnect) and frees the cluster. Idempotent. */
    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            if (cluster != null) {
                RdMockCluster c = cluster;
                cluster = null;
                c.destroy();
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "MockCluster[" + brokerIds.size() + " brokers at " + bootstrapServers + (closing ? ", closed]" : "]");
    }

    // ---- for MockBroker ----

    /** Runs {@code op} under this cluster's lock, once it is known open and {@code brokerId} exists. */
    synchronized <T> T onBroker(int brokerId, Function<RdMockCluster, T> op) {
        RdMockCluster c = open();
        requireBroker(brokerId);
        return op.apply(c);
    }

    /** Throws IllegalStateException if closed (for MockBroker's checks that come before its arguments'). */
    void requireOpen() {
        open();
    }

    // ---- helpers (called holding the lock) ----

    private synchronized RdMockCluster open() {
        if (closing || cluster == null) throw new IllegalStateException("this MockCluster is closed");
        return cluster;
    }

    private void requireBroker(int brokerId) {
        if (!brokerIds.contains(brokerId)) {
            throw new IllegalArgumentException("no broker " + brokerId + " in this mock cluster (brokers " + brokerIds + ")");
        }
    }

    private static void checkPartition(String topic, int partition) {
        Arguments.topic(topic);
        Arguments.partition(partition);
    }

    /** Runs a partition operation, turning librdkafka's UNKNOWN_TOPIC_OR_PART into an IllegalArgumentException. */
    private static void onPartition(String topic, int partition, Runnable op) {
        try {
            op.run();
        } catch (KafkaException e) {
            if (e.error() != KafkaError.UNKNOWN_TOPIC_OR_PART) throw e;
            throw new IllegalArgumentException("topic '" + topic + "' has no partition " + partition, e);
        }
    }
}
