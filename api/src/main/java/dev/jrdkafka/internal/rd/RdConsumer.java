package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rd_kafka_conf_set_rebalance_cb$rebalance_cb;
import dev.jrdkafka.bindings.rd_kafka_interceptor_f_on_commit_t;
import dev.jrdkafka.bindings.rd_kafka_interceptor_f_on_new_t;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_s;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consumer calls of one client. Messages are consumed from the consumer queue
 * ({@code rd_kafka_queue_get_consumer}); librdkafka serves the rebalance callback from
 * there, on the consuming thread. Callers hold the client's {@link ClientGuard}.
 */
public final class RdConsumer {
    /** The Java side of the rebalance callback; runs on the thread that polls. */
    public interface RebalanceTarget {
        /** {@code assign}: partitions were assigned (else revoked or lost). */
        void onRebalance(boolean assign, MemorySegment partitions);
    }

    /**
     * Receives every offset commit's outcome from librdkafka's {@code on_commit} interceptor.
     * Runs on a librdkafka thread: it must only hand the data over (never block, never run
     * user code). {@code offsets} is a copy.
     */
    public interface CommitTarget {
        void onCommit(int error, Map<TopicPartition, RdPartitionLists.Entry> offsets);
    }

    /** The outcome of one {@link #commitAsync} (its {@code opaque} identifies the call). */
    public record CommitResult(long opaque, int error, Map<TopicPartition, RdPartitionLists.Entry> offsets) {}

    private static final String INTERCEPTOR = "jrdkafka-commits";

    private final MemorySegment rk;
    /** NULL once destroyed (at close, before rd_kafka_consumer_close); polls are refused by then. */
    private volatile MemorySegment consumerQueue;
    /** Replies of {@link #commitAsync}: served by the polling thread, never by librdkafka. */
    private final MemorySegment commitQueue;

    public RdConsumer(RdClient client) {
        this.rk = client.rk();
        this.consumerQueue = rd_kafka_queue_get_consumer(rk);
        this.commitQueue = rd_kafka_queue_new(rk);
    }

    /** Installs the rebalance callback; the stub lives in the client's arena. */
    public static void installRebalance(MemorySegment conf, Arena arena, RebalanceTarget target, EventSink sink) {
        int assignCode = RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS();
        MemorySegment stub = rd_kafka_conf_set_rebalance_cb$rebalance_cb.allocate((rk, err, partitions, opaque) -> {
            try {
                target.onRebalance(err == assignCode, partitions);
            } catch (Throwable t) {
                try {
                    sink.onCallbackFailure("rebalance listener", t);
                } catch (Throwable ignored) {
                    // never into C
                }
            }
        }, arena);
        rd_kafka_conf_set_rebalance_cb(conf, stub);
    }

    /**
     * Installs an {@code on_commit} interceptor (through {@code on_new}, the only way to add
     * one to a client). librdkafka calls it after every OffsetCommit response — auto-commits,
     * manual commits, and the commits it makes itself on revocation and close — which no
     * other API reports: auto-commit results otherwise only reach the main queue as events.
     * Commits with nothing to commit (_NO_OFFSET) are not reported. Stubs live in the
     * client's arena.
     */
    public static void installCommitInterceptor(MemorySegment conf, Arena arena, CommitTarget target, EventSink sink) {
        MemorySegment name = arena.allocateFrom(INTERCEPTOR);
        MemorySegment onCommit = rd_kafka_interceptor_f_on_commit_t.allocate((rk, offsets, err, opaque) -> {
            try {
                target.onCommit(err, RdPartitionLists.read(offsets));
            } catch (Throwable t) {
                try {
                    sink.onCallbackFailure("offset commit interceptor", t);
                } catch (Throwable ignored) {
                    // never into C
                }
            }
            return 0;
        }, arena);
        MemorySegment onNew = rd_kafka_interceptor_f_on_new_t.allocate((rk, c, opaque, errstr, errstrSize) -> {
            try {
                return rd_kafka_interceptor_add_on_commit(rk, name, onCommit, MemorySegment.NULL);
            } catch (Throwable t) {
                return RD_KAFKA_RESP_ERR__FAIL();
            }
        }, arena);
        RdErrors.check(rd_kafka_conf_interceptor_add_on_new(conf, name, onNew, MemorySegment.NULL), "add on_commit interceptor");
    }

    public void subscribe(Collection<String> topics) {
        MemorySegment list = RdPartitionLists.ofTopics(topics);
        try {
            RdErrors.check(rd_kafka_subscribe(rk, list), "subscribe to " + topics);
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    public void unsubscribe() {
        RdErrors.check(rd_kafka_unsubscribe(rk), "unsubscribe");
    }

    public List<String> subscription() {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment out = scratch.allocate(ValueLayout.ADDRESS);
            RdErrors.check(rd_kafka_subscription(rk, out), "subscription");
            MemorySegment list = out.get(ValueLayout.ADDRESS, 0);
            try {
                List<String> topics = new ArrayList<>();
                for (TopicPartition tp : RdPartitionLists.read(list).keySet()) topics.add(tp.topic());
                return topics;
            } finally {
                RdPartitionLists.destroy(list);
            }
        }
    }

    /** {@code rd_kafka_assign} with a list (NULL to unassign). */
    public void assign(MemorySegment list, String operation) {
        RdErrors.check(rd_kafka_assign(rk, list), operation);
    }

    public void incrementalAssign(MemorySegment list) {
        RdErrors.check(rd_kafka_incremental_assign(rk, list), "incrementalAssign");
    }

    public void incrementalUnassign(MemorySegment list) {
        RdErrors.check(rd_kafka_incremental_unassign(rk, list), "incrementalUnassign");
    }

    /** "NONE", "EAGER" or "COOPERATIVE". */
    public String rebalanceProtocol() {
        return Rd.cString(rd_kafka_rebalance_protocol(rk));
    }

    public boolean assignmentLost() {
        return rd_kafka_assignment_lost(rk) != 0;
    }

    public Set<TopicPartition> assignment() {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment out = scratch.allocate(ValueLayout.ADDRESS);
            RdErrors.check(rd_kafka_assignment(rk, out), "assignment");
            MemorySegment list = out.get(ValueLayout.ADDRESS, 0);
            try {
                return new java.util.LinkedHashSet<>(RdPartitionLists.read(list).keySet());
            } finally {
                RdPartitionLists.destroy(list);
            }
        }
    }

    /** {@code rd_kafka_consumer_poll}: a message the caller must destroy, or NULL. */
    public MemorySegment poll(int timeoutMs) {
        return rd_kafka_consumer_poll(rk, timeoutMs);
    }

    /** {@code rd_kafka_consume_batch_queue} into {@code batch}; returns the count. */
    public int pollBatch(int timeoutMs, MessageBatch batch, int max) {
        MemorySegment q = consumerQueue;
        if (q.equals(MemorySegment.NULL)) throw new IllegalStateException("this Consumer is closed");
        int n = batch.fill(q, timeoutMs, max);
        if (n < 0) throw RdErrors.fromCode(rd_kafka_last_error(), "poll");
        return n;
    }

    /** Commits {@code offsets} (null: the current positions of the assignment). */
    public void commit(Map<TopicPartition, Long> offsets, boolean async) {
        MemorySegment list = offsets == null ? MemorySegment.NULL : RdPartitionLists.of(offsets);
        try {
            int rc = rd_kafka_commit(rk, list, async ? 1 : 0);
            if (rc != 0 && rc != RD_KAFKA_RESP_ERR__NO_OFFSET()) RdErrors.check(rc, "commit");
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    /**
     * {@code rd_kafka_commit_queue} without waiting: the result arrives on this consumer's
     * commit queue ({@link #pollCommitResult}), tagged with {@code opaque}.
     * {@code offsets} null: the stored offsets of the whole assignment.
     */
    public void commitAsync(Map<TopicPartition, Long> offsets, long opaque) {
        MemorySegment list = offsets == null ? MemorySegment.NULL : RdPartitionLists.of(offsets);
        try {
            RdErrors.check(rd_kafka_commit_queue(rk, list, commitQueue, MemorySegment.NULL, MemorySegment.ofAddress(opaque)),
                    "commitAsync");
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    /** The next result of {@link #commitAsync} waiting up to {@code timeoutMs}, or null. */
    public CommitResult pollCommitResult(int timeoutMs) {
        MemorySegment ev = rd_kafka_queue_poll(commitQueue, timeoutMs);
        if (ev.equals(MemorySegment.NULL)) return null;
        try {
            if (rd_kafka_event_type(ev) != RD_KAFKA_EVENT_OFFSET_COMMIT()) return null;
            return new CommitResult(rd_kafka_event_opaque(ev).address(), rd_kafka_event_error(ev),
                    RdPartitionLists.read(rd_kafka_event_topic_partition_list(ev)));
        } finally {
            rd_kafka_event_destroy(ev);
        }
    }

    /**
     * {@code rd_kafka_offsets_store}: the offsets (next to read) the next commit of the
     * assignment sends, each with its leader epoch ({@code < 0}: unknown). Returns the
     * per-partition error codes (0 where stored); throws if librdkafka refuses the call
     * (with enable.auto.offset.store=true it returns _INVALID_ARG).
     */
    public Map<TopicPartition, Integer> storeOffsets(Map<TopicPartition, long[]> offsetAndEpoch) {
        MemorySegment list = rd_kafka_topic_partition_list_new(Math.max(1, offsetAndEpoch.size()));
        try (Arena scratch = Arena.ofConfined()) {
            for (Map.Entry<TopicPartition, long[]> o : offsetAndEpoch.entrySet()) {
                MemorySegment e = rd_kafka_topic_partition_list_add(list, scratch.allocateFrom(o.getKey().topic()),
                        o.getKey().partition()).reinterpret(rd_kafka_topic_partition_s.sizeof());
                rd_kafka_topic_partition_s.offset(e, o.getValue()[0]);
                if (o.getValue()[1] >= 0) rd_kafka_topic_partition_set_leader_epoch(e, (int) o.getValue()[1]);
            }
            int rc = rd_kafka_offsets_store(rk, list);
            if (rc == RD_KAFKA_RESP_ERR__INVALID_ARG()) {
                throw new dev.jrdkafka.KafkaException(rc, "storeOffsets failed: offsets can only be stored with "
                        + "enable.auto.offset.store=false (librdkafka stores them itself otherwise) "
                        + RdErrors.describe(rc), false, false, false);
            }
            Map<TopicPartition, Integer> errors = new LinkedHashMap<>();
            for (RdPartitionLists.Entry e : RdPartitionLists.read(list).values()) errors.put(e.partition(), e.error());
            return errors;
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    /**
     * {@code rd_kafka_offsets_for_times}: per partition, the earliest offset whose timestamp
     * is at or after the given one (-1 if there is none), with its leader epoch and error.
     */
    public Map<TopicPartition, RdPartitionLists.Entry> offsetsForTimes(Map<TopicPartition, Long> timestamps, int timeoutMs) {
        MemorySegment list = RdPartitionLists.of(timestamps);
        try {
            RdErrors.check(rd_kafka_offsets_for_times(rk, list, timeoutMs), "offsetsForTimes");
            return RdPartitionLists.read(list);
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    /**
     * {@code rd_kafka_get_watermark_offsets}: {low, high} as last seen by this consumer (no
     * request; -1001 where unknown).
     */
    public long[] cachedWatermarks(TopicPartition tp) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment low = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment high = scratch.allocate(ValueLayout.JAVA_LONG);
            RdErrors.check(rd_kafka_get_watermark_offsets(rk, scratch.allocateFrom(tp.topic()), tp.partition(), low, high),
                    "cachedWatermarks of " + tp);
            return new long[] {low.get(ValueLayout.JAVA_LONG, 0), high.get(ValueLayout.JAVA_LONG, 0)};
        }
    }

    /** Committed offsets from the group coordinator; a partition without one maps to -1001 (INVALID). */
    public Map<TopicPartition, Long> committed(Collection<TopicPartition> partitions, int timeoutMs) {
        MemorySegment list = RdPartitionLists.of(partitions, RD_KAFKA_OFFSET_INVALID());
        try {
            RdErrors.check(rd_kafka_committed(rk, list, timeoutMs), "committed");
            return offsets(list);
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    /** The next offset to consume per partition (-1001 when nothing was consumed yet). */
    public Map<TopicPartition, Long> position(Collection<TopicPartition> partitions) {
        MemorySegment list = RdPartitionLists.of(partitions, RD_KAFKA_OFFSET_INVALID());
        try {
            RdErrors.check(rd_kafka_position(rk, list), "position");
            return offsets(list);
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    private static Map<TopicPartition, Long> offsets(MemorySegment list) {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        for (RdPartitionLists.Entry e : RdPartitionLists.read(list).values()) out.put(e.partition(), e.offset());
        return out;
    }

    /**
     * {@code rd_kafka_seek_partitions}: per partition, 0 or its error — _STATE where the
     * partition has not started fetching (not assigned, or assigned and still waiting for its
     * committed offset: {@code rd_kafka_toppar_seek}), _UNKNOWN_PARTITION where librdkafka does
     * not know it; _IN_PROGRESS with {@code timeoutMs} 0 (not waited for). Throws for an error
     * of the whole call (_TIMED_OUT waiting for the replies, _DESTROY).
     */
    public Map<TopicPartition, Integer> seek(Map<TopicPartition, Long> offsets, int timeoutMs) {
        MemorySegment list = RdPartitionLists.of(offsets);
        try {
            RdErrors.check(rd_kafka_seek_partitions(rk, list, timeoutMs), "seek");
            Map<TopicPartition, Integer> errors = new LinkedHashMap<>();
            for (RdPartitionLists.Entry e : RdPartitionLists.read(list).values()) errors.put(e.partition(), e.error());
            return errors;
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    public void pause(Collection<TopicPartition> partitions, boolean pause) {
        MemorySegment list = RdPartitionLists.of(partitions, RD_KAFKA_OFFSET_INVALID());
        try {
            RdErrors.check(pause ? rd_kafka_pause_partitions(rk, list) : rd_kafka_resume_partitions(rk, list),
                    pause ? "pause" : "resume");
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    /** {low, high} watermarks from the partition leader. */
    public long[] watermarks(TopicPartition tp, int timeoutMs) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment low = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment high = scratch.allocate(ValueLayout.JAVA_LONG);
            RdErrors.check(rd_kafka_query_watermark_offsets(rk, scratch.allocateFrom(tp.topic()), tp.partition(),
                    low, high, timeoutMs), "watermarks of " + tp);
            return new long[] {low.get(ValueLayout.JAVA_LONG, 0), high.get(ValueLayout.JAVA_LONG, 0)};
        }
    }

    /** The member's group identity as librdkafka holds it now. */
    public record GroupMetadata(String groupId, int generationId, String memberId, String groupInstanceId) {}

    /**
     * {@code rd_kafka_consumer_group_metadata}: the generation id (classic protocol) or member
     * epoch (KIP-848) comes from {@code rd_kafka_consumer_group_metadata_generation_id}, which
     * rdkafka.h exports; null if the client has no group handle.
     */
    public GroupMetadata groupMetadata() {
        MemorySegment md = rd_kafka_consumer_group_metadata(rk);
        if (md.equals(MemorySegment.NULL)) return null;
        try {
            return new GroupMetadata(Rd.cString(rd_kafka_consumer_group_metadata_group_id(md)),
                    rd_kafka_consumer_group_metadata_generation_id(md),
                    Rd.cString(rd_kafka_consumer_group_metadata_member_id(md)),
                    Rd.cString(rd_kafka_consumer_group_metadata_group_instance_id(md)));
        } finally {
            rd_kafka_consumer_group_metadata_destroy(md);
        }
    }

    /**
     * Leaves the group with {@code rd_kafka_consumer_close}: it serves the close's own queue
     * until librdkafka's TERMINATE reply, running the rebalance callback (revocation) on
     * this thread. (Driving {@code rd_kafka_consumer_close_queue} ourselves and stopping at
     * {@code rd_kafka_consumer_closed()} left the TERMINATE reply behind, and
     * {@code rd_kafka_destroy} then hung for group members: found by ConsumerGroupTest.)
     * librdkafka bounds it by its own group timeouts.
     */
    public void close() {
        int rc = rd_kafka_consumer_close(rk);
        if (rc != 0 && rc != RD_KAFKA_RESP_ERR__TIMED_OUT()) RdErrors.check(rc, "close");
    }

    /** Wakes a thread blocked in {@link #poll} or {@link #pollBatch}. */
    public void wakeup() {
        MemorySegment q = consumerQueue;
        if (!q.equals(MemorySegment.NULL)) rd_kafka_queue_yield(q);
    }

    /** Releases the consumer and commit queue references; before {@code rd_kafka_destroy}. */
    public void destroyConsumerQueue() {
        MemorySegment q = consumerQueue;
        consumerQueue = MemorySegment.NULL;
        if (!q.equals(MemorySegment.NULL)) rd_kafka_queue_destroy(q);
    }

    /** Releases the commit-result queue, after the close's last commit results were served; before {@code rd_kafka_destroy}. */
    public void destroyCommitQueue() {
        rd_kafka_queue_destroy(commitQueue);
    }
}
