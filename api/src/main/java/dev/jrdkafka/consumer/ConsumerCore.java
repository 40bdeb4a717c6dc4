package dev.jrdkafka.consumer;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.internal.client.CallbackScope;
import dev.jrdkafka.internal.client.ClientCore;
import dev.jrdkafka.internal.client.OwnerThread;
import dev.jrdkafka.internal.client.Pending;
import dev.jrdkafka.internal.client.Timeouts;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.RdPartitionList;
import dev.jrdkafka.internal.rd.client.RdClient;
import dev.jrdkafka.internal.rd.consume.MessageBatch;
import dev.jrdkafka.internal.rd.consume.RdConsumer;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The consumer's own part, over the {@link ClientCore} every client kind shares: the read
 * path (one loop for {@code poll}, {@code pollBatch} and, through {@link ConsumerQueues},
 * queue reads), rebalance handling, commit outcomes, partition EOFs and close. It references
 * the public {@link Consumer} only weakly, so the leak Cleaner can see an unclosed consumer
 * become unreachable.
 */
final class ConsumerCore {
    private static final int NO_OFFSET = KafkaError._NO_OFFSET.code();
    /** How long close waits past its deadline for rd_kafka_destroy before leaving it to a background thread. */
    private static final long DESTROY_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);
    /** Reads wait inside librdkafka in slices this long, so wakeup, close and events stay responsive. */
    private static final int SLICE_MS = 100;

    final ClientCore client;
    final RdConsumer rd;
    /** The configured group, or null (then assign() uses a private group and commits nothing unless asked). */
    final String groupId;
    final ConsumerQueues queues;
    private final ConsumerOptions options;
    private final OwnerThread owner = new OwnerThread("Consumer");
    private volatile WeakReference<Consumer> facade = new WeakReference<>(null);
    private volatile boolean wakeupRequested;
    private final FailedMessages failures = new FailedMessages(this);
    /** Batches not yet closed: they hold librdkafka messages, and rd_kafka_destroy waits for those. */
    private final Set<RecordBatch> openBatches = ConcurrentHashMap.newKeySet();
    /** Message arrays, reused: polling allocates none in the steady state. */
    private final MessageBatch.Pool batchPool;
    /** Commit outcomes from librdkafka's on_commit interceptor (its thread), for a polling thread. */
    private final java.util.Queue<CommitOutcome> commitOutcomes = new ConcurrentLinkedQueue<>();
    /** Listeners of commitAsync calls whose result has not been served yet. */
    private final Pending<OffsetCommitListener> pendingCommits = new Pending<>(0);
    /** One thread at a time hands out commit outcomes; a reader that finds it busy moves on. */
    private final ReentrantLock commitServing = new ReentrantLock();
    /** EOFs met by reads, reported at the next read so that they never overtake the records before them. */
    private final java.util.Queue<PendingEof> pendingEofs = new ConcurrentLinkedQueue<>();
    /** The group leave of close, once begun: once abandoned, listeners are no longer called. */
    private volatile GroupLeave leave;

    private record PendingEof(TopicPartition partition, long offset) {}

    private record CommitOutcome(int error, List<RdPartitionList.Entry> offsets) {}

    ConsumerCore(Map<String, String> config, dev.jrdkafka.security.SecuritySettings security, ConsumerOptions options) {
        this.options = options;
        this.groupId = config.get("group.id");
        if (groupId == null) {
            // librdkafka's consumer needs a group even for assign(): give it a private one,
            // and commit nothing to it unless asked to.
            config = new LinkedHashMap<>(config);
            config.put("group.id", "jrdkafka-assign-" + java.util.UUID.randomUUID());
            config.putIfAbsent("enable.auto.commit", "false");
        }
        this.client = new ClientCore(new ClientCore.Spec(Consumer.class, RdClient.CONSUMER, config, options.listener(),
                options.oauthBearerTokenRefresh(), null, setup -> {
                    RdConsumer.installRebalance(setup, this::onRebalance);
                    if (options.offsetCommitListener() != null) {
                        RdConsumer.installCommitInterceptor(setup,
                                (err, offsets) -> commitOutcomes.add(new CommitOutcome(err, offsets)));
                    }
                }, security));
        this.rd = new RdConsumer(client.rd());
        this.batchPool = new MessageBatch.Pool(client.rd().topicNames());
        this.queues = new ConsumerQueues(this);
    }

    void facade(Consumer consumer) {
        facade = new WeakReference<>(consumer);
    }

    // ---- calls ----------------------------------------------------------------------

    /**
     * A call of the consumer's API: refused after close ({@link IllegalStateException}) and
     * from a second thread while another is inside one ({@link java.util.ConcurrentModificationException}).
     * The closing thread may call in (a rebalance listener committing on revoke).
     */
    <T> T owned(Supplier<T> call) {
        client.guard().enter();
        boolean checked = !client.guard().isClosingThread();
        try {
            if (checked) owner.acquire();
        } catch (RuntimeException e) {
            client.guard().exit();
            throw e;
        }
        try {
            return call.get();
        } finally {
            if (checked) owner.release();
            client.guard().exit();
        }
    }

    void owned(Runnable call) {
        owned(() -> {
            call.run();
            return null;
        });
    }

    // ---- reading --------------------------------------------------------------------

    ConsumerRecord poll(Duration timeout) {
        long deadline = Timeouts.deadline(timeout, "timeout");
        return owned(() -> {
            MessageBatch messages = read(1, deadline);
            try {
                return messages.size() == 0 ? null : Records.copy(messages, 0);
            } finally {
                messages.release();
            }
        });
    }

    RecordBatch pollBatch(int max, Duration timeout) {
        long deadline = Timeouts.deadline(timeout, "timeout");
        return owned(() -> track(read(max, deadline)));
    }

    /**
     * The read loop: serves what listeners are owed, then reads the consumer queue in short
     * slices until records, an error or an EOF arrive, or the deadline passes. Marked as
     * inside this consumer's callbacks (rebalances run here). Returns a possibly empty batch.
     */
    private MessageBatch read(int max, long deadline) {
        CallbackScope.enter(client);
        try {
            serveEvents();
            failures.throwPending();
            checkWakeup();
            MessageBatch messages = batchPool.take(max);
            try {
                while (true) {
                    rd.pollBatch(Timeouts.remainingMillis(deadline, SLICE_MS), messages, max);
                    messages.removeFailed(failures);
                    if (messages.size() > 0 || failures.hasPending() || !pendingEofs.isEmpty()
                            || System.nanoTime() - deadline >= 0) {
                        break;
                    }
                    checkWakeup();
                    serveEvents();
                }
                if (messages.size() == 0) {
                    deliverEofs(); // no record to overtake
                    failures.throwPending();
                    checkWakeup();
                }
            } catch (RuntimeException | Error e) {
                messages.release();
                throw e;
            }
            return messages;
        } finally {
            CallbackScope.exit();
        }
    }

    /** Consumed messages (ownership passes) as a batch that close waits for. */
    RecordBatch track(MessageBatch messages) {
        RecordBatch batch = new RecordBatch(messages, openBatches::remove);
        openBatches.add(batch);
        return batch;
    }

    MessageBatch takeBatch(int max) {
        return batchPool.take(max);
    }

    private void checkWakeup() {
        if (client.isClosed() && !client.guard().isClosingThread()) throw client.guard().closed();
        if (wakeupRequested) {
            wakeupRequested = false;
            throw new WakeupException();
        }
    }

    void wakeup() {
        wakeupRequested = true;
        try {
            client.run(rd::wakeup);
        } catch (IllegalStateException closed) {
            // nothing to wake
        }
    }

    /**
     * Logs, errors and statistics wait on the main queue; serve what is there. Then what the
     * listeners are owed: EOFs from the last read, and commit outcomes.
     */
    private void serveEvents() {
        client.poll(0);
        deliverEofs();
        serveCommitsIfIdle();
    }

    /**
     * Enters a read of one of this consumer's queues: guarded against close, marked as
     * inside this consumer's callbacks, main-queue events served (unless another thread is
     * serving them), listeners' dues delivered. Pair with {@link #exitQueueRead()}.
     */
    void enterQueueRead() {
        client.guard().enter();
        CallbackScope.enter(client);
        try {
            client.pollIfIdle();
            deliverEofs();
            serveCommitsIfIdle();
        } catch (RuntimeException | Error e) {
            exitQueueRead();
            throw e;
        }
    }

    void exitQueueRead() {
        CallbackScope.exit();
        client.guard().exit();
    }

    // ---- partition EOF ------------------------------------------------------------

    void eofReached(TopicPartition partition, long offset) {
        if (options.partitionEofListener() != null) pendingEofs.add(new PendingEof(partition, offset));
    }

    private void deliverEofs() {
        PendingEof e;
        while ((e = pendingEofs.poll()) != null) {
            Consumer consumer = facade.get();
            if (consumer == null || client.isLeaked()) continue;
            PendingEof eof = e;
            client.callback("partition EOF listener",
                    () -> options.partitionEofListener().onPartitionEof(consumer, eof.partition(), eof.offset()));
        }
    }

    // ---- rebalancing ---------------------------------------------------------------

    /**
     * librdkafka's rebalance callback, or a REBALANCE event read from a queue: tell the
     * listener, then make the protocol's assignment change. A leaked consumer being closed
     * on the Cleaner thread makes the change without calling the listener.
     */
    void onRebalance(boolean assign, RdPartitionList list) {
        Set<TopicPartition> partitions = Collections.unmodifiableSet(list.read().keySet());
        boolean cooperative = "COOPERATIVE".equals(rd.rebalanceProtocol());
        Consumer consumer = facade.get();
        GroupLeave l = leave;
        boolean tell = consumer != null && !client.isLeaked() && (l == null || !l.abandoned());
        RebalanceListener listener = options.rebalanceListener();
        if (assign) {
            if (cooperative) rd.incrementalAssign(list);
            else rd.assign(list, "assign");
            if (tell) client.callback("rebalance listener", () -> listener.onPartitionsAssigned(consumer, partitions));
        } else {
            boolean lost = rd.assignmentLost();
            if (tell) {
                client.callback("rebalance listener", () -> {
                    if (lost) listener.onPartitionsLost(consumer, partitions);
                    else listener.onPartitionsRevoked(consumer, partitions);
                });
            }
            if (cooperative) rd.incrementalUnassign(list);
            else rd.assign(null, "unassign");
        }
    }

    // ---- offset commits -------------------------------------------------------------

    /** Starts an asynchronous commit whose outcome goes to {@code listener} when a poll (or close) serves it. */
    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitListener listener) {
        long id = pendingCommits.add(listener);
        try {
            rd.commitAsync(offsets, id);
        } catch (RuntimeException e) {
            pendingCommits.take(id);
            throw e;
        }
    }

    private void serveCommitsIfIdle() {
        if (!commitServing.tryLock()) return;
        try {
            RdConsumer.CommitResult r;
            while (!pendingCommits.isEmpty() && (r = rd.pollCommitResult(0)) != null) answer(r);
            serveCommitOutcomes();
        } finally {
            commitServing.unlock();
        }
    }

    private void answer(RdConsumer.CommitResult r) {
        OffsetCommitListener l = pendingCommits.take(r.opaque());
        if (l != null) report(l, r.error(), r.offsets());
    }

    private void report(OffsetCommitListener listener, int error, List<RdPartitionList.Entry> entries) {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        Map<TopicPartition, KafkaError> failed = new LinkedHashMap<>();
        int firstFailure = 0;
        for (RdPartitionList.Entry e : entries) {
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
        KafkaException f = failure;
        if (client.isLeaked()) return;
        client.callback("offset commit listener", () -> listener.onCommit(Collections.unmodifiableMap(offsets), f));
    }

    private void serveCommitOutcomes() {
        OffsetCommitListener all = options.offsetCommitListener();
        CommitOutcome o;
        while ((o = commitOutcomes.poll()) != null) {
            if (all != null) report(all, o.error(), o.offsets());
        }
    }

    /**
     * At close, after leaving the group (librdkafka waits for commits in flight there): serves
     * the commit results that arrived, waiting for stragglers at most until {@code deadline}.
     */
    private void serveCommitsAtClose(long deadline) {
        while (!pendingCommits.isEmpty()) {
            RdConsumer.CommitResult r = rd.pollCommitResult(Timeouts.remainingMillis(deadline, SLICE_MS));
            if (r != null) answer(r);
            else if (System.nanoTime() - deadline >= 0) break;
        }
        serveCommitOutcomes();
    }

    /** Once the client is gone: what the interceptor still reported, and a failure for commits never answered. */
    private void failUnansweredCommits() {
        serveCommitOutcomes();
        pendingCommits.failAll(l -> {
            if (!client.isLeaked()) {
                client.callback("offset commit listener", () -> l.onCommit(Map.of(), new KafkaException(KafkaError._DESTROY,
                        "offset commit not completed: the consumer was closed first")));
            }
        });
    }

    // ---- close ----------------------------------------------------------------------

    boolean isClosed() {
        return client.isClosed();
    }

    /**
     * Waits for calls in flight on other threads, leaves the group (revoking through the
     * listener) within the deadline, and destroys the client. Idempotent; a second caller
     * waits for the first. See {@link Consumer#close(Duration)} for what happens at the deadline.
     */
    void close(Duration timeout) {
        client.close(timeout, deadline -> {
            client.guard().awaitQuiescence(rd::wakeup); // a poll on another thread returns
            client.rd().closeDependents(); // queues: readiness off, forwarding undone, before consumer_close
            rd.destroyConsumerQueue(); // rdkafka.h: consumer-queue references are destroyed before rd_kafka_consumer_close
            GroupLeave leave = new GroupLeave(client.name(), rd::close, this::finishAbandonedClose);
            client.guard().admitCloseHelper(leave.thread()); // the listener called there may commit on revoke
            this.leave = leave;
            leave.start();
            OptionalInt left = leave.await(deadline);
            if (left.isEmpty()) {
                client.warn("{}: the consumer group was not left within close's {} (coordinator or cluster unreachable, "
                        + "or a commit or rebalance waiting for it); close returns now. librdkafka goes on leaving it in the "
                        + "background, bounded by its group timeouts (session.timeout.ms), without calling the listeners, "
                        + "then destroys the client (thread jrdkafka-close-{})", client.name(), timeout, client.name());
                failUnansweredCommits();
                return;
            }
            int rc = left.getAsInt();
            if (rc != 0) client.warn("{}: leaving the group ended with {}; destroying the client", client.name(), RdErrors.describe(rc));
            client.poll(0);
            serveCommitsAtClose(deadline);
            if (!awaitBatchesClosed(deadline)) {
                // Destroying now would hang in rd_kafka_destroy, freeing the messages would break
                // the views: leave the client alive (a leak, reported) rather than hang or crash.
                client.log().error("{}: {} RecordBatch(es) still open after {}; the client is left undestroyed. "
                        + "Close batches before closing the consumer.", client.name(), openBatches.size(), timeout);
                failUnansweredCommits();
                return;
            }
            // The group was left (or refused: a fatal error): rd_kafka_destroy must not try to
            // leave it again (after a fatal error that would hang). librdkafka may still wait
            // for requests in flight to time out: then the destruction finishes in the background.
            long until = Math.max(deadline, System.nanoTime()) + DESTROY_GRACE_NANOS;
            if (!client.destroyWithin(rd::destroyCommitQueue, true, until)) {
                client.warn("{}: librdkafka is still terminating the client after close's {}; close returns now and the "
                        + "client is destroyed in the background (thread jrdkafka-destroy-{})", client.name(), timeout, client.name());
            }
            failUnansweredCommits();
        });
    }

    /** On the leave's thread, once librdkafka left the group after close returned: destroys the client. */
    private void finishAbandonedClose(int rc) {
        if (rc != 0) client.warn("{}: leaving the group (in the background) ended with {}", client.name(), RdErrors.describe(rc));
        if (!openBatches.isEmpty()) {
            client.log().error("{}: {} RecordBatch(es) still open after close; the client is left undestroyed. "
                    + "Close batches before closing the consumer.", client.name(), openBatches.size());
            return;
        }
        try {
            client.destroy(rd::destroyCommitQueue, true);
        } catch (Throwable t) {
            client.warn("{}: destroying the client in the background failed: {}", client.name(), t);
        }
    }

    private boolean awaitBatchesClosed(long deadline) {
        while (!openBatches.isEmpty()) {
            if (System.nanoTime() - deadline > 0) return false;
            LockSupport.parkNanos(5_000_000);
        }
        return true;
    }
}
