package dev.jrdkafka.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits on many {@link Queue}s — of one consumer or of many — from one thread, which may be
 * a virtual thread: {@link #select} parks (never blocks inside librdkafka) until at least one
 * registered queue has something to read, and returns those. Then read each with a
 * {@code Duration.ZERO} poll (or the consumer's {@code poll(Duration.ZERO)} for a consumer
 * queue).
 *
 * <pre>{@code
 * try (QueueSelector selector = QueueSelector.open()) {
 *     for (Consumer c : consumers) selector.register(c.consumerQueue());
 *     while (running) {
 *         for (Queue q : selector.select(Duration.ofSeconds(1))) {
 *             try (RecordBatch batch = q.pollBatch(500, Duration.ZERO)) {
 *                 for (RecordView r : batch) handle(r);
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * Readiness comes from each queue's librdkafka callback ({@code rd_kafka_queue_cb_event_enable})
 * plus a check of every queue's length at least every 100 ms. Register the queues that
 * records end up on (destinations, not queues forwarded elsewhere). A queue that closes is
 * dropped from the selector. {@link #select} is for one thread at a time; {@link #register},
 * {@link #unregister}, {@link #wakeup} and {@link #close} may be called from any thread.
 */
public final class QueueSelector implements AutoCloseable {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Map<Queue, Registration> registrations = new ConcurrentHashMap<>();
    private final AtomicLong wakes = new AtomicLong();
    private volatile Thread selecting;
    private volatile boolean wakeRequested;
    private volatile boolean closed;
    /** Runs in readiness callbacks: count and unpark only. */
    private final Runnable nudge = () -> {
        wakes.incrementAndGet();
        Thread t = selecting;
        if (t != null) LockSupport.unpark(t);
    };

    private static final class Registration {
        long seenSignal;
    }

    private QueueSelector() {}

    public static QueueSelector open() {
        return new QueueSelector();
    }

    /** Adds {@code queue} (idempotent); turns its readiness callback on. */
    public void register(Queue queue) {
        Objects.requireNonNull(queue, "queue");
        ensureOpen();
        if (queue.probe() < 0) throw new IllegalStateException("the queue is closed");
        Registration r = new Registration();
        r.seenSignal = queue.signal.seq();
        if (registrations.putIfAbsent(queue, r) == null) queue.signal.listeners.addIfAbsent(nudge);
        nudge.run();
    }

    /** Removes {@code queue}; a no-op if it is not registered. */
    public void unregister(Queue queue) {
        if (registrations.remove(queue) != null) queue.signal.listeners.remove(nudge);
    }

    /** The registered queues. */
    public Set<Queue> queues() {
        return Set.copyOf(registrations.keySet());
    }

    /**
     * The registered queues that have something to read (or were woken), waiting up to
     * {@code timeout} for one; empty on timeout or after {@link #wakeup()}.
     */
    public List<Queue> select(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) throw new IllegalArgumentException("timeout must be >= 0, got " + timeout);
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
        selecting = Thread.currentThread();
        try {
            while (true) {
                ensureOpen();
                long seenWakes = wakes.get();
                List<Queue> ready = scan();
                if (!ready.isEmpty()) return ready;
                if (wakeRequested) {
                    wakeRequested = false;
                    return List.of();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return List.of();
                long until = System.nanoTime() + Math.min(left, SLICE_NANOS);
                while (wakes.get() == seenWakes && !closed) {
                    if (Thread.interrupted()) throw new InterruptedException();
                    long park = until - System.nanoTime();
                    if (park <= 0) break;
                    LockSupport.parkNanos(this, park);
                }
            }
        } finally {
            selecting = null;
        }
    }

    /** {@link #select} without waiting. */
    public List<Queue> selectNow() {
        ensureOpen();
        return scan();
    }

    /** Makes a {@link #select} in progress (or the next one) return. */
    public void wakeup() {
        wakeRequested = true;
        nudge.run();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Unregisters every queue (the queues stay open). Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Queue q : List.copyOf(registrations.keySet())) unregister(q);
        nudge.run();
    }

    private List<Queue> scan() {
        List<Queue> ready = new ArrayList<>();
        for (Map.Entry<Queue, Registration> e : registrations.entrySet()) {
            Queue q = e.getKey();
            long signal = q.signal.seq();
            int state = q.probe();
            if (state < 0) {
                unregister(q);
                continue;
            }
            Registration r = e.getValue();
            if (state > 0 || signal != r.seenSignal) ready.add(q);
            r.seenSignal = signal;
        }
        return ready;
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("this QueueSelector is closed");
    }
}
