package dev.jrdkafka.internal;

import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.internal.rd.RdClient;
import dev.jrdkafka.internal.rd.RdQueue;
import java.lang.foreign.MemorySegment;

/**
 * What a {@code dev.jrdkafka.queue.Queue} needs from the client it belongs to (implemented
 * by the consumer package, which owns the client's guard and rebalance handling).
 */
public interface QueueHost {
    RdClient client();

    /** Admits a plain call (throws {@link IllegalStateException} once the client closes). */
    void enter();

    void exit();

    /**
     * Admits a read of one of the client's queues as a poll: rebalance callbacks may run in
     * it, close from them is refused, main-queue events are served. Returns a token for
     * {@link #exitPoll}.
     */
    Object enterPoll();

    void exitPoll(Object token);

    /** A REBALANCE event taken from a queue: handled like librdkafka's rebalance callback. */
    void rebalance(boolean assign, MemorySegment partitions);

    /** An empty message array (pooled) for a queue read to fill. */
    dev.jrdkafka.internal.rd.MessageBatch takeBatch(int max);

    /** Wraps consumed messages (ownership passes) into a tracked batch. */
    RecordBatch batch(dev.jrdkafka.internal.rd.MessageBatch messages);

    /** An owned copy of a consumed message. */
    dev.jrdkafka.consumer.ConsumerRecord record(MemorySegment message);

    /** A new reference to the client's consumer queue (for restoring a partition's forwarding). */
    RdQueue consumerQueueRef();

    /** Called when a queue handed out by the host closed (to drop it from the host's caches). */
    void closed(Object queue);
}
