package dev.jrdkafka.queue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.internal.QueueAccess;
import dev.jrdkafka.internal.QueueHost;
import dev.jrdkafka.internal.rd.ClientGuard;
import dev.jrdkafka.internal.rd.MessageBatch;
import dev.jrdkafka.internal.rd.RdClient;
import dev.jrdkafka.internal.rd.RdEvents;
import dev.jrdkafka.internal.rd.RdMessages;
import dev.jrdkafka.internal.rd.RdQueue;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of librdkafka's queues ({@code rd_kafka_queue_t}) of a consumer: its consumer queue,
 * a partition's queue, or a queue of your own to forward others into. Get them from
 * {@link dev.jrdkafka.consumer.Consumer#consumerQueue()},
 * {@link dev.jrdkafka.consumer.Consumer#partitionQueue(TopicPartition)} and
 * {@link dev.jrdkafka.consumer.Consumer#newQueue()}; see the package documentation for the
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

    private static final Logger LOG = LoggerFactory.getLogger(Queue.class);
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int PARTITION_EOF = KafkaError._PARTITION_EOF.code();
    /** The queue whose read this thread is inside (rebalance listeners run there), to refuse closing it from there. */
    private static final ThreadLocal<Queue> READING = new ThreadLocal<>();

    static {
        QueueAccess.register(new QueueAccess.Impl() {
            @Override
            public Queue open(QueueHost host, RdQueue rd, RdQueue main, Kind kind, TopicPartition partition) {
                return new Queue(host, rd, main, kind, partition);
            }

            @Override
            public void commitInto(Queue results, QueueHost host, Map<TopicPartition, Long> offsets) {
                results.commitInto(host, offsets);
            }
        });
    }

    private final QueueHost host;
    private final RdQueue rd;
    private final RdQueue main; // CONSUMER: the client's main queue, whose events the consumer's polls serve
    private final Kind kind;
    private final TopicPartition partition;
    private final ClientGuard guard = new ClientGuard("Queue");
    final ReadySignal signal = new ReadySignal();
    private final RdClient.Dependent dependent = this::closeForClient;
    /** Lock for forwarding state across the queues of one client. */
    private final Object topology;
    private Queue forwardedTo; // guarded by topology
    private final Set<Queue> sources = new LinkedHashSet<>(); // guarded by topology
    private boolean eventOnly; // guarded by topology
    private boolean tornDown; // guarded by topology
    private boolean readinessOn; // guarded by topology
    private volatile boolean wakeRequested;
    private volatile OnReady onReady;
    private KafkaException pendingError; // a consume error met while filling a batch, thrown by the next poll

    private Queue(QueueHost host, RdQueue rd, RdQueue main, Kind kind, TopicPartition partition) {
        this.host = host;
        this.rd = rd;
        this.main = main;
        this.kind = kind;
        this.partition = partition;
        this.topology = host.client();
        // Take the partition's records off the consumer queue: from now on librdkafka keeps
        // them on this queue (also across re-assignments: the flag this sets is sticky).
        if (kind == Kind.PARTITION) rd.forward(null);
        host.client().adopt(dependent);
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
        enter();
        try {
            return rd.length();
        } finally {
            exit();
        }
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
        Objects.requireNonNull(destination, "destination");
        if (destination == this) throw new IllegalArgumentException("a queue cannot forward to itself");
        if (destination.host != host) {
            throw new IllegalArgumentException("librdkafka cannot forward a queue to another client's queue; "
                    + "wait on both with a QueueSelector instead");
        }
        enter();
        try {
            destination.guard.enter();
            try {
                synchronized (topology) {
                    if (eventOnly || destination.eventOnly) {
                        throw new IllegalStateException("a queue that receives offset-commit results cannot be forwarded "
                                + "or forwarded into: librdkafka's record reads cannot take those results");
                    }
                    for (Queue q = destination; q != null; q = q.forwardedTo) {
                        if (q == this) throw new IllegalArgumentException("forwarding " + this + " to " + destination + " makes a cycle");
                    }
                    if (forwardedTo != null) forwardedTo.sources.remove(this);
                    rd.forward(destination.rd);
                    forwardedTo = destination;
                    destination.sources.add(this);
                }
            } finally {
                destination.guard.exit();
            }
        } finally {
            exit();
        }
        signal.ready(); // waiters on this queue move on to the destination
    }

    /**
     * Stops forwarding this queue ({@code rd_kafka_queue_forward(q, NULL)}): the consumer
     * queue is read by {@code Consumer.poll} again; a partition queue keeps its records.
     */
    public void stopForwarding() {
        enter();
        try {
            synchronized (topology) {
                unforward();
            }
        } finally {
            exit();
        }
        signal.ready();
    }

    /** The queue this one forwards to, or null. */
    public Queue forwardedTo() {
        synchronized (topology) {
            return forwardedTo;
        }
    }

    private void unforward() {
        if (forwardedTo == null) return;
        rd.forward(null);
        forwardedTo.sources.remove(this);
        forwardedTo = null;
    }

    // ---- reading ------------------------------------------------------------------

    /**
     * Up to {@code maxRecords} records, waiting up to {@code timeout} for the first (parked,
     * not blocked in librdkafka). Close the batch when done. A consume error is thrown as a
     * {@link KafkaException} (after the records before it); partition EOF is skipped. If the
     * thread is interrupted the batch comes back empty with the interrupt status kept.
     *
     * @throws IllegalStateException if closed, or the queue carries offset-commit results (use {@link #poll})
     */
    public RecordBatch pollBatch(int maxRecords, Duration timeout) {
        if (maxRecords < 1) throw new IllegalArgumentException("maxRecords must be >= 1, got " + maxRecords);
        long deadline = deadline(timeout);
        while (true) {
            Queue terminal;
            long seen;
            MessageBatch messages = null;
            RecordBatch batch = null;
            Object token = enterPoll();
            try {
                throwPending();
                synchronized (topology) {
                    if (eventOnly) {
                        throw new IllegalStateException("this queue carries offset-commit results: read it with poll()");
                    }
                    terminal = armedTerminal();
                    seen = terminal.signal.seq();
                }
                messages = host.takeBatch(maxRecords);
                rd.consumeBatch(0, messages, maxRecords);
                messages.removeFailed(onFailedMessage);
                // Registered with the consumer before leaving the guard, so its close waits for it.
                if (messages.size() > 0) batch = host.batch(messages);
            } catch (RuntimeException | Error e) {
                if (messages != null && batch == null) messages.release();
                throw e;
            } finally {
                exitPoll(token);
            }
            if (batch != null) return batch;
            messages.release();
            throwPending();
            if (!awaitMore(terminal, seen, deadline)) return host.batch(host.takeBatch(1));
        }
    }

    /**
     * The next event, or null if none came within {@code timeout} (parked, not blocked in
     * librdkafka). Records come as {@link EventType#FETCH} events (copied) and consume
     * errors, including partition EOF, as {@link EventType#ERROR} events; rebalances are
     * handled, never returned. If the thread is interrupted, null is returned with the
     * interrupt status kept.
     */
    public Event poll(Duration timeout) {
        long deadline = deadline(timeout);
        while (true) {
            Queue terminal;
            long seen;
            Object token = enterPoll();
            try {
                synchronized (topology) {
                    terminal = armedTerminal();
                    seen = terminal.signal.seq();
                }
                while (true) {
                    MemorySegment ev = rd.pollEvent(0);
                    if (ev.equals(MemorySegment.NULL)) break;
                    try {
                        Event e = Events.read(ev, host);
                        if (e != null) return e;
                    } finally {
                        RdEvents.destroy(ev);
                    }
                }
            } finally {
                exitPoll(token);
            }
            if (!awaitMore(terminal, seen, deadline)) return null;
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
        long deadline = deadline(timeout);
        while (true) {
            Queue terminal;
            long seen;
            enter();
            try {
                synchronized (topology) {
                    terminal = armedTerminal();
                    seen = terminal.signal.seq();
                    if (terminal.hasWork()) return true;
                }
            } finally {
                exit();
            }
            if (wakeRequested) {
                wakeRequested = false;
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            terminal.signal.await(seen, Math.min(left, SLICE_NANOS));
            if (isClosed()) throw guard.closed();
            if (terminal.signal.seq() != seen) return true;
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
        enter();
        exit();
        OnReady old = onReady;
        if (old != null) old.stop();
        if (action == null) {
            onReady = null;
            return;
        }
        OnReady r = new OnReady(action);
        onReady = r;
        r.thread = Thread.ofVirtual().name("jrdkafka-onready-" + this).unstarted(r);
        r.thread.start();
        if (isClosed()) r.stop();
    }

    /**
     * Makes a wait in progress on this queue (or the next one) return early: {@link #awaitReady}
     * true, {@link #poll} null, {@link #pollBatch} empty.
     */
    public void wakeup() {
        wakeRequested = true;
        signal.ready();
        Queue t;
        synchronized (topology) {
            t = terminal();
        }
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
        if (READING.get() == this) {
            throw new IllegalStateException("close() was called from inside a read of this queue (a rebalance listener); "
                    + "close it after the read returns");
        }
        if (!guard.beginClose()) return;
        try {
            guard.awaitQuiescence(signal::ready); // readers never block in librdkafka: they leave quickly
            boolean entered;
            try {
                host.enter();
                entered = true;
            } catch (IllegalStateException consumerClosing) {
                entered = false; // the consumer's close tears this queue down (RdClient.closeDependents)
            }
            if (entered) {
                try {
                    teardown();
                } finally {
                    host.exit();
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
        synchronized (topology) {
            if (tornDown) return;
            tornDown = true;
            OnReady r = onReady;
            if (r != null) r.stop();
            for (Queue s : List.copyOf(sources)) {
                s.unforward();
                s.signal.ready();
            }
            unforward();
            if (kind == Kind.PARTITION || (kind == Kind.CUSTOM && !eventOnly)) {
                // Back to where librdkafka would have put them: rd_kafka_queue_forward moves what
                // is queued here too. Destroying a queue purges it, and a purged rebalance event
                // is never answered: the group would wait for the assign call for ever (and
                // rd_kafka_consumer_close with it); purged records would be skipped silently.
                RdQueue consumerQueue = host.consumerQueueRef();
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
        }
        host.client().release(dependent);
        host.closed(this);
        signal.ready(); // waiters find it closed
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONSUMER -> host.client().name() + "/consumer";
            case PARTITION -> host.client().name() + "/" + partition;
            case CUSTOM -> host.client().name() + "/queue@" + Integer.toHexString(System.identityHashCode(this));
        };
    }

    // ---- internals -----------------------------------------------------------------

    private void commitInto(QueueHost committer, Map<TopicPartition, Long> offsets) {
        if (committer != host) throw new IllegalArgumentException("the results queue belongs to another client");
        if (kind != Kind.CUSTOM) {
            throw new IllegalArgumentException("offset-commit results need a queue of your own (Consumer.newQueue()): "
                    + "librdkafka's record reads of the " + kind + " queue cannot take them");
        }
        enter();
        try {
            synchronized (topology) {
                if (forwardedTo != null || !sources.isEmpty()) {
                    throw new IllegalStateException("a queue for offset-commit results must neither forward nor be forwarded into");
                }
                eventOnly = true;
            }
            rd.commitInto(offsets);
        } finally {
            exit();
        }
    }

    /** Where this queue's ops really land (caller holds topology). */
    private Queue terminal() {
        Queue q = this;
        while (q.forwardedTo != null) q = q.forwardedTo;
        return q;
    }

    /**
     * The terminal queue with its readiness callback on (caller holds topology and has
     * entered this queue; the terminal cannot be torn down while topology is held).
     */
    private Queue armedTerminal() {
        Queue q = terminal();
        q.ensureReadiness();
        return q;
    }

    /** Turns the readiness callback on (once; caller holds topology and has entered). */
    private void ensureReadiness() {
        if (readinessOn || tornDown) return;
        rd.readiness(signal);
        if (main != null) main.readiness(signal);
        readinessOn = true;
    }

    /** Whether a read would find something (caller has entered it, or holds topology for a terminal). */
    private boolean hasWork() {
        if (tornDown) return false;
        return rd.length() > 0 || (main != null && main.length() > 0);
    }

    /** 1 ready, 0 not, -1 closed: for selectors. */
    int probe() {
        try {
            enter();
        } catch (IllegalStateException closed) {
            return -1;
        }
        try {
            synchronized (topology) {
                ensureReadiness();
                return hasWork() ? 1 : 0;
            }
        } finally {
            exit();
        }
    }

    /** Parks for more; false when the caller should return empty-handed. */
    private boolean awaitMore(Queue terminal, long seen, long deadline) {
        if (wakeRequested) {
            wakeRequested = false;
            return false;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        try {
            terminal.signal.await(seen, Math.min(left, SLICE_NANOS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** Partition EOF is skipped; the first other error is thrown by the next poll, after the records before it. */
    private final MessageBatch.FailureHandler onFailedMessage = (m, err) -> {
        if (err != PARTITION_EOF && pendingError == null) pendingError = RdMessages.consumeError(RdMessages.view(m), err);
    };

    private void throwPending() {
        KafkaException e = pendingError;
        if (e != null) {
            pendingError = null;
            throw e;
        }
    }

    /** Copies a native event; a REBALANCE is handled here and yields null. */

    private static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) throw new IllegalArgumentException("timeout must be >= 0, got " + timeout);
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE / 4;
        }
        return System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
    }

    private void enter() {
        guard.enter();
        try {
            host.enter();
        } catch (IllegalStateException clientClosed) {
            guard.exit();
            throw new IllegalStateException("the consumer of this queue is closed", clientClosed);
        }
    }

    private void exit() {
        host.exit();
        guard.exit();
    }

    private Object enterPoll() {
        guard.enter();
        try {
            Object token = host.enterPoll();
            Queue outer = READING.get();
            READING.set(this);
            return new Object[] {token, outer};
        } catch (IllegalStateException clientClosed) {
            guard.exit();
            throw new IllegalStateException("the consumer of this queue is closed", clientClosed);
        } catch (RuntimeException | Error e) {
            guard.exit();
            throw e;
        }
    }

    private void exitPoll(Object token) {
        Object[] t = (Object[]) token;
        READING.set((Queue) t[1]);
        host.exitPoll(t[0]);
        guard.exit();
    }

    /** The virtual thread behind {@link #onReady}: parks on the queue's signal, runs the action while there is work. */
    private final class OnReady implements Runnable {
        private final Runnable action;
        private volatile boolean stopped;
        volatile Thread thread;

        OnReady(Runnable action) {
            this.action = action;
        }

        void stop() {
            stopped = true;
            Thread t = thread;
            if (t != null) LockSupport.unpark(t);
        }

        @Override
        public void run() {
            while (!stopped) {
                Queue terminal;
                long seen;
                boolean work;
                try {
                    enter();
                    try {
                        synchronized (topology) {
                            terminal = armedTerminal();
                            seen = terminal.signal.seq();
                            work = terminal.hasWork();
                        }
                    } finally {
                        exit();
                    }
                } catch (IllegalStateException closed) {
                    return;
                }
                if (stopped) return;
                if (work) {
                    try {
                        action.run();
                    } catch (Throwable t) {
                        LOG.error("onReady action of {} threw; it stays registered", Queue.this, t);
                    }
                    continue;
                }
                try {
                    terminal.signal.await(seen, SLICE_NANOS);
                } catch (InterruptedException e) {
                    if (stopped) return;
                }
            }
        }
    }
}
