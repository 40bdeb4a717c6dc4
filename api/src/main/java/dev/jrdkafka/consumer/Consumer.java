package dev.jrdkafka.consumer;

import dev.jrdkafka.ConsumerGroupMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.internal.client.Timeouts;
import dev.jrdkafka.internal.rd.RdPartitionList;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * librdkafka's high-level (group) consumer.
 *
 * <p>Use it from one thread; {@link #wakeup()} and {@link #close()} may be called from any
 * thread. {@link #subscribe} joins the group named by {@code group.id} (rebalances run
 * inside {@link #poll}, see {@link RebalanceListener}); {@link #assign} reads partitions
 * directly. {@link #poll(Duration)} returns one owned record; {@link #pollBatch} returns a
 * {@link RecordBatch} whose views read librdkafka's buffers without copying.
 *
 * <p>Errors: a consume error (e.g. an unknown topic, or a broker error for a partition) is
 * thrown from poll as a {@link dev.jrdkafka.KafkaException}. Partition EOF
 * ({@code enable.partition.eof=true}) is not an error: it goes to the
 * {@link PartitionEofListener} if one is set ({@link ConsumerOptions#withPartitionEofListener}),
 * on the polling thread, and is skipped otherwise. Client-level errors (all brokers
 * down...) go to the {@link dev.jrdkafka.ClientListener}.
 *
 * <p>Offsets: with {@code enable.auto.commit} (the default) librdkafka commits the stored
 * offsets in the background; it stores each record's offset as it hands it out unless
 * {@code enable.auto.offset.store=false}, in which case {@link #storeOffsets} decides what the
 * auto-commit (or {@link #commitSync()}) sends — at-least-once after processing. Commit
 * outcomes reach the {@link OffsetCommitListener} on the polling thread.
 *
 * <p>Lifecycle: {@link #close()} leaves the group cleanly (the rebalance listener sees the
 * revocation), is idempotent, and is refused from inside this consumer's callbacks; calls
 * after it throw {@link IllegalStateException}. An unclosed consumer that is
 * garbage-collected is reported and closed.
 */
public final class Consumer implements AutoCloseable {

    final ConsumerCore core; // package-private: tests reach the client core through it
    private final Cleaner.Cleanable cleanable;

    private Consumer(Map<String, String> config, dev.jrdkafka.security.SecuritySettings security, ConsumerOptions options) {
        this.core = new ConsumerCore(config, security, options);
        core.facade(this);
        ConsumerCore c = core;
        this.cleanable = c.client.registerLeakReport(this, () -> c.close(Duration.ofSeconds(5)));
        dev.jrdkafka.internal.client.SharedClients.register(this, c.client);
    }

    public static Consumer create(KafkaConfig config) {
        return create(config, ConsumerOptions.defaults());
    }

    public static Consumer create(KafkaConfig config, ConsumerOptions options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        return new Consumer(config.toMap(), config.security(), options);
    }

    public String name() {
        return core.client.name();
    }

    // ---- subscription and assignment ---------------------------------------------------

    /** Joins the group and follows {@code topics}; a name starting with {@code ^} is a regex. */
    public void subscribe(Collection<String> topics) {
        Objects.requireNonNull(topics, "topics");
        if (topics.isEmpty()) throw new IllegalArgumentException("subscribe needs at least one topic; use unsubscribe() to leave");
        if (core.groupId == null) {
            throw new IllegalStateException("subscribe needs group.id in the configuration; use assign() without a group");
        }
        List<String> copy = dev.jrdkafka.internal.client.Args.list(topics, "topics");
        for (String t : copy) {
            if (t.isEmpty()) throw new IllegalArgumentException("subscribe: a topic name is empty");
        }
        run(() -> core.rd.subscribe(copy));
    }

    public void unsubscribe() {
        run(core.rd::unsubscribe);
    }

    public List<String> subscription() {
        return call(core.rd::subscription);
    }

    // Start offsets: librdkafka's logical offsets (RD_KAFKA_OFFSET_*), as rdkafka.h defines them.

    /** Start offset: the partition's first record (its low watermark). */
    public static final long OFFSET_BEGINNING = -2;
    /** Start offset: the partition's end (its high watermark): only records produced from now on. */
    public static final long OFFSET_END = -1;
    /**
     * Start offset: the group's committed offset for the partition, else {@code auto.offset.reset}
     * (what {@link #assign(Collection)} uses). Not valid for {@link #seek}.
     */
    public static final long OFFSET_STORED = -1000;
    /**
     * No offset: what {@link #committed} and {@link #position} return where there is none. As a
     * start offset it means the same as {@link #OFFSET_STORED}.
     */
    public static final long OFFSET_INVALID = -1001;
    private static final long OFFSET_TAIL_BASE = -2000;

    /** Start offset: {@code n} records before the partition's end (its high watermark), {@code n >= 0}. */
    public static long offsetTail(long n) {
        if (n < 0) throw new IllegalArgumentException("offsetTail needs n >= 0, got " + n);
        return OFFSET_TAIL_BASE - n;
    }

    /**
     * Reads exactly these partitions (no group rebalancing), each from the group's committed
     * offset, else from {@code auto.offset.reset}: {@code assign} with {@link #OFFSET_STORED}
     * for each. To start elsewhere use {@link #assign(Map)}: a {@link #seek} right after this
     * waits until the committed offset is known (see there).
     */
    public void assign(Collection<TopicPartition> partitions) {
        withList(partitions, list -> core.rd.assign(list, "assign"));
    }

    /**
     * Reads exactly these partitions (no group rebalancing), each from its own start offset:
     * an offset (the next record to read), {@link #OFFSET_BEGINNING}, {@link #OFFSET_END},
     * {@link #offsetTail}, or {@link #OFFSET_STORED} (committed, else {@code auto.offset.reset}).
     * Replaces the current assignment. This is how to start at a known position: with it the
     * partition fetches from that offset at once, where {@code assign} and then {@link #seek}
     * first waits for the committed offset.
     *
     * @throws IllegalArgumentException for a negative offset that is none of those
     */
    public void assign(Map<TopicPartition, Long> startOffsets) {
        withOffsets(startOffsets, list -> core.rd.assign(list, "assign"));
    }

    /** Stops reading all assigned partitions. */
    public void unassign() {
        run(() -> core.rd.assign(null, "unassign"));
    }

    /**
     * Adds partitions to the assignment, each from the committed offset, else
     * {@code auto.offset.reset} (cooperative style: with {@code subscribe} and a cooperative
     * protocol, jrdkafka makes this call itself; see {@link RebalanceListener}).
     */
    public void incrementalAssign(Collection<TopicPartition> partitions) {
        withList(partitions, core.rd::incrementalAssign);
    }

    /** Adds partitions to the assignment, each from its own start offset as in {@link #assign(Map)}. */
    public void incrementalAssign(Map<TopicPartition, Long> startOffsets) {
        withOffsets(startOffsets, core.rd::incrementalAssign);
    }

    /** Removes partitions from the assignment (cooperative style). */
    public void incrementalUnassign(Collection<TopicPartition> partitions) {
        withList(partitions, core.rd::incrementalUnassign);
    }

    public Set<TopicPartition> assignment() {
        return call(core.rd::assignment);
    }

    /** "NONE" (no group yet), "EAGER" or "COOPERATIVE" (cooperative-sticky and the KIP-848 protocol). */
    public String rebalanceProtocol() {
        return call(core.rd::rebalanceProtocol);
    }

    // ---- polling ------------------------------------------------------------------

    /** The next record, or null if none arrived within {@code timeout}. */
    public ConsumerRecord poll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return core.poll(timeout);
    }

    /**
     * Up to {@code maxRecords} records that are ready (waiting up to {@code timeout} for the
     * first), as a batch read in place; close it when done. One batch holds at most 65,536
     * records: a larger {@code maxRecords} returns at most that many.
     */
    public RecordBatch pollBatch(int maxRecords, Duration timeout) {
        if (maxRecords < 1) throw new IllegalArgumentException("maxRecords must be >= 1, got " + maxRecords);
        Objects.requireNonNull(timeout, "timeout");
        return core.pollBatch(maxRecords, timeout);
    }

    /** Makes a poll blocked on another thread (or the next one) throw {@link WakeupException}. */
    public void wakeup() {
        core.wakeup();
    }

    // ---- offsets ------------------------------------------------------------------

    /**
     * How long {@link #commitSync()} and {@link #commitSync(Map)} wait for the commit's
     * reply: 60 s, as kafka-clients' {@code default.api.timeout.ms}.
     */
    public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Commits the positions of the whole assignment, waiting for the result at most
     * {@link #DEFAULT_COMMIT_TIMEOUT}; see {@link #commitSync(Map, Duration)}.
     */
    public void commitSync() {
        commitSync(DEFAULT_COMMIT_TIMEOUT);
    }

    /** Commits the positions of the whole assignment, waiting for the result at most {@code timeout}; see {@link #commitSync(Map, Duration)}. */
    public void commitSync(Duration timeout) {
        int ms = millis(timeout);
        run(() -> core.rd.commitSync(null, ms));
    }

    /**
     * Commits {@code offsets}, waiting for the result at most {@link #DEFAULT_COMMIT_TIMEOUT};
     * see {@link #commitSync(Map, Duration)}.
     */
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, DEFAULT_COMMIT_TIMEOUT);
    }

    /**
     * Commits {@code offsets} (per partition the next offset to read, with the leader epoch of
     * the record before it and any metadata), waiting for the result at most {@code timeout}.
     * A commit librdkafka never gets an answer to (coordinator gone, request lost) cannot block
     * past it: then a retriable {@link KafkaException} {@code _TIMED_OUT} is thrown and the
     * commit's outcome is unknown — it may still be applied later, so treat that work as
     * uncommitted (reprocessing it is at-least-once). A reply arriving after the timeout is
     * still reported to the options' {@link OffsetCommitListener}.
     */
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        Map<TopicPartition, OffsetAndMetadata> copy = positions(offsets);
        int ms = millis(timeout);
        run(() -> core.rd.commitSync(copy, ms));
    }

    /**
     * Commits the stored offsets of the whole assignment without waiting. The outcome goes to
     * the options' {@link OffsetCommitListener}, if any; else librdkafka logs a failure.
     */
    public void commitAsync() {
        run(() -> core.rd.commit(null));
    }

    /**
     * {@link #commitAsync()}, and {@code listener} is told this commit's outcome, on the
     * polling thread: inside a later {@link #poll}/{@link #pollBatch}, or in {@link #close}
     * (as a {@code _DESTROY} failure if librdkafka never answered).
     */
    public void commitAsync(OffsetCommitListener listener) {
        Objects.requireNonNull(listener, "listener");
        run(() -> core.commitAsync(null, listener));
    }

    /** Commits {@code offsets} (the next offset to read) without waiting; {@code listener} as in {@link #commitAsync(OffsetCommitListener)}. */
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitListener listener) {
        Map<TopicPartition, OffsetAndMetadata> copy = positions(offsets);
        Objects.requireNonNull(listener, "listener");
        run(() -> core.commitAsync(copy, listener));
    }

    /** A checked copy of positions to commit or store: no null partition or position. */
    private static Map<TopicPartition, OffsetAndMetadata> positions(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        offsets.forEach((tp, o) -> {
            Objects.requireNonNull(tp, "a partition in offsets is null");
            Objects.requireNonNull(o, () -> "the position of " + tp + " is null");
        });
        return Map.copyOf(offsets);
    }

    /**
     * Sets the offsets (the next offset to read, per partition) that the next commit of the
     * assignment sends — auto-commit, {@link #commitSync()} or {@link #commitAsync()}. Needs
     * {@code enable.auto.offset.store=false}, so that librdkafka stops storing offsets as it
     * hands out records: store after processing for at-least-once. The partitions must be
     * assigned to this consumer.
     *
     * @throws PartitionErrorsException naming the partitions refused (e.g. _STATE: not
     *         assigned); the others were stored
     * @throws dev.jrdkafka.KafkaException (_INVALID_ARG) with enable.auto.offset.store=true
     */
    public void storeOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        store(positions(offsets));
    }

    /** Stores {@code record}'s offset + 1 with its leader epoch: it is processed (see {@link #storeOffsets}). */
    public void storeOffset(ConsumerRecord record) {
        Objects.requireNonNull(record, "record");
        store(Map.of(record.topicPartition(), new OffsetAndMetadata(record.offset() + 1, Math.max(-1, record.leaderEpoch()), "")));
    }

    /**
     * Stores {@code record}'s offset + 1 with its leader epoch (see {@link #storeOffsets}); the
     * same position {@code rd_kafka_offset_store_message} would store. Call it before the
     * batch is closed.
     */
    public void storeOffset(RecordView record) {
        Objects.requireNonNull(record, "record");
        store(Map.of(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1, Math.max(-1, record.leaderEpoch()), "")));
    }

    private void store(Map<TopicPartition, OffsetAndMetadata> positions) {
        Map<TopicPartition, Integer> errors = call(() -> core.rd.storeOffsets(positions));
        Map<TopicPartition, dev.jrdkafka.KafkaError> failed = new java.util.LinkedHashMap<>();
        int first = 0;
        for (Map.Entry<TopicPartition, Integer> e : errors.entrySet()) {
            if (e.getValue() == 0) continue;
            failed.put(e.getKey(), dev.jrdkafka.KafkaError.fromCode(e.getValue()));
            if (first == 0) first = e.getValue();
        }
        if (failed.isEmpty()) return;
        boolean notAssigned = first == dev.jrdkafka.KafkaError._STATE.code();
        throw new PartitionErrorsException(first, "storeOffsets failed for " + failed.keySet()
                + (notAssigned ? ": the partition is not assigned to this consumer" : "") + " " + failed, failed);
    }

    /**
     * The committed positions of {@code partitions}, with their leader epoch and metadata; a
     * partition the group has no committed offset for maps to null (as in kafka-clients).
     */
    public Map<TopicPartition, OffsetAndMetadata> committed(Collection<TopicPartition> partitions, Duration timeout) {
        List<TopicPartition> list = dev.jrdkafka.internal.client.Args.list(partitions, "partitions");
        int ms = millis(timeout);
        Map<TopicPartition, RdPartitionList.Entry> found = call(() -> core.rd.committed(list, ms));
        Map<TopicPartition, OffsetAndMetadata> out = new java.util.LinkedHashMap<>();
        for (RdPartitionList.Entry e : found.values()) {
            out.put(e.partition(), e.offset() < 0 ? null
                    : new OffsetAndMetadata(e.offset(), Math.max(-1, e.leaderEpoch()), e.metadata()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The next offset this consumer will read, per partition ({@link #OFFSET_INVALID}, -1001, before the first fetch). */
    public Map<TopicPartition, Long> position(Collection<TopicPartition> partitions) {
        return call(() -> core.rd.position(partitions));
    }

    /**
     * Continues reading {@code partition} at {@code offset} (it must be assigned), waiting up to
     * 10 s: {@link #seek(Map, Duration)}.
     */
    public void seek(TopicPartition partition, long offset) {
        Objects.requireNonNull(partition, "partition");
        seek(Map.of(partition, offset), Duration.ofSeconds(10));
    }

    /**
     * Continues reading each partition at its offset: an offset (the next record to read),
     * {@link #OFFSET_BEGINNING}, {@link #OFFSET_END} or {@link #offsetTail}. The partitions
     * must be assigned; records already fetched from the old position are dropped.
     *
     * <p>librdkafka can only move a partition that has started fetching. Right after
     * {@link #assign(Collection)} (or a rebalance's assignment, e.g. in
     * {@link RebalanceListener#onPartitionsAssigned}) a partition first waits for its
     * committed offset from the group coordinator: seek then retries until the partition has
     * started, within {@code timeout}. To start at a known offset without that wait, assign
     * with it: {@link #assign(Map)} / {@link #incrementalAssign(Map)}.
     * {@link Duration#ZERO} starts the seeks without waiting for their outcome (errors are
     * then not reported).
     *
     * @throws PartitionErrorsException naming the partitions that were not moved — not
     *         assigned (_STATE), unknown (_UNKNOWN_PARTITION), or assigned but still not
     *         fetching when {@code timeout} ran out (_STATE); the others were moved
     * @throws IllegalArgumentException for {@link #OFFSET_STORED} or {@link #OFFSET_INVALID}
     */
    public void seek(Map<TopicPartition, Long> offsets, Duration timeout) {
        Objects.requireNonNull(offsets, "offsets");
        int ms = millis(timeout);
        offsets.forEach((tp, offset) -> {
            Objects.requireNonNull(tp, "offsets contains a null partition");
            Objects.requireNonNull(offset, () -> "offsets: the offset of " + tp + " is null");
            if (offset == OFFSET_STORED || offset == OFFSET_INVALID || !isStartOffset(offset)) {
                throw new IllegalArgumentException("invalid seek offset " + offset + " for " + tp + ": use an offset >= 0, "
                        + "OFFSET_BEGINNING, OFFSET_END or offsetTail(n) (for the committed offset: committed())");
            }
        });
        if (offsets.isEmpty()) return;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ms);
        Map<TopicPartition, Long> todo = Map.copyOf(offsets);
        Map<TopicPartition, dev.jrdkafka.KafkaError> failed = new java.util.LinkedHashMap<>();
        Set<TopicPartition> assigned = null;
        Set<TopicPartition> notStarted = Set.of();
        while (true) {
            Map<TopicPartition, Long> attempt = todo;
            int remaining = ms == 0 ? 0 : (int) Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            Map<TopicPartition, Integer> errors = call(() -> core.rd.seek(attempt, remaining));
            Map<TopicPartition, Long> retry = new java.util.LinkedHashMap<>();
            for (Map.Entry<TopicPartition, Integer> e : errors.entrySet()) {
                int err = e.getValue();
                if (err == 0 || err == SEEK_IN_PROGRESS) continue;
                if (err == SEEK_STATE) {
                    if (assigned == null) assigned = call(core.rd::assignment);
                    if (assigned.contains(e.getKey())) { // assigned, not fetching yet: try again
                        retry.put(e.getKey(), attempt.get(e.getKey()));
                        continue;
                    }
                }
                failed.put(e.getKey(), dev.jrdkafka.KafkaError.fromCode(err));
            }
            if (retry.isEmpty()) break;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                notStarted = retry.keySet();
                for (TopicPartition tp : notStarted) failed.put(tp, dev.jrdkafka.KafkaError._STATE);
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, 10_000_000L));
            todo = retry;
        }
        if (failed.isEmpty()) return;
        StringBuilder why = new StringBuilder("seek failed for ").append(failed);
        if (!notStarted.isEmpty()) {
            why.append(": ").append(notStarted).append(" assigned but not fetching yet after ").append(timeout)
                    .append(" (librdkafka is still getting the committed offset from the group coordinator); to start")
                    .append(" reading at an offset right away, pass it to assign(Map) or incrementalAssign(Map)");
        }
        Set<TopicPartition> notAssigned = new java.util.LinkedHashSet<>();
        for (Map.Entry<TopicPartition, dev.jrdkafka.KafkaError> e : failed.entrySet()) {
            if (e.getValue() == dev.jrdkafka.KafkaError._STATE && !notStarted.contains(e.getKey())) notAssigned.add(e.getKey());
        }
        if (!notAssigned.isEmpty()) why.append(": ").append(notAssigned).append(" not assigned to this consumer");
        int code = failed.values().iterator().next().code();
        throw new PartitionErrorsException(code, why.toString(), failed);
    }

    private static final int SEEK_STATE = dev.jrdkafka.KafkaError._STATE.code();
    private static final int SEEK_IN_PROGRESS = dev.jrdkafka.KafkaError._IN_PROGRESS.code();

    public void pause(Collection<TopicPartition> partitions) {
        pauseOrResume(partitions, true);
    }

    public void resume(Collection<TopicPartition> partitions) {
        pauseOrResume(partitions, false);
    }

    private void pauseOrResume(Collection<TopicPartition> partitions, boolean pause) {
        List<TopicPartition> list = dev.jrdkafka.internal.client.Args.list(partitions, "partitions");
        Map<TopicPartition, Integer> errors = call(() -> {
            // librdkafka pauses a partition it does not fetch too, and it would stay paused
            // after a later assign: refuse, as kafka-clients does.
            Set<TopicPartition> assigned = core.rd.assignment();
            List<TopicPartition> notAssigned = list.stream().filter(tp -> !assigned.contains(tp)).toList();
            if (!notAssigned.isEmpty()) {
                throw new IllegalStateException((pause ? "pause" : "resume") + ": " + notAssigned + " not assigned to this "
                        + "consumer; only assigned partitions can be paused or resumed");
            }
            return core.rd.pause(list, pause);
        });
        Map<TopicPartition, KafkaError> failed = new java.util.LinkedHashMap<>();
        errors.forEach((tp, err) -> {
            if (err != 0) failed.put(tp, KafkaError.fromCode(err));
        });
        if (!failed.isEmpty()) {
            throw new PartitionErrorsException(failed.values().iterator().next().code(), (pause ? "pause" : "resume")
                    + " failed for " + failed + ": only partitions assigned to this consumer can be paused or resumed", failed);
        }
    }

    /**
     * Per partition, the earliest offset whose record timestamp is at or after the given one
     * (ms since the epoch), with its leader epoch; offset -1 if no record is that late. Asks
     * the partition leaders. Kafka's special timestamps -2 (earliest) and -1 (latest) work too.
     *
     * @throws PartitionErrorsException naming the partitions that failed
     */
    public Map<TopicPartition, OffsetAndEpoch> offsetsForTimes(Map<TopicPartition, Long> timestamps, Duration timeout) {
        Objects.requireNonNull(timestamps, "timestamps");
        timestamps.forEach((tp, ts) -> {
            Objects.requireNonNull(tp, "timestamps contains a null partition");
            Objects.requireNonNull(ts, () -> "timestamps: the timestamp of " + tp + " is null");
        });
        if (timestamps.isEmpty()) return Map.of();
        int ms = millis(timeout);
        Map<TopicPartition, RdPartitionList.Entry> found = call(() -> core.rd.offsetsForTimes(timestamps, ms));
        Map<TopicPartition, OffsetAndEpoch> out = new java.util.LinkedHashMap<>();
        Map<TopicPartition, dev.jrdkafka.KafkaError> failed = new java.util.LinkedHashMap<>();
        int first = 0;
        for (RdPartitionList.Entry e : found.values()) {
            if (e.error() != 0) {
                failed.put(e.partition(), dev.jrdkafka.KafkaError.fromCode(e.error()));
                if (first == 0) first = e.error();
            } else {
                out.put(e.partition(), new OffsetAndEpoch(e.offset(), e.leaderEpoch()));
            }
        }
        if (!failed.isEmpty()) {
            throw new PartitionErrorsException(first, "offsetsForTimes failed for " + failed, failed);
        }
        return out;
    }

    /**
     * The low and high watermarks as this consumer last saw them, without asking a broker
     * (the high one is updated by every fetch, the low one with statistics.interval.ms); -1001
     * where not known yet, also for a partition this consumer never read.
     */
    public Watermarks cachedWatermarks(TopicPartition partition) {
        Objects.requireNonNull(partition, "partition");
        long[] w = call(() -> core.rd.cachedWatermarks(partition));
        return new Watermarks(w[0], w[1]);
    }

    /** Queries the partition leader for the low and high watermarks. */
    public Watermarks watermarks(TopicPartition partition, Duration timeout) {
        long[] w = call(() -> core.rd.watermarks(partition, millis(timeout)));
        return new Watermarks(w[0], w[1]);
    }

    /**
     * This member's group identity now, for a transactional producer's
     * sendOffsetsToTransaction: with the generation (classic protocol; the member epoch with
     * group.protocol=consumer) and member id, so that the group coordinator fences a member
     * that was rebalanced out. Before the first join: generation -1 and member id "".
     */
    public ConsumerGroupMetadata groupMetadata() {
        if (core.groupId == null) throw new IllegalStateException("this consumer has no group.id");
        var md = call(core.rd::groupMetadata);
        if (md == null) return ConsumerGroupMetadata.forGroup(core.groupId);
        return new ConsumerGroupMetadata(core.groupId, md.generationId(), md.memberId() == null ? "" : md.memberId(),
                md.groupInstanceId());
    }

    // ---- queues ------------------------------------------------------------------

    private ConsumerQueues queues() {
        return core.queues;
    }

    /**
     * This consumer's queue ({@code rd_kafka_queue_get_consumer}) — the one {@link #poll} reads,
     * carrying records, consume errors and rebalances — as a {@link Queue}:
     * to wait on it without blocking ({@code awaitReady}, {@code onReady}, a
     * {@link QueueSelector}), to read it without pinning a virtual thread, or
     * to forward it. Its readiness also counts the client's own events (logs, errors,
     * statistics), which any poll of this consumer serves. The same object until it is closed.
     *
     * <p>Keep a reference to this {@code Consumer} while you use its queues: a consumer that
     * becomes unreachable is closed by its leak check, and its queues with it. Offset-commit
     * outcomes ({@link OffsetCommitListener}, {@code commitAsync(listener)}) are delivered by
     * every read of this consumer, queue reads included, on the reading thread (one reader at
     * a time).
     */
    public Queue consumerQueue() {
        return call(() -> queues().consumerQueue());
    }

    /**
     * {@code partition}'s own queue ({@code rd_kafka_queue_get_partition}): from now on its
     * records land there instead of on the consumer queue, so it can be read by a thread of its
     * own. Rebalances and consume errors still arrive on the consumer queue: keep polling the
     * consumer (with {@code subscribe}, at least every {@code max.poll.interval.ms}). Closing
     * the queue forwards the partition back to the consumer queue — until the partition is
     * next unassigned: librdkafka then drops that forwarding, and a detached partition stays
     * detached when it is assigned again, its records waiting on a queue nobody reads. So close
     * a partition queue only when you stop consuming the partition (or ask for a new partition
     * queue after each assignment). Asked for while another thread closes it, it waits for that
     * close to finish and returns a new queue. The same object per partition until it is closed.
     */
    public Queue partitionQueue(TopicPartition partition) {
        Objects.requireNonNull(partition, "partition");
        return call(() -> queues().partitionQueue(partition));
    }

    /** A new, empty queue of this consumer's ({@code rd_kafka_queue_new}), to forward others into or to receive commit results. */
    public Queue newQueue() {
        return call(() -> queues().newQueue());
    }

    /**
     * Commits {@code offsets} (null: the positions of the whole assignment) without waiting;
     * the outcome arrives on {@code results} as an
     * {@link EventType#OFFSET_COMMIT} event ({@code rd_kafka_commit_queue}).
     * {@code results} must be a queue from {@link #newQueue()} that neither forwards nor is
     * forwarded into; it becomes an event-only queue (read it with {@code poll}).
     */
    public void commitAsyncTo(Map<TopicPartition, OffsetAndMetadata> offsets, Queue results) {
        Objects.requireNonNull(results, "results");
        Map<TopicPartition, OffsetAndMetadata> copy = offsets == null ? null : positions(offsets);
        run(() -> queues().commitInto(results, copy));
    }

    // ---- metadata -------------------------------------------------------------------

    /**
     * {@code topic}'s partitions with their leaders and replicas (one Metadata request);
     * waits up to {@code timeout}.
     *
     * @throws dev.jrdkafka.KafkaException with the broker's error for the topic (e.g. UNKNOWN_TOPIC_OR_PART)
     */
    public java.util.List<dev.jrdkafka.cluster.PartitionInfo> partitionsFor(String topic, Duration timeout) {
        return call(() -> core.client.partitionsFor(topic, timeout));
    }

    /** The names of the cluster's topics; waits up to {@code timeout}. */
    public java.util.Set<String> listTopics(Duration timeout) {
        return java.util.Set.copyOf(call(() -> core.client.metadata(null, timeout)).topics().keySet());
    }

    /** The cluster's brokers and topics as one Metadata request sees them; waits up to {@code timeout}. */
    public dev.jrdkafka.cluster.ClusterMetadata metadata(Duration timeout) {
        return call(() -> core.client.metadata(null, timeout));
    }

    // ---- authentication -------------------------------------------------------------

    /**
     * Sets the SASL/OAUTHBEARER token, typically from
     * {@link dev.jrdkafka.ClientListener#onOAuthBearerTokenRefresh} (enable it with
     * {@link ConsumerOptions#withOAuthBearerTokenRefresh}). May be called from any thread.
     *
     * @param lifetime   when the token expires, as time since the epoch
     * @param extensions SASL extensions (key → value), may be empty
     * @throws dev.jrdkafka.KafkaException with librdkafka's reason for an invalid token
     */
    public void setOAuthBearerToken(String token, java.time.Instant lifetime, String principal,
                                    Map<String, String> extensions) {
        core.client.setOAuthBearerToken(token, lifetime, principal, extensions);
    }

    /** Tells librdkafka that no OAUTHBEARER token could be obtained; it will ask again. May be called from any thread. */
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

    // ---- lifecycle -----------------------------------------------------------------

    public boolean isClosed() {
        return core.isClosed();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Leaves the group and destroys the client, returning within {@code timeout} plus about a
     * second.
     *
     * <p>Leaving the group is librdkafka's {@code rd_kafka_consumer_close}, run on a thread
     * named {@code jrdkafka-close-<name>}: the revocation calls the {@link RebalanceListener}
     * there (calls into this consumer from it, such as a commit on revoke, are allowed),
     * librdkafka commits what auto-commit owes and sends LeaveGroup; then the commit outcomes
     * still due are delivered on the closing thread and the client is destroyed. If the group
     * cannot be left within {@code timeout} — the coordinator is down or unreachable, the whole
     * cluster went away, a commit or an incremental rebalance waits for it — close returns at
     * its deadline: it logs a WARN saying the group was not left and why, and fails the
     * {@code commitAsync} listeners still waiting with {@code _DESTROY}. librdkafka's leave then
     * goes on in the background, bounded by its own group timeouts ({@code session.timeout.ms},
     * {@code socket.timeout.ms}), calling no listener any more; its thread then destroys the
     * client with {@code RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE}. (The leave is not cut short:
     * destroying the client while librdkafka's group termination is under way can abort the
     * process in librdkafka.) If the destruction itself still waits for requests to time out,
     * close returns at its bound as well and a thread {@code jrdkafka-destroy-<name>} finishes it.
     * Give {@code timeout} enough for a clean leave: a commit round trip and a LeaveGroup (the
     * default, {@link #close()}, is 30 s).
     *
     * <p>{@code timeout} also bounds the waits for a poll in progress on another thread and for
     * open {@link RecordBatch}es (a batch still open then leaves the client undestroyed, with
     * an error logged, rather than free memory a view still reads).
     */
    public void close(Duration timeout) {
        core.close(timeout);
        cleanable.clean();
    }

    private void withList(Collection<TopicPartition> partitions, java.util.function.Consumer<RdPartitionList> op) {
        List<TopicPartition> copy = dev.jrdkafka.internal.client.Args.list(partitions, "partitions");
        run(() -> {
            try (RdPartitionList list = RdPartitionList.of(copy, OFFSET_INVALID)) { // librdkafka: INVALID = STORED
                op.accept(list);
            }
        });
    }

    private void withOffsets(Map<TopicPartition, Long> startOffsets, java.util.function.Consumer<RdPartitionList> op) {
        Objects.requireNonNull(startOffsets, "startOffsets");
        startOffsets.forEach((tp, offset) -> {
            Objects.requireNonNull(tp, "startOffsets contains a null partition");
            Objects.requireNonNull(offset, () -> "startOffsets: the start offset of " + tp + " is null");
            if (!isStartOffset(offset)) {
                throw new IllegalArgumentException("invalid start offset " + offset + " for " + tp + ": use an offset >= 0, "
                        + "OFFSET_BEGINNING, OFFSET_END, OFFSET_STORED or offsetTail(n)");
            }
        });
        Map<TopicPartition, Long> copy = Map.copyOf(startOffsets);
        run(() -> {
            try (RdPartitionList list = RdPartitionList.of(copy)) {
                op.accept(list);
            }
        });
    }

    private static boolean isStartOffset(long offset) {
        return offset >= 0 || offset == OFFSET_BEGINNING || offset == OFFSET_END || offset == OFFSET_STORED
                || offset == OFFSET_INVALID || offset <= OFFSET_TAIL_BASE;
    }

    private void run(Runnable r) {
        core.owned(r);
    }

    private <T> T call(java.util.function.Supplier<T> s) {
        return core.owned(s);
    }

    private static int millis(Duration d) {
        return Timeouts.millis(d, "timeout");
    }
}
