package dev.jrdkafka.consumer;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.internal.client.ClientGuard;
import dev.jrdkafka.internal.client.Timeouts;
import dev.jrdkafka.internal.rd.client.RdClient;
import dev.jrdkafka.internal.rd.consume.MessageBatch;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import dev.jrdkafka.internal.rd.queue.RdQueue;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One of librdkafka's queues ({@code rd_kafka_queue_t}) of a consumer: its consumer queue,
 * a partition's queue, or a queue of your own to forward others into. Get them from
 * {@link Consumer#consumerQueue()},
 * {@link Consumer#partitionQueue(TopicPartition)} and
 * {@link Consumer#newQueue()}; see the package documentation for the
 * rules librdkafka sets and for virtual threads.
 *
 * <p><b>Reading.</b> {@link #pollBatch} returns records as a zero-copy {@link RecordBatch}
 * (consume errors are thrown, as by {@code Consumer.pollBatch}); {@link #poll} returns one
 * {@link Event} of any type (records, errors, offset-commit results...). Neither ever waits
 * inside librdkafka: they take what is there without blocking and, if nothing is, park the
 * calling thread until the queue's readiness callback fires, so a virtual thread unmounts
 * instead of pinning its carrier. Rebalances met on the way are handled as in
 * {@code Consumer.poll} (the {@code RebalanceListener} runs on the reading thread), and the
 * client's own events (logs, errors, statistics) are served to its {@code ClientListener}.
 *
 * <p><b>Waiting.</b> {@link #awaitReady}, {@link #onReady} and {@link QueueSelector} are
 * driven by {@code rd_kafka_queue_cb_event_enable}: librdkafka calls back (on its own
 * thread) when something lands on the empty queue; jrdkafka's callback only records that and
 * unparks waiters. Every wait is also re-checked at least every 100 ms, so no wake-up can be
 * lost for longer than that.
 *
 * <p><b>Lifetime.</b> A queue is closed by {@link #close()} (idempotent, from any thread,
 * also from its own {@link #onReady} action) or by closing its consumer, which closes its
 * queues first. Closing undoes what the queue changed: queues forwarded into it stop
 * forwarding, a partition queue is forwarded back to the consumer queue, a consumer queue
 * stops forwarding. A closed queue, or one whose consumer is closed, throws
 * {@link IllegalStateException} from every method but {@link #close()}, {@link #isClosed()},
 * {@link #kind()} and {@link #partition()}. Thread-safe, but a {@link RecordBatch} must be
 * closed on the thread that polled it.
 */
public final class Queue implements AutoCloseable {
    /** Which librdkafka queue this is. */
    public enum Kind {
        /** The consumer queue ({@code rd_kafka_queue_get_consumer}): what {@code Consumer.poll} reads. */
        CONSUMER,
        /** One partition's queue ({@code rd_kafka_queue_get_partition}), taken off the consumer queue. */
        PARTITION,
        /** A queue of the application's own ({@code rd_kafka_queue_new}). */
        CUSTOM
    }

    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ConsumerQueues owner;
    final RdQueue rd;
    private final RdQueue main; // CONSUMER: the client's main queue, whose events the consumer's polls serve
    private final Kind kind;
    private final TopicPartition partition;
    private final ClientGuard guard = new ClientGuard("Queue");
    final ReadySignal signal = new ReadySignal();
    private final RdClient.Dependent dependent = this::closeForClient;
    private final FailedMessages failures;
    private volatile boolean wakeRequested;
    private volatile OnReadyRunner onReady;

    Queue(ConsumerQueues owner, RdQueue rd, RdQueue main, Kind kind, TopicPartition partition) {
        this.owner = owner;
        this.rd = rd;
        this.main = main;
        this.kind = kind;
        this.partition = partition;
        this.failures = new FailedMessages(owner.core());
        // Take the partition's records off the consumer queue: from now on librdkafka keeps
        // them on this queue (also across re-assignments: the flag this sets is sticky).
        if (kind == Kind.PARTITION) rd.forward(null);
        owner.core().client.rd().adopt(dependent);
    }

    public Kind kind() {
        return kind;
    }

    /** For a {@link Kind#PARTITION} queue its partition, else null. */
    public TopicPartition partition() {
        return partition;
    }

    /** Whether this queue is closed (by {@link #close()} or with its consumer). */
    public boolean isClosed() {
        return guard.isClosing();
    }

    /**
     * What waits on the queue ({@code rd_kafka_queue_length}): records, errors and other
     * ops, counted at the end of its forwarding (a forwarded queue reports its destination's).
     */
    public long length() {
        return entered(rd::length);
    }

    // ---- forwarding ---------------------------------------------------------------

    /**
     * Routes everything that lands on this queue, and what is on it now, to {@code destination}
     * ({@code rd_kafka_queue_forward}); reading this queue then reads the destination.
     * Both must belong to the same consumer (librdkafka does not forward between clients: use
     * a {@link QueueSelector} to wait on several). Forwarding the consumer queue also moves
     * rebalances and consume errors; {@code Consumer.poll} then reads the destination.
     *
     * <p>librdkafka drops a partition queue's forwarding when the partition stops being
     * fetched (unassigned or revoked); forward it again after it is assigned again.
     *
     * @throws IllegalArgumentException for another client's queue, this queue, or a cycle
     * @throws IllegalStateException    if either queue is closed, or carries offset-commit results
     */
    public void forwardTo(Queue destination) {
        requireOpen();
        Objects.requireNonNull(destination, "destination");
        if (destination == this) throw new IllegalArgumentException("a queue cannot forward to itself");
        if (destination.owner != owner) {
            throw new IllegalArgumentException("librdkafka cannot forward a queue to another client's queue; "
                    + "wait on both with a QueueSelector instead");
        }
        entered(() -> destination.entered(() -> {
            owner.topology.forward(this, destination);
            return null;
        }));
        signal.ready(); // waiters on this queue move on to the destination
    }

    /**
     * Stops forwarding this queue ({@code rd_kafka_queue_forward(q, NULL)}): the consumer
     * queue is read by {@code Consumer.poll} again; a partition queue keeps its records.
     */
    public void stopForwarding() {
        entered(() -> {
            owner.topology.unforward(this);
            return null;
        });
        signal.ready();
    }

    /** The queue this one forwards to, or null. */
    public Queue forwardedTo() {
        requireOpen();
        return owner.topology.forwardedTo(this);
    }

    // ---- reading ------------------------------------------------------------------

    /**
     * Up to {@code maxRecords} records, waiting up to {@code timeout} for the first (parked,
     * not blocked in librdkafka), at most 65,536 per batch. Close the batch when done. A consume error is thrown as a
     * {@link dev.jrdkafka.KafkaException} (after the records before it); partition EOF goes to
     * the consumer's {@link PartitionEofListener}. If the thread is interrupted the batch
     * comes back empty with the interrupt status kept.
     *
     * @throws IllegalStateException if closed, or the queue carries offset-commit results (use {@link #poll})
     */
    public RecordBatch pollBatch(int maxRecords, Duration timeout) {
        requireOpen();
        if (maxRecords < 1) throw new IllegalArgumentException("maxRecords must be >= 1, got " + maxRecords);
        RecordBatch batch = readLoop(timeout, () -> {
            failures.throwPending();
            if (owner.topology.isEventOnly(this)) {
                throw new IllegalStateException("this queue carries offset-commit results: read it with poll()");
            }
            MessageBatch messages = owner.core().takeBatch(maxRecords);
            try {
                rd.consumeBatch(0, messages, maxRecords);
                messages.removeFailed(failures);
            } catch (RuntimeException | Error e) {
                messages.release();
                throw e;
            }
            // Registered with the consumer before leaving the read, so its close waits for it.
            if (messages.size() > 0) return owner.core().track(messages);
            messages.release();
            failures.throwPending();
            return null;
        });
        return batch != null ? batch : entered(() -> owner.core().track(owner.core().takeBatch(1)));
    }

    /**
     * The next event, or null if none came within {@code timeout} (parked, not blocked in
     * librdkafka). Records come as {@link EventType#FETCH} events (copied) and consume
     * errors, including partition EOF (also told to the {@link PartitionEofListener}), as
     * {@link EventType#ERROR} events; rebalances are handled, never returned. If the thread
     * is interrupted, null is returned with the interrupt status kept.
     */
    public Event poll(Duration timeout) {
        requireOpen();
        return readLoop(timeout, () -> {
            while (true) {
                try (RdEvent ev = rd.pollEvent(0)) {
                    if (ev == null) return null;
                    Event e = Events.read(ev, owner.core());
                    if (e != null) return e;
                }
            }
        });
    }

    /**
     * The one read-and-park loop: reads what is there without waiting in librdkafka; if
     * nothing is, parks until the queue's terminal signals, the deadline passes or a wakeup.
     * Returns null when it gave up.
     */
    private <T> T readLoop(Duration timeout, Supplier<T> attempt) {
        long deadline = Timeouts.deadline(timeout, "timeout");
        while (true) {
            QueueTopology.Armed armed;
            T got;
            enterRead();
            try {
                armed = owner.topology.arm(this);
                got = attempt.get();
            } finally {
                exitRead();
            }
            if (got != null) return got;
            if (wakeRequested) {
                wakeRequested = false;
                return null;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            try {
                armed.terminal().signal.await(armed.seen(), Math.min(left, SLICE_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /**
     * Waits until the queue has something to read, or was woken ({@link #wakeup()}), or
     * {@code timeout} passed. The consumer queue also counts the client's own events (they
     * are served by the consumer's polls). Parks the thread: a virtual thread unmounts.
     * A forwarded queue waits on its destination.
     *
     * @return true if ready (possibly spuriously: then a poll finds nothing), false on timeout
     * @throws IllegalStateException if the queue is or gets closed
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        requireOpen();
        return awaitReady(Timeouts.deadline(timeout, "timeout"), true);
    }

    /** {@link #awaitReady(Duration)} to a deadline; {@code userWait}: a {@link #wakeup()} ends it. */
    boolean awaitReady(long deadline, boolean userWait) throws InterruptedException {
        while (true) {
            QueueTopology.Armed armed = entered(() -> owner.topology.arm(this));
            if (owner.topology.hasWork(armed.terminal())) return true;
            if (userWait && wakeRequested) {
                wakeRequested = false;
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            armed.terminal().signal.await(armed.seen(), Math.min(left, SLICE_NANOS));
            if (isClosed()) throw guard.closed();
            if (armed.terminal().signal.seq() != armed.seen()) return true;
        }
    }

    /**
     * Runs {@code action} whenever this queue has something to read: on a virtual thread of
     * jrdkafka's ("jrdkafka-onready-..."), never on a librdkafka thread, never concurrently
     * with itself, and again as long as something is left after it returns — so it should
     * drain the queue with {@code Duration.ZERO} polls (a long timeout would hold it). The
     * action may close the queue, or the consumer (outside a read's callbacks). Exceptions
     * are logged. Replaces the previous action; null removes it. Stops when the queue closes.
     */
    public void onReady(Runnable action) {
        entered(() -> null);
        OnReadyRunner old = onReady;
        if (old != null) old.stop();
        if (action == null) {
            onReady = null;
            return;
        }
        OnReadyRunner r = new OnReadyRunner(this, action);
        onReady = r;
        r.start("jrdkafka-onready-" + this);
        if (isClosed()) r.stop();
    }

    /**
     * Makes a wait in progress on this queue (or the next one) return early: {@link #awaitReady}
     * true, {@link #poll} null, {@link #pollBatch} empty.
     *
     * @throws IllegalStateException if the queue is closed (a wait on it has ended anyway)
     */
    public void wakeup() {
        requireOpen();
        wakeRequested = true;
        signal.ready();
        Queue t = owner.topology.terminalOf(this);
        if (t != this) t.signal.ready();
    }

    // ---- lifecycle -----------------------------------------------------------------

    /**
     * Closes the queue: readiness callback off, forwarding undone (see the class
     * documentation), the reference released. What a {@link Kind#CUSTOM} queue still holds is
     * dropped ({@code rd_kafka_queue_destroy} purges an owned queue); a partition queue's
     * records move back to the consumer queue. Idempotent; safe from any thread and from
     * this queue's {@link #onReady} action.
     */
    @Override
    public void close() {
        if (dev.jrdkafka.internal.client.CallbackScope.isInside(this)) {
            throw new IllegalStateException("close() was called from inside a read of this queue (a rebalance listener); "
                    + "close it after the read returns");
        }
        if (!guard.beginClose()) return;
        try {
            guard.awaitQuiescence(signal::ready); // readers never block in librdkafka: they leave quickly
            boolean entered;
            try {
                owner.core().client.guard().enter();
                entered = true;
            } catch (IllegalStateException consumerClosing) {
                entered = false; // the consumer's close tears this queue down (RdClient.closeDependents)
            }
            if (entered) {
                try {
                    teardown();
                } finally {
                    owner.core().client.guard().exit();
                }
            }
        } finally {
            guard.endClose();
        }
    }

    /** The consumer is closing (no call of it in flight): tear down now. */
    private void closeForClient() {
        boolean began = guard.beginClose();
        try {
            teardown();
        } finally {
            // Not even the closing thread may use it now (a rebalance listener running inside
            // the consumer's close would otherwise reach the destroyed rd_kafka_queue_t).
            if (began) guard.endClose();
        }
    }

    private void teardown() {
        OnReadyRunner r = onReady;
        if (r != null) r.stop();
        boolean done = owner.topology.teardown(this, () -> {
            if (kind == Kind.PARTITION || (kind == Kind.CUSTOM && !owner.topology.isEventOnly(this))) {
                // Back to where librdkafka would have put them: rd_kafka_queue_forward moves what
                // is queued here too. Destroying a queue purges it, and a purged rebalance event
                // is never answered: the group would wait for the assign call for ever (and
                // rd_kafka_consumer_close with it); purged records would be skipped silently.
                RdQueue consumerQueue = RdQueue.consumer(owner.core().client.rd());
                if (consumerQueue != null) {
                    try {
                        rd.forward(consumerQueue);
                    } finally {
                        consumerQueue.destroy();
                    }
                }
            }
            rd.destroy(); // readiness callback off first
            if (main != null) main.destroy();
        });
        if (!done) return;
        owner.core().client.rd().release(dependent);
        owner.closed(this);
        signal.ready(); // waiters find it closed
    }

    @Override
    public String toString() {
        String client = owner.core().client.name();
        return switch (kind) {
            case CONSUMER -> client + "/consumer";
            case PARTITION -> client + "/" + partition;
            case CUSTOM -> client + "/queue@" + Integer.toHexString(System.identityHashCode(this));
        };
    }

    // ---- for the consumer's queues, the topology and selectors ----------------------------

    void commitInto(java.util.Map<TopicPartition, dev.jrdkafka.OffsetAndMetadata> offsets, ConsumerQueues committer) {
        requireOpen();
        if (committer != owner) throw new IllegalArgumentException("the results queue belongs to another client");
        if (kind != Kind.CUSTOM) {
            throw new IllegalArgumentException("offset-commit results need a queue of your own (Consumer.newQueue()): "
                    + "librdkafka's record reads of the " + kind + " queue cannot take them");
        }
        entered(() -> {
            owner.topology.markEventOnly(this);
            rd.commitInto(offsets);
            return null;
        });
    }

    /** Readiness on (the topology calls this once, holding its lock). */
    void enableReadiness() {
        rd.readiness(signal);
        if (main != null) main.readiness(signal);
    }

    /** Whether something is queued here (or on the main queue, for the consumer queue). */
    boolean hasQueued() {
        return rd.length() > 0 || (main != null && main.length() > 0);
    }

    /** 1 ready, 0 not, -1 closed: for selectors. */
    int probe() {
        try {
            return entered(() -> owner.topology.probe(this));
        } catch (IllegalStateException closed) {
            return -1;
        }
    }

    /**
     * The closed state is reported before any argument complaint (as documented: every
     * method of a closed queue throws IllegalStateException); the calls that go on enter the
     * guards, which check again.
     */
    private void requireOpen() {
        if (guard.isClosing()) throw guard.closed();
        if (owner.core().client.isClosed()) throw new IllegalStateException("the consumer of this queue is closed");
    }

    /** Runs {@code call} with this queue and its consumer entered (both refuse once closing). */
    private <T> T entered(Supplier<T> call) {
        guard.enter();
        try {
            owner.core().client.guard().enter();
        } catch (IllegalStateException clientClosed) {
            guard.exit();
            throw new IllegalStateException("the consumer of this queue is closed", clientClosed);
        }
        try {
            return call.get();
        } finally {
            owner.core().client.guard().exit();
            guard.exit();
        }
    }

    /** Enters a read: as a poll of the consumer (rebalances run here), marked as inside this queue. */
    private void enterRead() {
        guard.enter();
        try {
            owner.core().enterQueueRead();
        } catch (IllegalStateException clientClosed) {
            guard.exit();
            throw new IllegalStateException("the consumer of this queue is closed", clientClosed);
        } catch (RuntimeException | Error e) {
            guard.exit();
            throw e;
        }
        dev.jrdkafka.internal.client.CallbackScope.enter(this);
    }

    private void exitRead() {
        dev.jrdkafka.internal.client.CallbackScope.exit();
        owner.core().exitQueueRead();
        guard.exit();
    }
}
