package dev.jrdkafka.internal.rd.consume;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rd_kafka_conf_set_rebalance_cb$rebalance_cb;
import dev.jrdkafka.bindings.rd_kafka_interceptor_f_on_commit_t;
import dev.jrdkafka.bindings.rd_kafka_interceptor_f_on_new_t;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.RdPartitionList;
import dev.jrdkafka.internal.rd.client.ClientSetup;
import dev.jrdkafka.internal.rd.client.RdClient;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consumer calls of one client. Messages are consumed from the consumer queue
 * ({@code rd_kafka_queue_get_consumer}); librdkafka serves the rebalance callback from
 * there, on the consuming thread. Callers hold the client's guard.
 */
public final class RdConsumer {
    /** The Java side of the rebalance callback; runs on the thread that polls. The list is borrowed for the call. */
    public interface RebalanceTarget {
        /** {@code assign}: partitions were assigned (else revoked or lost). */
        void onRebalance(boolean assign, RdPartitionList partitions);
    }

    /**
     * Receives every offset commit's outcome from librdkafka's {@code on_commit} interceptor.
     * Runs on a librdkafka thread: it must only hand the data over (never block, never run
     * user code). {@code offsets} is a copy.
     */
    public interface CommitTarget {
        void onCommit(int error, List<RdPartitionList.Entry> offsets);
    }

    /** The outcome of one {@link #commitAsync} (its {@code opaque} identifies the call). */
    public record CommitResult(long opaque, int error, List<RdPartitionList.Entry> offsets) {}

    /** The member's group identity as librdkafka holds it now. */
    public record GroupMetadata(String groupId, int generationId, String memberId, String groupInstanceId) {}

    private static final String INTERCEPTOR = "jrdkafka-commits";
    private static final int OFFSET_INVALID = RD_KAFKA_OFFSET_INVALID();

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
    public static void installRebalance(ClientSetup setup, RebalanceTarget target) {
        int assignCode = RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS();
        MemorySegment stub = rd_kafka_conf_set_rebalance_cb$rebalance_cb.allocate((rk, err, partitions, opaque) -> {
            try (RdPartitionList list = RdPartitionList.borrowed(partitions)) {
                target.onRebalance(err == assignCode, list);
            } catch (Throwable t) {
                setup.failed("rebalance listener", t);
            }
        }, setup.arena());
        rd_kafka_conf_set_rebalance_cb(setup.conf(), stub);
    }

    /**
     * Installs an {@code on_commit} interceptor (through {@code on_new}, the only way to add
     * one to a client). librdkafka calls it after every OffsetCommit response — auto-commits,
     * manual commits, and the commits it makes itself on revocation and close — which no
     * other API reports. Commits with nothing to commit (_NO_OFFSET) are not reported.
     */
    public static void installCommitInterceptor(ClientSetup setup, CommitTarget target) {
        Arena arena = setup.arena();
        MemorySegment name = arena.allocateFrom(INTERCEPTOR);
        MemorySegment onCommit = rd_kafka_interceptor_f_on_commit_t.allocate((rk, offsets, err, opaque) -> {
            try (RdPartitionList list = RdPartitionList.borrowed(offsets)) {
                target.onCommit(err, list.entries());
            } catch (Throwable t) {
                setup.failed("offset commit interceptor", t);
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
        RdErrors.check(rd_kafka_conf_interceptor_add_on_new(setup.conf(), name, onNew, MemorySegment.NULL),
                "add on_commit interceptor");
    }

    public void subscribe(Collection<String> topics) {
        try (RdPartitionList list = RdPartitionList.ofTopics(topics)) {
            RdErrors.check(rd_kafka_subscribe(rk, list.ptr()), "subscribe to " + topics);
        }
    }

    public void unsubscribe() {
        RdErrors.check(rd_kafka_unsubscribe(rk), "unsubscribe");
    }

    public List<String> subscription() {
        try (RdPartitionList list = outList((k, out) -> rd_kafka_subscription(k, out), "subscription")) {
            List<String> topics = new ArrayList<>();
            for (RdPartitionList.Entry e : list.entries()) topics.add(e.partition().topic());
            return topics;
        }
    }

    /** {@code rd_kafka_assign}: exactly {@code list}'s partitions, or none (null). */
    public void assign(RdPartitionList list, String operation) {
        RdErrors.check(rd_kafka_assign(rk, list == null ? MemorySegment.NULL : list.ptr()), operation);
    }

    public void incrementalAssign(RdPartitionList list) {
        RdErrors.check(rd_kafka_incremental_assign(rk, list.ptr()), "incrementalAssign");
    }

    public void incrementalUnassign(RdPartitionList list) {
        RdErrors.check(rd_kafka_incremental_unassign(rk, list.ptr()), "incrementalUnassign");
    }

    /** "NONE", "EAGER" or "COOPERATIVE". */
    public String rebalanceProtocol() {
        return Rd.cString(rd_kafka_rebalance_protocol(rk));
    }

    public boolean assignmentLost() {
        return rd_kafka_assignment_lost(rk) != 0;
    }

    public Set<TopicPartition> assignment() {
        try (RdPartitionList list = outList((k, out) -> rd_kafka_assignment(k, out), "assignment")) {
            return new LinkedHashSet<>(list.read().keySet());
        }
    }

    private interface ListGetter {
        int get(MemorySegment rk, MemorySegment out);
    }

    /** A list librdkafka returns through an out-parameter, owned by the caller. */
    private RdPartitionList outList(ListGetter getter, String operation) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment out = scratch.allocate(ValueLayout.ADDRESS);
            RdErrors.check(getter.get(rk, out), operation);
            return RdPartitionList.owned(out.get(ValueLayout.ADDRESS, 0));
        }
    }

    /** {@code rd_kafka_consume_batch_queue} on the consumer queue into {@code batch}; returns the count. */
    public int pollBatch(int timeoutMs, MessageBatch batch, int max) {
        MemorySegment q = consumerQueue;
        if (q.equals(MemorySegment.NULL)) throw new IllegalStateException("this Consumer is closed");
        int n = batch.fill(q, timeoutMs, max);
        if (n < 0) throw RdErrors.fromCode(rd_kafka_last_error(), "poll");
        return n;
    }

    /**
     * Starts a commit of {@code offsets} (null: the current positions of the assignment) without
     * waiting; the outcome reaches only the {@code on_commit} interceptor. Synchronous commits use
     * {@link #commitSync}: {@code rd_kafka_commit(.., 0)} would wait with no bound.
     */
    public void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try (RdPartitionList list = offsets == null ? null : RdPartitionList.ofPositions(offsets)) {
            int rc = rd_kafka_commit(rk, list == null ? MemorySegment.NULL : list.ptr(), 1);
            if (rc != 0 && rc != RD_KAFKA_RESP_ERR__NO_OFFSET()) RdErrors.check(rc, "commit");
        }
    }

    /**
     * A synchronous commit bounded by {@code timeoutMs}: {@code rd_kafka_commit_queue} with a
     * temporary queue, polled once. {@code rd_kafka_commit(rk, offsets, 0)} would wait for the
     * reply with no bound. The pending request holds its own reference to the queue, and
     * destroying our owner handle disables it, so a reply arriving after a timeout is dropped
     * by librdkafka, not written to freed memory. The {@code on_commit} interceptor still sees
     * that reply. Throws {@code _TIMED_OUT} (retriable) when no reply came in time.
     */
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, int timeoutMs) {
        MemorySegment replies = rd_kafka_queue_new(rk);
        try (RdPartitionList list = offsets == null ? null : RdPartitionList.ofPositions(offsets)) {
            RdErrors.check(rd_kafka_commit_queue(rk, list == null ? MemorySegment.NULL : list.ptr(), replies,
                    MemorySegment.NULL, MemorySegment.NULL), "commit");
            MemorySegment ev = rd_kafka_queue_poll(replies, timeoutMs);
            if (ev.equals(MemorySegment.NULL)) {
                throw KafkaException.retriable(RD_KAFKA_RESP_ERR__TIMED_OUT(), "commit: no reply within " + timeoutMs
                        + " ms; the commit's outcome is unknown (it may still apply)");
            }
            int rc;
            try {
                rc = rd_kafka_event_error(ev);
            } finally {
                rd_kafka_event_destroy(ev);
            }
            if (rc != 0 && rc != RD_KAFKA_RESP_ERR__NO_OFFSET()) RdErrors.check(rc, "commit");
        } finally {
            rd_kafka_queue_destroy(replies);
        }
    }

    /**
     * {@code rd_kafka_commit_queue} without waiting: the result arrives on this consumer's
     * commit queue ({@link #pollCommitResult}), tagged with {@code opaque}.
     * {@code offsets} null: the stored offsets of the whole assignment.
     */
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, long opaque) {
        try (RdPartitionList list = offsets == null ? null : RdPartitionList.ofPositions(offsets)) {
            RdErrors.check(rd_kafka_commit_queue(rk, list == null ? MemorySegment.NULL : list.ptr(), commitQueue,
                    MemorySegment.NULL, MemorySegment.ofAddress(opaque)), "commitAsync");
        }
    }

    /** The next result of {@link #commitAsync} waiting up to {@code timeoutMs}, or null. */
    public CommitResult pollCommitResult(int timeoutMs) {
        MemorySegment ev = rd_kafka_queue_poll(commitQueue, timeoutMs);
        if (ev.equals(MemorySegment.NULL)) return null;
        try {
            if (rd_kafka_event_type(ev) != RD_KAFKA_EVENT_OFFSET_COMMIT()) return null;
            MemorySegment l = rd_kafka_event_topic_partition_list(ev);
            List<RdPartitionList.Entry> offsets;
            if (l.equals(MemorySegment.NULL)) {
                offsets = List.of();
            } else {
                try (RdPartitionList list = RdPartitionList.borrowed(l)) {
                    offsets = list.entries();
                }
            }
            return new CommitResult(rd_kafka_event_opaque(ev).address(), rd_kafka_event_error(ev), offsets);
        } finally {
            rd_kafka_event_destroy(ev);
        }
    }

    /**
     * {@code rd_kafka_offsets_store}: the positions the next commit of the assignment sends.
     * Returns the per-partition error codes (0 where stored); throws if librdkafka refuses the
     * call (with enable.auto.offset.store=true it returns _INVALID_ARG).
     */
    public Map<TopicPartition, Integer> storeOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try (RdPartitionList list = RdPartitionList.ofPositions(offsets)) {
            int rc = rd_kafka_offsets_store(rk, list.ptr());
            if (rc == RD_KAFKA_RESP_ERR__INVALID_ARG()) {
                throw new KafkaException(rc, "storeOffsets failed: offsets can only be stored with "
                        + "enable.auto.offset.store=false (librdkafka stores them itself otherwise) " + RdErrors.describe(rc));
            }
            return errors(list);
        }
    }

    private static Map<TopicPartition, Integer> errors(RdPartitionList list) {
        Map<TopicPartition, Integer> errors = new LinkedHashMap<>();
        for (RdPartitionList.Entry e : list.entries()) errors.put(e.partition(), e.error());
        return errors;
    }

    /**
     * {@code rd_kafka_offsets_for_times}: per partition, the earliest offset whose timestamp
     * is at or after the given one (-1 if there is none), with its leader epoch and error.
     */
    public Map<TopicPartition, RdPartitionList.Entry> offsetsForTimes(Map<TopicPartition, Long> timestamps, int timeoutMs) {
        try (RdPartitionList list = RdPartitionList.of(timestamps)) {
            RdErrors.check(rd_kafka_offsets_for_times(rk, list.ptr(), timeoutMs), "offsetsForTimes");
            return list.read();
        }
    }

    /** {low, high} as last seen by this consumer (no request; -1001 where unknown). */
    public long[] cachedWatermarks(TopicPartition tp) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment low = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment high = scratch.allocate(ValueLayout.JAVA_LONG);
            RdErrors.check(rd_kafka_get_watermark_offsets(rk, Rd.cString(scratch, tp.topic()), tp.partition(), low, high),
                    "cachedWatermarks of " + tp);
            return new long[] {low.get(ValueLayout.JAVA_LONG, 0), high.get(ValueLayout.JAVA_LONG, 0)};
        }
    }

    /** {low, high} watermarks from the partition leader. */
    public long[] watermarks(TopicPartition tp, int timeoutMs) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment low = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment high = scratch.allocate(ValueLayout.JAVA_LONG);
            RdErrors.check(rd_kafka_query_watermark_offsets(rk, Rd.cString(scratch, tp.topic()), tp.partition(),
                    low, high, timeoutMs), "watermarks of " + tp);
            return new long[] {low.get(ValueLayout.JAVA_LONG, 0), high.get(ValueLayout.JAVA_LONG, 0)};
        }
    }

    /** Committed positions from the group coordinator; offset -1001 (INVALID) where none. */
    public Map<TopicPartition, RdPartitionList.Entry> committed(Collection<TopicPartition> partitions, int timeoutMs) {
        try (RdPartitionList list = RdPartitionList.of(partitions, OFFSET_INVALID)) {
            RdErrors.check(rd_kafka_committed(rk, list.ptr(), timeoutMs), "committed");
            return list.read();
        }
    }

    /** The next offset to consume per partition (-1001 when nothing was consumed yet). */
    public Map<TopicPartition, Long> position(Collection<TopicPartition> partitions) {
        try (RdPartitionList list = RdPartitionList.of(partitions, OFFSET_INVALID)) {
            RdErrors.check(rd_kafka_position(rk, list.ptr()), "position");
            Map<TopicPartition, Long> out = new LinkedHashMap<>();
            for (RdPartitionList.Entry e : list.entries()) out.put(e.partition(), e.offset());
            return out;
        }
    }

    /**
     * {@code rd_kafka_seek_partitions}: per partition, 0 or its error — _STATE where the
     * partition has not started fetching (not assigned, or assigned and still waiting for its
     * committed offset), _UNKNOWN_PARTITION where librdkafka does not know it; _IN_PROGRESS
     * with {@code timeoutMs} 0 (not waited for). Throws for an error of the whole call.
     */
    public Map<TopicPartition, Integer> seek(Map<TopicPartition, Long> offsets, int timeoutMs) {
        try (RdPartitionList list = RdPartitionList.of(offsets)) {
            RdErrors.check(rd_kafka_seek_partitions(rk, list.ptr(), timeoutMs), "seek");
            return errors(list);
        }
    }

    /** Pauses or resumes; returns the per-partition error codes (0 where done). */
    public Map<TopicPartition, Integer> pause(Collection<TopicPartition> partitions, boolean pause) {
        try (RdPartitionList list = RdPartitionList.of(partitions, OFFSET_INVALID)) {
            RdErrors.check(pause ? rd_kafka_pause_partitions(rk, list.ptr()) : rd_kafka_resume_partitions(rk, list.ptr()),
                    pause ? "pause" : "resume");
            return errors(list);
        }
    }

    /**
     * {@code rd_kafka_consumer_group_metadata}: the generation id (classic protocol) or member
     * epoch (KIP-848); null if the client has no group handle.
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
     * the calling thread (the consumer runs it on a thread of its own, bounding its own wait). (Driving {@code rd_kafka_consumer_close_queue} ourselves and stopping at
     * {@code rd_kafka_consumer_closed()} left the TERMINATE reply behind, and
     * {@code rd_kafka_destroy} then hung for group members.) librdkafka bounds it by its own
     * group timeouts. Returns its error code: _TIMED_OUT, or _FATAL after a fatal error, still
     * leave a client that must be destroyed.
     */
    public int close() {
        return rd_kafka_consumer_close(rk);
    }

    /** Wakes a thread blocked in {@link #pollBatch}. */
    public void wakeup() {
        MemorySegment q = consumerQueue;
        if (!q.equals(MemorySegment.NULL)) rd_kafka_queue_yield(q);
    }

    /** Releases the consumer queue reference; before {@code rd_kafka_consumer_close} (rdkafka.h). */
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
