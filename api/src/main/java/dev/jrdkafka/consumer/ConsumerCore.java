package dev.jrdkafka.consumer;

import dev.jrdkafka.Header;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.internal.LibrdkafkaLog;
import dev.jrdkafka.internal.rd.ClientGuard;
import dev.jrdkafka.internal.rd.DeliveryReportView;
import dev.jrdkafka.internal.rd.EventSink;
import dev.jrdkafka.internal.rd.RdClient;
import dev.jrdkafka.internal.rd.RdConsumer;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.MessageBatch;
import dev.jrdkafka.internal.rd.RdMessages;
import dev.jrdkafka.internal.rd.TopicNames;
import dev.jrdkafka.internal.rd.RdPartitionLists;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link Consumer} owns, apart from the public object (which it references only
 * weakly, so the leak Cleaner can see an unclosed consumer become unreachable).
 */
final class ConsumerCore implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(Consumer.class);
    private static final int PARTITION_EOF = KafkaError._PARTITION_EOF.code();
    private static final int NO_OFFSET = KafkaError._NO_OFFSET.code();
    /** The consumer whose poll this thread is inside, to refuse close() from its callbacks. */
    private static final ThreadLocal<ConsumerCore> IN_POLL = new ThreadLocal<>();

    final ClientGuard guard = new ClientGuard("Consumer");
    final RdClient client;
    final RdConsumer rd;
    final String groupId;
    private final ConsumerOptions options;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile WeakReference<Consumer> owner = new WeakReference<>(null);
    private volatile boolean wakeupRequested;
    private KafkaException pendingError; // an error met while filling a batch, thrown by the next poll
    private volatile Thread closing;
    /** Batches not yet closed: they hold librdkafka messages, and rd_kafka_destroy waits for those. */
    private final Set<RecordBatch> openBatches = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Message arrays for batches, reused: polling allocates none in the steady state. */
    private final MessageBatch.Pool batchPool = new MessageBatch.Pool();
    private final TopicNames topicNames = new TopicNames();
    /** Commit outcomes from librdkafka's on_commit interceptor (its thread), for the polling thread. */
    private final java.util.Queue<CommitOutcome> commitOutcomes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Listeners of commitAsync calls whose result has not been served yet, by call id. */
    private final Map<Long, OffsetCommitListener> pendingCommits = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong commitIds = new java.util.concurrent.atomic.AtomicLong();
    /** EOFs met by pollBatch, reported at the next poll so that they never overtake the batch's records. */
    private final List<PendingEof> pendingEofs = new ArrayList<>();

    private record PendingEof(TopicPartition partition, long offset) {}

    private record CommitOutcome(int error, Map<TopicPartition, RdPartitionLists.Entry> offsets) {}

    ConsumerCore(Map<String, String> config, ConsumerOptions options) {
        this.options = options;
        this.groupId = config.get("group.id");
        if (groupId == null) {
            // librdkafka's consumer needs a group even for assign(): give it a private one,
            // and commit nothing to it unless asked to.
            config = new java.util.LinkedHashMap<>(config);
            config.put("group.id", "jrdkafka-assign-" + java.util.UUID.randomUUID());
            config.putIfAbsent("enable.auto.commit", "false");
        }
        this.client = RdClient.create(RdClient.CONSUMER, config, false, (conf, arena) -> {
            RdConsumer.installRebalance(conf, arena, this::onRebalance, this);
            if (options.offsetCommitListener() != null) {
                RdConsumer.installCommitInterceptor(conf, arena, (err, offsets) -> commitOutcomes.add(new CommitOutcome(err, offsets)), this);
            }
        });
        this.rd = new RdConsumer(client);
    }

    void owner(Consumer consumer) {
        owner = new WeakReference<>(consumer);
    }

    // ---- polling ------------------------------------------------------------------

    ConsumerRecord poll(Duration timeout) {
        guard.enter();
        ConsumerCore outer = IN_POLL.get();
        IN_POLL.set(this);
        try {
            serveEvents();
            throwPending();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                checkWakeup();
                int ms = remainingMillis(deadline);
                MemorySegment m = rd.poll(ms);
                if (!m.equals(MemorySegment.NULL)) {
                    m = RdMessages.view(m.address());
                    try {
                        int err = RdMessages.error(m);
                        if (err == 0) return copy(m);
                        if (err != PARTITION_EOF) throw RdMessages.consumeError(m, err);
                        eof(m);
                        deliverEofs();
                    } finally {
                        RdMessages.destroy(m);
                    }
                }
                checkWakeup();
                if (ms == 0 || System.nanoTime() - deadline >= 0) return null;
            }
        } finally {
            IN_POLL.set(outer);
            guard.exit();
        }
    }

    RecordBatch pollBatch(int max, Duration timeout) {
        guard.enter();
        ConsumerCore outer = IN_POLL.get();
        IN_POLL.set(this);
        try {
            serveEvents();
            throwPending();
            checkWakeup();
            long deadline = System.nanoTime() + timeout.toNanos();
            MessageBatch messages = batchPool.take(max);
            try {
                while (true) { // in short slices until something arrives or the timeout ends
                    rd.pollBatch(remainingMillis(deadline), messages, max);
                    messages.removeFailed(onFailedMessage);
                    if (messages.size() > 0 || pendingError != null || !pendingEofs.isEmpty()
                            || System.nanoTime() - deadline >= 0) {
                        break;
                    }
                    checkWakeup();
                    serveEvents();
                }
            } catch (RuntimeException | Error e) {
                messages.release();
                throw e;
            }
            if (messages.size() == 0) {
                messages.release(); // back to the pool before anything throws
                deliverEofs(); // no record to overtake
                throwPending();
                checkWakeup();
                messages = batchPool.take(max);
            }
            RecordBatch batch = new RecordBatch(messages, topicNames, openBatches::remove);
            openBatches.add(batch);
            return batch;
        } finally {
            IN_POLL.set(outer);
            guard.exit();
        }
    }

    private static int remainingMillis(long deadline) {
        long ms = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(0, Math.min(ms, 100)); // short slices, so wakeup and events stay responsive
    }

    private void checkWakeup() {
        if (guard.isClosing()) throw guard.closed(); // close() on another thread: leave at once
        if (wakeupRequested) {
            wakeupRequested = false;
            throw new WakeupException();
        }
    }

    private void throwPending() {
        KafkaException e = pendingError;
        if (e != null) {
            pendingError = null;
            throw e;
        }
    }

    /** A failed message of a batch: EOF for the listener, else the error the next poll throws. */
    private final MessageBatch.FailureHandler onFailedMessage = (m, err) -> {
        MemorySegment msg = RdMessages.view(m);
        if (err == PARTITION_EOF) eof(msg);
        else if (pendingError == null) pendingError = RdMessages.consumeError(msg, err);
    };

    /**
     * An owned copy of a consumed message: fields read in place, the topic name from the
     * cache, headers decoded only when there are any. Thread-safe (the scratch is per thread).
     */
    ConsumerRecord copy(MemorySegment message) {
        long m = message.address();
        long scratch = SCRATCH.get().address();
        long ts = MessageBatch.timestamp(m, scratch);
        TimestampType type = TimestampType.of(SCRATCH.get().get(ValueLayout.JAVA_INT, 0));
        List<Header> headers = MessageBatch.hasHeaders(m, scratch)
                ? RdMessages.headers(message).stream().map(e -> new Header(e.getKey(), e.getValue())).toList()
                : List.of();
        return new ConsumerRecord(topicNames.nameOf(MessageBatch.topicHandle(m)), MessageBatch.partition(m),
                MessageBatch.offset(m), MessageBatch.leaderEpoch(m), ts, type,
                bytes(MessageBatch.keyAddress(m), MessageBatch.keyLength(m)),
                bytes(MessageBatch.valueAddress(m), MessageBatch.valueLength(m)), headers);
    }

    /** Native room for an out-parameter (a pointer or an int), one per thread, freed by the GC. */
    private static final ThreadLocal<MemorySegment> SCRATCH = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(8, 8));

    private static byte[] bytes(long address, long length) {
        return address == 0 ? null : MessageBatch.bytes(address, length).toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * Logs, errors and statistics wait on the main queue; serve what is there. Then what the
     * listeners are owed: EOFs from the last batch, and commit outcomes.
     */
    private void serveEvents() {
        client.poll(0, this);
        deliverEofs();
        serveCommitsIfIdle();
    }

    /** One thread at a time hands out commit outcomes; a reader that finds it busy moves on. */
    private final java.util.concurrent.locks.ReentrantLock commitServing = new java.util.concurrent.locks.ReentrantLock();

    private void serveCommitsIfIdle() {
        if (!commitServing.tryLock()) return;
        try {
            serveCommits();
        } finally {
            commitServing.unlock();
        }
    }

    // ---- partition EOF ------------------------------------------------------------

    private void eof(MemorySegment m) {
        if (options.partitionEofListener() == null) return;
        String topic = RdMessages.topic(m);
        if (topic != null) pendingEofs.add(new PendingEof(new TopicPartition(topic, RdMessages.partition(m)), RdMessages.offset(m)));
    }

    private void deliverEofs() {
        if (pendingEofs.isEmpty()) return;
        PartitionEofListener listener = options.partitionEofListener();
        Consumer consumer = owner.get();
        List<PendingEof> eofs = List.copyOf(pendingEofs);
        pendingEofs.clear();
        for (PendingEof e : eofs) {
            try {
                listener.onPartitionEof(consumer, e.partition(), e.offset());
            } catch (Throwable t) {
                onCallbackFailure("partition EOF listener", t);
            }
        }
    }

    // ---- offset commits -------------------------------------------------------------

    /**
     * Starts an asynchronous commit on this consumer's commit queue; its outcome goes to
     * {@code listener} when a poll (or close) serves that queue. {@code offsets} null: the
     * stored offsets of the assignment.
     */
    void commitAsync(Map<TopicPartition, Long> offsets, OffsetCommitListener listener) {
        long id = commitIds.incrementAndGet();
        pendingCommits.put(id, listener);
        try {
            rd.commitAsync(offsets, id);
        } catch (RuntimeException e) {
            pendingCommits.remove(id);
            throw e;
        }
    }

    /** Hands commit outcomes that arrived to their listeners, on this (the polling) thread. */
    private void serveCommits() {
        RdConsumer.CommitResult r;
        while (!pendingCommits.isEmpty() && (r = rd.pollCommitResult(0)) != null) {
            OffsetCommitListener l = pendingCommits.remove(r.opaque());
            if (l != null) report(l, r.error(), r.offsets());
        }
        serveCommitOutcomes();
    }

    private void report(OffsetCommitListener listener, int error, Map<TopicPartition, RdPartitionLists.Entry> entries) {
        Map<TopicPartition, Long> offsets = new java.util.LinkedHashMap<>();
        Map<TopicPartition, KafkaError> failed = new java.util.LinkedHashMap<>();
        int firstFailure = 0;
        for (RdPartitionLists.Entry e : entries.values()) {
            offsets.put(e.partition(), e.offset());
            if (e.error() != 0 && e.error() != NO_OFFSET) {
                failed.put(e.partition(), KafkaError.fromCode(e.error()));
                if (firstFailure == 0) firstFailure = e.error();
            }
        }
        if (error == NO_OFFSET) error = 0; // nothing to commit: not a failure
        KafkaException failure = null;
        if (!failed.isEmpty()) {
            int code = error != 0 ? error : firstFailure;
            failure = new PartitionErrorsException(code, "offset commit failed for " + failed.size() + " of "
                    + offsets.size() + " partition(s): " + failed, failed);
        } else if (error != 0) {
            failure = RdErrors.fromCode(error, "offset commit");
        }
        try {
            listener.onCommit(java.util.Collections.unmodifiableMap(offsets), failure);
        } catch (Throwable t) {
            onCallbackFailure("offset commit listener", t);
        }
    }

    /**
     * At close, after leaving the group (librdkafka waits for commits in flight there): serves
     * the commit results that arrived, waiting a little for stragglers.
     */
    private void serveCommitsAtClose() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!pendingCommits.isEmpty() && System.nanoTime() - deadline < 0) {
            RdConsumer.CommitResult r = rd.pollCommitResult(100);
            if (r == null) continue;
            OffsetCommitListener l = pendingCommits.remove(r.opaque());
            if (l != null) report(l, r.error(), r.offsets());
        }
        serveCommitOutcomes();
    }

    /** Once the client is gone: what the interceptor still reported, and a failure for commits never answered. */
    private void failUnansweredCommits() {
        serveCommitOutcomes();
        for (Long id : List.copyOf(pendingCommits.keySet())) {
            OffsetCommitListener l = pendingCommits.remove(id);
            if (l == null) continue;
            try {
                l.onCommit(Map.of(), new KafkaException(KafkaError._DESTROY,
                        "offset commit not completed: the consumer was closed first"));
            } catch (Throwable t) {
                onCallbackFailure("offset commit listener", t);
            }
        }
    }

    private void serveCommitOutcomes() {
        OffsetCommitListener all = options.offsetCommitListener();
        CommitOutcome o;
        while ((o = commitOutcomes.poll()) != null) {
            if (all != null) report(all, o.error(), o.offsets());
        }
    }

    void wakeup() {
        wakeupRequested = true;
        if (!guard.isClosing()) {
            try {
                guard.enter();
            } catch (IllegalStateException closedMeanwhile) {
                return;
            }
            try {
                rd.wakeup();
            } finally {
                guard.exit();
            }
        }
    }

    // ---- rebalancing ---------------------------------------------------------------

    /** librdkafka's rebalance callback: tell the listener, then make the protocol's assignment change. */
    private void onRebalance(boolean assign, MemorySegment list) {
        Set<TopicPartition> partitions = RdPartitionLists.read(list).keySet();
        boolean cooperative = "COOPERATIVE".equals(rd.rebalanceProtocol());
        Consumer consumer = owner.get();
        RebalanceListener listener = options.rebalanceListener();
        if (assign) {
            if (cooperative) rd.incrementalAssign(list);
            else rd.assign(list, "assign");
            call(() -> listener.onPartitionsAssigned(consumer, partitions));
        } else {
            boolean lost = rd.assignmentLost();
            call(() -> {
                if (lost) listener.onPartitionsLost(consumer, partitions);
                else listener.onPartitionsRevoked(consumer, partitions);
            });
            if (cooperative) rd.incrementalUnassign(list);
            else rd.assign(MemorySegment.NULL, "unassign");
        }
    }

    private boolean awaitBatchesClosed(long deadline) {
        while (!openBatches.isEmpty()) {
            if (System.nanoTime() - deadline > 0) return false;
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        return true;
    }

    private void call(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (Throwable t) {
            onCallbackFailure("rebalance listener", t);
        }
    }

    // ---- events ---------------------------------------------------------------------

    @Override
    public void onDelivery(DeliveryReportView report) {}

    @Override
    public void onError(int code, String reason, boolean fatal) {
        options.listener().onError(new KafkaException(code, reason + " (" + KafkaError.fromCode(code) + ")", fatal, false, false));
    }

    @Override
    public void onLog(int level, String facility, String message) {
        LibrdkafkaLog.log(client.name(), level, facility, message);
    }

    @Override
    public void onStats(String json) {
        options.listener().onStats(json);
    }

    @Override
    public void onOAuthBearerTokenRefresh(String config) {
        options.listener().onOAuthBearerTokenRefresh(config);
    }

    @Override
    public void onCallbackFailure(String callback, Throwable failure) {
        LOG.error("{} of {} threw; the exception was caught and the consumer carries on", callback, client.name(), failure);
    }

    // ---- queues (dev.jrdkafka.queue; used by ConsumerQueues) -------------------------

    /**
     * Enters a read of one of this consumer's queues as a poll: guarded against close, close
     * from callbacks refused, main-queue events served (unless another thread is serving
     * them). Returns what {@link #exitQueuePoll} restores.
     */
    Object enterQueuePoll() {
        guard.enter();
        ConsumerCore outer = IN_POLL.get();
        IN_POLL.set(this);
        try {
            client.pollIfIdle(this);
            serveCommitsIfIdle(); // queue readers get commit outcomes too, on their thread
        } catch (RuntimeException | Error e) {
            IN_POLL.set(outer);
            guard.exit();
            throw e;
        }
        return outer;
    }

    void exitQueuePoll(Object outer) {
        IN_POLL.set((ConsumerCore) outer);
        guard.exit();
    }

    /** A REBALANCE event read from a queue: handled exactly like librdkafka's rebalance callback. */
    void queueRebalance(boolean assign, MemorySegment partitions) {
        onRebalance(assign, partitions);
    }

    /** Messages read from a queue (ownership passes), tracked like pollBatch's batches (close waits for them). */
    RecordBatch queueBatch(MessageBatch messages) {
        RecordBatch batch = new RecordBatch(messages, topicNames, openBatches::remove);
        openBatches.add(batch);
        return batch;
    }

    /** An empty message array from this consumer's pool, for a queue read to fill. */
    MessageBatch takeBatch(int max) {
        return batchPool.take(max);
    }

    // ---- close ----------------------------------------------------------------------

    boolean isClosed() {
        return guard.isClosing();
    }

    /**
     * Leaves the group (revoking through the listener), waits for calls in flight on other
     * threads, and destroys the client. Idempotent; a second caller waits for the first.
     */
    void close(Duration timeout) {
        if (IN_POLL.get() == this) {
            throw new IllegalStateException("close() was called from inside a callback of this Consumer (during poll); "
                    + "librdkafka cannot destroy a client from its own callbacks. Close it after poll returns.");
        }
        if (closing == Thread.currentThread()) {
            throw new IllegalStateException("close() was called from inside a rebalance listener of this Consumer "
                    + "while it closes; librdkafka cannot destroy a client from its own callbacks");
        }
        if (!guard.beginClose()) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        closing = Thread.currentThread();
        try {
            guard.awaitQuiescence(rd::wakeup); // a poll on another thread returns
            client.closeDependents(); // queues (dev.jrdkafka.queue): readiness off, forwarding undone, before consumer_close
            rd.destroyConsumerQueue(); // rdkafka.h: consumer-queue references are destroyed before rd_kafka_consumer_close
            rd.close(); // the rebalance listener may still call in from this thread (commit on revoke)
            client.poll(0, this);
            serveCommitsAtClose();
            if (!awaitBatchesClosed(System.nanoTime() + timeout.toNanos())) {
                // Destroying now would hang in rd_kafka_destroy, freeing the messages would break
                // the views: leave the client alive (a leak, reported) rather than hang or crash.
                LOG.error("{}: {} RecordBatch(es) still open after {}; the client is left undestroyed. "
                        + "Close batches before closing the consumer.", client.name(), openBatches.size(), timeout);
                failUnansweredCommits();
                return;
            }
            rd.destroyCommitQueue();
            client.destroy(() -> { });
            failUnansweredCommits();
        } finally {
            guard.endClose();
            closing = null;
            closed.countDown();
        }
    }
}
