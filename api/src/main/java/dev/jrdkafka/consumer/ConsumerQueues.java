package dev.jrdkafka.consumer;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.internal.QueueAccess;
import dev.jrdkafka.internal.QueueHost;
import dev.jrdkafka.internal.rd.RdClient;
import dev.jrdkafka.internal.rd.MessageBatch;
import dev.jrdkafka.internal.rd.RdQueue;
import dev.jrdkafka.queue.Queue;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link Queue}s of one consumer ({@link Consumer}'s "queues" section): creates them,
 * hands out one object per librdkafka queue (the consumer queue, each partition's queue),
 * and lends them the consumer's guard and rebalance handling.
 */
final class ConsumerQueues implements QueueHost {
    private final ConsumerCore core;
    private Queue consumerQueue; // guarded by this
    private final Map<TopicPartition, Queue> partitionQueues = new HashMap<>(); // guarded by this

    ConsumerQueues(ConsumerCore core) {
        this.core = core;
    }

    synchronized Queue consumerQueue() {
        if (consumerQueue != null && consumerQueue.isClosed()) awaitTeardown(consumerQueue);
        if (consumerQueue == null || consumerQueue.isClosed()) {
            RdQueue q = RdQueue.consumer(core.client);
            RdQueue main = RdQueue.main(core.client);
            consumerQueue = QueueAccess.get().open(this, q, main, Queue.Kind.CONSUMER, null);
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
            RdQueue rq = RdQueue.partition(core.client, tp);
            if (rq == null) throw new IllegalArgumentException("librdkafka has no queue for " + tp);
            q = QueueAccess.get().open(this, rq, null, Queue.Kind.PARTITION, tp);
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
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
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
        return QueueAccess.get().open(this, RdQueue.create(core.client), null, Queue.Kind.CUSTOM, null);
    }

    void commitInto(Queue results, Map<TopicPartition, Long> offsets) {
        QueueAccess.get().commitInto(results, this, offsets);
    }

    // ---- QueueHost ---------------------------------------------------------------------

    @Override
    public RdClient client() {
        return core.client;
    }

    @Override
    public void enter() {
        core.guard.enter();
    }

    @Override
    public void exit() {
        core.guard.exit();
    }

    @Override
    public Object enterPoll() {
        return core.enterQueuePoll();
    }

    @Override
    public void exitPoll(Object token) {
        core.exitQueuePoll(token);
    }

    @Override
    public void rebalance(boolean assign, MemorySegment partitions) {
        core.queueRebalance(assign, partitions);
    }

    @Override
    public RecordBatch batch(MessageBatch messages) {
        return core.queueBatch(messages);
    }

    @Override
    public MessageBatch takeBatch(int max) {
        return core.takeBatch(max);
    }

    @Override
    public ConsumerRecord record(MemorySegment m) {
        return core.copy(m);
    }

    @Override
    public RdQueue consumerQueueRef() {
        return RdQueue.consumer(core.client);
    }

    @Override
    public synchronized void closed(Object queue) {
        if (consumerQueue == queue) consumerQueue = null;
        partitionQueues.values().remove(queue);
        notifyAll(); // awaitTeardown
    }
}
