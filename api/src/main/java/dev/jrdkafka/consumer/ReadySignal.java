package dev.jrdkafka.consumer;

import dev.jrdkafka.internal.rd.queue.RdQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The Java end of a queue's readiness callback. {@link #ready()} runs on a librdkafka thread
 * with the queue's mutex held (or on ours, in a yield): it only counts, unparks and notifies
 * listeners that do the same — no allocation-heavy work, no locks, no librdkafka calls, no
 * user code.
 */
final class ReadySignal implements RdQueue.ReadyTarget {
    private final AtomicLong seq = new AtomicLong();
    private final Set<Thread> waiters = ConcurrentHashMap.newKeySet();
    /** Non-blocking notifications (selectors, onReady threads). */
    final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void ready() {
        seq.incrementAndGet();
        for (Thread t : waiters) LockSupport.unpark(t);
        for (Runnable l : listeners) l.run();
    }

    long seq() {
        return seq.get();
    }

    /**
     * Parks until the signal moves past {@code seen} or {@code nanos} pass. Parking (not a
     * blocking native call) lets a virtual thread unmount from its carrier.
     */
    void await(long seen, long nanos) throws InterruptedException {
        if (nanos <= 0) return;
        Thread me = Thread.currentThread();
        waiters.add(me);
        try {
            long deadline = System.nanoTime() + nanos;
            while (seq.get() == seen) {
                if (Thread.interrupted()) throw new InterruptedException();
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waiters.remove(me);
        }
    }

    static long millisToNanos(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
