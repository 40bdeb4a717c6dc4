package dev.jrdkafka.internal.rd.queue;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rd_kafka_queue_cb_event_enable$event_cb;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.RdPartitionList;
import dev.jrdkafka.internal.rd.client.RdClient;
import dev.jrdkafka.internal.rd.consume.MessageBatch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code rd_kafka_queue_t} reference (the public {@code dev.jrdkafka.consumer.Queue} wraps
 * it). librdkafka facts this relies on (rdkafka_queue.c/.h, 2.14; 2.15.0 only adds the share
 * consumer's serving there):
 * <ul>
 *   <li>Each {@code rd_kafka_queue_get_*} call returns a new handle with its own reference to
 *       the underlying {@code rd_kafka_q_t}; {@code rd_kafka_queue_destroy} drops it. Only a
 *       handle from {@code rd_kafka_queue_new} is the owner: destroying it disables the
 *       queue and purges what is on it.</li>
 *   <li>Forwarding ({@code rd_kafka_queue_forward}) moves what is queued to the destination
 *       and routes later ops there; {@code rd_kafka_queue_length} follows forwarding.
 *       Forwarding a partition's fetch queue from the application (also to NULL) sets a
 *       sticky flag so that librdkafka no longer forwards it to the consumer queue itself.</li>
 *   <li>The readiness callback ({@code rd_kafka_queue_cb_event_enable}) belongs to the
 *       {@code rd_kafka_q_t}, one per queue, and fires — on whichever thread enqueues, with
 *       the queue's mutex held — when an op lands on an empty queue that forwards nowhere,
 *       and on {@code rd_kafka_queue_yield} of an empty queue. Enabling and disabling take
 *       the same mutex, so once disabling returns no callback runs or will run.</li>
 * </ul>
 * Every callback of every queue goes through one upcall stub that lives for the JVM; its
 * opaque is a number looked up in {@link #TARGETS}, so a late call finds nothing instead of
 * a freed stub.
 */
public final class RdQueue {
    /** What a readiness callback signals: must only record and unpark, never block or call librdkafka. */
    public interface ReadyTarget {
        void ready();
    }

    private static final Map<Long, ReadyTarget> TARGETS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final MemorySegment STUB = rd_kafka_queue_cb_event_enable$event_cb.allocate(RdQueue::upcall, Arena.global());

    private final MemorySegment q;
    private final RdClient client;
    private long readyId; // guarded by this

    private RdQueue(RdClient client, MemorySegment q) {
        this.client = client;
        this.q = q;
    }

    private static void upcall(MemorySegment rk, MemorySegment opaque) {
        // On a librdkafka thread (or ours, in a yield) with the queue's mutex held: record and leave.
        try {
            ReadyTarget t = TARGETS.get(opaque.address());
            if (t != null) t.ready();
        } catch (Throwable ignored) {
            // never into C
        }
    }

    /** A new queue owned by the application ({@code rd_kafka_queue_new}). */
    public static RdQueue create(RdClient client) {
        return new RdQueue(client, rd_kafka_queue_new(client.rk()));
    }

    /** The consumer queue ({@code rd_kafka_queue_get_consumer}), or null if the client has no group. */
    public static RdQueue consumer(RdClient client) {
        MemorySegment q = rd_kafka_queue_get_consumer(client.rk());
        return q.equals(MemorySegment.NULL) ? null : new RdQueue(client, q);
    }

    /** The main queue ({@code rd_kafka_queue_get_main}): used here for readiness and length only. */
    public static RdQueue main(RdClient client) {
        return new RdQueue(client, rd_kafka_queue_get_main(client.rk()));
    }

    /** A partition's fetch queue ({@code rd_kafka_queue_get_partition}), or null. */
    public static RdQueue partition(RdClient client, TopicPartition tp) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment q = rd_kafka_queue_get_partition(client.rk(), Rd.cString(scratch, tp.topic()), tp.partition());
            return q.equals(MemorySegment.NULL) ? null : new RdQueue(client, q);
        }
    }

    public RdClient client() {
        return client;
    }

    /** {@code rd_kafka_queue_forward}: to {@code dst}, or (null) nowhere. */
    public void forward(RdQueue dst) {
        rd_kafka_queue_forward(q, dst == null ? MemorySegment.NULL : dst.q);
    }

    /** {@code rd_kafka_queue_length}, at the end of the forwarding chain. */
    public long length() {
        return rd_kafka_queue_length(q);
    }

    /** {@code rd_kafka_queue_yield}: a waiter in librdkafka returns; fires readiness when empty. */
    public void yield() {
        rd_kafka_queue_yield(q);
    }

    /** {@code rd_kafka_queue_poll}: an event the caller closes, or null. */
    public RdEvent pollEvent(int timeoutMs) {
        return RdEvent.owned(rd_kafka_queue_poll(q, timeoutMs));
    }

    /** {@code rd_kafka_consume_batch_queue} into {@code array}; serves rebalance callbacks on this thread. */
    public int consumeBatch(int timeoutMs, MessageBatch batch, int max) {
        int n = batch.fill(q, timeoutMs, max);
        if (n < 0) throw RdErrors.fromCode(rd_kafka_last_error(), "poll");
        return n;
    }

    /**
     * Sends readiness of this queue to {@code target} ({@code rd_kafka_queue_cb_event_enable});
     * null disables it. Replaces any callback set through another handle of the same queue.
     */
    public synchronized void readiness(ReadyTarget target) {
        if (readyId != 0) {
            rd_kafka_queue_cb_event_enable(q, MemorySegment.NULL, MemorySegment.NULL);
            TARGETS.remove(readyId);
            readyId = 0;
        }
        if (target != null) {
            long id = NEXT_ID.getAndIncrement();
            TARGETS.put(id, target);
            readyId = id;
            rd_kafka_queue_cb_event_enable(q, STUB, MemorySegment.ofAddress(id));
        }
    }

    /** Commits {@code offsets} without waiting; the result arrives on this queue as an OFFSET_COMMIT event. */
    public void commitInto(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets == null) {
            RdErrors.check(rd_kafka_commit_queue(client.rk(), MemorySegment.NULL, q, MemorySegment.NULL, MemorySegment.NULL), "commit");
            return;
        }
        try (RdPartitionList list = RdPartitionList.ofPositions(offsets)) {
            RdErrors.check(rd_kafka_commit_queue(client.rk(), list.ptr(), q, MemorySegment.NULL, MemorySegment.NULL), "commit");
        }
    }

    /** Drops this reference (disabling readiness first); an owner handle also purges the queue. */
    public void destroy() {
        readiness(null);
        rd_kafka_queue_destroy(q);
    }
}
