package dev.jrdkafka.producer;

import dev.jrdkafka.ConsumerGroupMetadata;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import java.lang.foreign.MemorySegment;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.internal.client.Timeouts;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * librdkafka's producer. Thread-safe: any number of threads may produce at once.
 *
 * <h2>Two ways to produce</h2>
 * <ul>
 *   <li>{@link #send(ProducerRecord, DeliveryCallback)} / {@link #send(ProducerRecord)}: the
 *       kafka-clients shape, with headers and timestamps; one callback or future per record.</li>
 *   <li>{@code produce(topic, partition, key, value, opaque)}: the fast path. No Java object
 *       is allocated per record: {@code byte[]} and heap buffers are staged in a reused
 *       native buffer (one per platform thread, a small shared pool for virtual threads),
 *       native segments and direct buffers are handed over as they are, and librdkafka
 *       copies the bytes before the call returns.
 *       {@link #produceBorrowed} skips even that copy: the memory must then stay valid until
 *       the record's delivery report. Outcomes go to the {@link DeliveryListener} of the
 *       {@link ProducerOptions} with the {@code opaque} you passed (failures are logged
 *       when there is no listener).</li>
 * </ul>
 *
 * <h2>Delivery reports</h2>
 * Reports arrive in batches through librdkafka's event API — one crossing per batch —
 * on the producer's poller thread (default) or in {@link #poll(Duration)}. Every record gets
 * exactly one outcome: delivered, failed, purged, or, at close, failed with _DESTROY. Each
 * outcome carries librdkafka's {@link PersistenceStatus} (is the record in the log, may it
 * be, or certainly not) and latency: {@link RecordMetadata}, {@link DeliveryReport}, and
 * {@link DeliveryFailedException} for failures.
 *
 * <h2>Lifecycle</h2>
 * {@link #close()} flushes, then destroys the client; it is idempotent, safe while other
 * threads produce (they get {@link IllegalStateException}), and refused from inside this
 * producer's callbacks. Every method after close throws {@link IllegalStateException}. A
 * producer that is garbage-collected unclosed is reported and closed.
 */
public final class Producer implements AutoCloseable {
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProducerCore core;
    private final Cleaner.Cleanable cleanable;

    private Producer(Map<String, String> config, dev.jrdkafka.security.SecuritySettings security, ProducerOptions options) {
        this.core = new ProducerCore(config, security, options);
        ProducerCore c = core;
        this.cleanable = c.client.registerLeakReport(this, () -> c.close(Duration.ofSeconds(5)));
        dev.jrdkafka.internal.client.SharedClients.register(this, c.client);
    }

    /** A producer with default {@link ProducerOptions} (poller thread on). */
    public static Producer create(KafkaConfig config) {
        return create(config, ProducerOptions.defaults());
    }

    public static Producer create(KafkaConfig config, ProducerOptions options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        return new Producer(config.toMap(), config.security(), options);
    }

    /** librdkafka's name of this client, e.g. "rdkafka#producer-1". */
    public String name() {
        return core.client.name();
    }

    // ---- fast path --------------------------------------------------------------

    /** Produces without a callback; the outcome goes to the delivery listener with opaque 0. */
    public void produce(String topic, int partition, byte[] key, byte[] value) {
        produce(topic, partition, key, value, 0);
    }

    /**
     * Produces a copy of {@code key} and {@code value} (either may be null) to {@code partition}
     * ({@link ProducerRecord#UNASSIGNED} for the partitioner). {@code opaque} (>= 0) comes
     * back in the {@link DeliveryReport}. Allocates nothing on the Java heap.
     *
     * @throws KafkaException with _QUEUE_FULL after {@link ProducerOptions#queueFullTimeout()},
     *         or librdkafka's error (unknown partition, message too large, fatal error...);
     *         with _STATE for a transactional producer outside an open transaction — with
     *         {@link KafkaException#transactionRequiresAbort()} when the current transaction
     *         has failed and must be aborted ({@link #abortTransaction})
     */
    public void produce(String topic, int partition, byte[] key, byte[] value, long opaque) {
        checkArgs(topic, partition, opaque);
        core.produce(topic, partition, key, value, opaque);
    }

    /**
     * As {@link #produce(String, int, byte[], byte[], long)}, from heap or direct buffers (their remaining bytes).
     *
     * @throws IllegalStateException for a direct buffer made from a segment whose arena is closed
     */
    public void produce(String topic, int partition, ByteBuffer key, ByteBuffer value, long opaque) {
        checkArgs(topic, partition, opaque);
        core.produce(topic, partition, key, value, opaque);
    }

    /**
     * As {@link #produce(String, int, byte[], byte[], long)}, from segments; librdkafka copies them during the call.
     *
     * @throws IllegalStateException for a segment whose arena is already closed (checked before
     *         any native call; closing the arena on another thread during the call is a race of the caller's)
     */
    public void produce(String topic, int partition, MemorySegment key, MemorySegment value, long opaque) {
        checkArgs(topic, partition, opaque);
        core.produce(topic, partition, key, value, opaque, false);
    }

    /**
     * As {@link #produce(String, int, MemorySegment, MemorySegment, long)}, with key and value as
     * regions of one segment — for parsers that find records inside a read buffer (no slice
     * per record). A negative length means null (no key, or a null value); librdkafka copies
     * the bytes during the call. Allocates nothing on the Java heap.
     *
     * @throws IndexOutOfBoundsException for a region outside {@code data}, naming it
     * @throws IllegalStateException for a segment whose arena is already closed
     */
    public void produce(String topic, int partition, MemorySegment data, long keyOffset, long keyLength,
                        long valueOffset, long valueLength, long opaque) {
        checkArgs(topic, partition, opaque);
        Objects.requireNonNull(data, "data");
        checkRegion(data, keyOffset, keyLength, "key");
        checkRegion(data, valueOffset, valueLength, "value");
        core.produce(topic, partition, data, keyOffset, keyLength, valueOffset, valueLength, opaque);
    }

    private static void checkRegion(MemorySegment data, long offset, long length, String what) {
        if (length >= 0 && (offset < 0 || offset > data.byteSize() - length)) {
            throw new IndexOutOfBoundsException("the " + what + " region [" + offset + ", " + offset + " + " + length
                    + ") is outside the segment of " + data.byteSize() + " bytes");
        }
    }

    /**
     * Produces native memory without copying it: librdkafka reads {@code key} and
     * {@code value} when it builds the batch, so they must stay valid and unchanged until
     * this record's delivery report has been delivered to the listener.
     *
     * @throws IllegalArgumentException for heap segments
     * @throws IllegalStateException for a segment whose arena is already closed
     */
    public void produceBorrowed(String topic, int partition, MemorySegment key, MemorySegment value, long opaque) {
        checkArgs(topic, partition, opaque);
        core.produce(topic, partition, key, value, opaque, true);
    }

    private static void checkArgs(String topic, int partition, long opaque) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) throw new IllegalArgumentException("the topic name is empty");
        if (partition < ProducerRecord.UNASSIGNED) {
            throw new IllegalArgumentException("partition must be >= 0 or UNASSIGNED (-1), got " + partition);
        }
        if (opaque < 0) throw new IllegalArgumentException("opaque must be >= 0, got " + opaque);
    }

    // ---- kafka-clients shape ----------------------------------------------------------

    /**
     * Produces {@code record}; {@code callback} runs once with its outcome, on the thread
     * serving this producer. Refusals at produce time (queue full after the timeout, closed
     * producer, invalid partition, a failed transaction...) are thrown here instead, as for
     * {@link #produce(String, int, byte[], byte[], long)}.
     */
    public void send(ProducerRecord record, DeliveryCallback callback) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(callback, "callback");
        core.send(record, callback);
    }

    /**
     * Produces {@code record}; the future completes with its metadata or its delivery error
     * (a {@link DeliveryFailedException}).
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord record) {
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        send(record, (metadata, error) -> {
            if (error == null) future.complete(metadata);
            else future.completeExceptionally(error);
        });
        return future;
    }

    /**
     * The producer's fatal error, if librdkafka raised one (idempotent and transactional
     * producers only): the producer can then no longer produce and must be closed.
     */
    public java.util.Optional<KafkaException> fatalError() {
        return core.client.call(core.client::currentFatalError);
    }

    /**
     * Sets the SASL/OAUTHBEARER token, typically from
     * {@link dev.jrdkafka.ClientListener#onOAuthBearerTokenRefresh}.
     *
     * @param lifetime   when the token expires, as time since the epoch
     * @param extensions SASL extensions (key → value), may be empty
     * @throws KafkaException with librdkafka's reason for an invalid token
     */
    public void setOAuthBearerToken(String token, java.time.Instant lifetime, String principal,
                                    Map<String, String> extensions) {
        core.client.setOAuthBearerToken(token, lifetime, principal, extensions);
    }

    /** Tells librdkafka that no OAUTHBEARER token could be obtained; it will ask again. */
    public void setOAuthBearerTokenFailure(String reason) {
        core.client.setOAuthBearerTokenFailure(reason);
    }

    /**
     * Rotates the SASL PLAIN or SCRAM credentials ({@code rd_kafka_sasl_set_credentials}):
     * the next authentication, e.g. of a new or re-established connection, uses them;
     * connections already authenticated stay open. May be called from any thread.
     */
    public void setSaslCredentials(String username, String password) {
        core.client.setSaslCredentials(username, password);
    }

    // ---- metadata -------------------------------------------------------------------

    /**
     * {@code topic}'s partitions with their leaders and replicas (one Metadata request);
     * waits up to {@code timeout}.
     *
     * @throws dev.jrdkafka.KafkaException with the broker's error for the topic (e.g. UNKNOWN_TOPIC_OR_PART)
     */
    public java.util.List<dev.jrdkafka.cluster.PartitionInfo> partitionsFor(String topic, Duration timeout) {
        return core.client.partitionsFor(topic, timeout);
    }

    /** The names of the cluster's topics; waits up to {@code timeout}. */
    public java.util.Set<String> listTopics(Duration timeout) {
        return java.util.Set.copyOf(core.client.metadata(null, timeout).topics().keySet());
    }

    /** The cluster's brokers and topics as one Metadata request sees them; waits up to {@code timeout}. */
    public dev.jrdkafka.cluster.ClusterMetadata metadata(Duration timeout) {
        return core.client.metadata(null, timeout);
    }

    // ---- serving, flushing ---------------------------------------------------------

    /**
     * Serves delivery reports and events for up to {@code timeout}; only for producers made
     * with {@code withPollerThread(false)}. Returns the number of events served.
     */
    public int poll(Duration timeout) {
        return core.poll(timeout);
    }

    /** Waits until every record produced so far is delivered or failed and its callback ran. */
    public void flush(Duration timeout) {
        core.flush(timeout);
    }

    /** Records and requests not yet finished ({@code rd_kafka_outq_len}). */
    public int outstanding() {
        return core.client.call(() -> core.client.rd().outqLen());
    }

    /** Removes records from librdkafka's queues; each is reported failed with _PURGE_QUEUE / _PURGE_INFLIGHT. */
    public void purge(PurgeScope scope) {
        Objects.requireNonNull(scope, "scope");
        boolean inFlight = scope == PurgeScope.QUEUED_AND_IN_FLIGHT;
        run(() -> dev.jrdkafka.internal.rd.RdErrors.check(core.rd.purge(inFlight, false), "purge"));
    }

    // ---- transactions ------------------------------------------------------------

    /** Needs {@code transactional.id}; fences older instances. Call once, before the first transaction. */
    public void initTransactions(Duration timeout) {
        run(() -> core.rd.initTransactions(millis(timeout)));
    }

    public void beginTransaction() {
        run(core.rd::beginTransaction);
    }

    /** Flushes and commits; on an error with {@link KafkaException#transactionRequiresAbort()}, abort. */
    public void commitTransaction(Duration timeout) {
        run(() -> core.rd.commitTransaction(millis(timeout)));
    }

    public void abortTransaction(Duration timeout) {
        run(() -> core.rd.abortTransaction(millis(timeout)));
    }

    /**
     * Commits consumed positions (the next offset to read, per partition, with its leader
     * epoch and metadata) with the transaction, for the group member described by
     * {@code group} ({@code consumer.groupMetadata()}), so that the coordinator fences a
     * member that was rebalanced out.
     */
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group,
                                         Duration timeout) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(group, "group");
        offsets.forEach((tp, o) -> {
            Objects.requireNonNull(tp, "a partition in offsets is null");
            Objects.requireNonNull(o, () -> "the offset of " + tp + " is null");
        });
        if (group.groupId().isEmpty()) {
            throw new IllegalArgumentException("the consumer group id is empty: pass consumer.groupMetadata() of a "
                    + "consumer with a group.id");
        }
        int ms = millis(timeout);
        Map<TopicPartition, OffsetAndMetadata> copy = Map.copyOf(offsets);
        run(() -> core.rd.sendOffsetsToTransaction(copy, group.groupId(), group.generationId(), group.memberId(),
                group.groupInstanceId(), ms));
    }

    private void run(Runnable call) {
        core.client.run(call);
    }

    private static int millis(Duration d) {
        return Timeouts.millis(d, "timeout");
    }

    // ---- close ---------------------------------------------------------------------

    public boolean isClosed() {
        return core.isClosed();
    }

    /** {@link #close(Duration)} with 30 s. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Flushes for up to {@code timeout}, purges what is left (those records' callbacks fail),
     * and destroys the client. Idempotent and thread-safe.
     *
     * @throws IllegalStateException when called from inside this producer's callbacks
     */
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        core.close(timeout);
        cleanable.clean();
    }
}
