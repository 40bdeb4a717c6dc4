package dev.jrdkafka.consumer;

import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.internal.rd.queue.RdQueue;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Queue}s of one consumer ({@link Consumer}'s "queues" section): creates them,
 * hands out one object per librdkafka queue (the consumer queue, each partition's queue),
 * and holds the forwarding {@link QueueTopology} they share.
 */
final class ConsumerQueues {
    final QueueTopology topology = new QueueTopology();
    private final ConsumerCore core;
    private Queue consumerQueue; // guarded by this
    private final Map<TopicPartition, Queue> partitionQueues = new HashMap<>(); // guarded by this

    ConsumerQueues(ConsumerCore core) {
        this.core = core;
    }

    ConsumerCore core() {
        return core;
    }

    synchronized Queue consumerQueue() {
        if (consumerQueue != null && consumerQueue.isClosed()) awaitTeardown(consumerQueue);
        if (consumerQueue == null || consumerQueue.isClosed()) {
            RdQueue q = RdQueue.consumer(core.client.rd());
            RdQueue main = RdQueue.main(core.client.rd());
            consumerQueue = new Queue(this, q, main, Queue.Kind.CONSUMER, null);
        }
        return consumerQueue;
    }

    synchronized Queue partitionQueue(TopicPartition tp) {
        Queue q = partitionQueues.get(tp);
        if (q != null && q.isClosed()) {
            awaitTeardown(q);
            q = partitionQueues.get(tp);
        }
        if (q == null || q.isClosed()) {
            RdQueue rq = RdQueue.partition(core.client.rd(), tp);
            if (rq == null) throw new IllegalArgumentException("librdkafka has no queue for " + tp);
            q = new Queue(this, rq, null, Queue.Kind.PARTITION, tp);
            partitionQueues.put(tp, q);
        }
        return q;
    }

    /**
     * Waits (releasing this monitor) until a queue another thread is closing has been torn
     * down: readiness and forwarding belong to the librdkafka queue, not to our handle, so a
     * replacement set up before the old teardown would have them undone by it.
     */
    private void awaitTeardown(Queue closing) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((closing == consumerQueue || partitionQueues.containsValue(closing)) && System.nanoTime() < deadline) {
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + closing + " was closing", e);
            }
        }
    }

    Queue newQueue() {
        return new Queue(this, RdQueue.create(core.client.rd()), null, Queue.Kind.CUSTOM, null);
    }

    void commitInto(Queue results, Map<TopicPartition, OffsetAndMetadata> offsets) {
        results.commitInto(offsets, this);
    }

    /** A queue handed out here closed (drop it from the caches). */
    synchronized void closed(Queue queue) {
        if (consumerQueue == queue) consumerQueue = null;
        partitionQueues.values().remove(queue);
        notifyAll(); // awaitTeardown
    }
}
