package dev.jrdkafka.internal.client;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes close safe against concurrent use of a native handle. Every call that touches the
 * handle runs between {@link #enter()} and {@link #exit()}; {@link #beginClose()} stops new
 * entries, and {@link #awaitQuiescence(Runnable)} waits until the calls in flight have left,
 * so the handle is destroyed only when no thread can still be inside librdkafka with it.
 *
 * <p>One atomic word: bit 63 = closing, bits 0..62 = calls in flight. Entering costs one
 * CAS and leaving one decrement, with no lock and no allocation.
 */
public final class ClientGuard {
    private static final long CLOSING = Long.MIN_VALUE;
    private final AtomicLong state = new AtomicLong();
    private final String what;
    /** The thread running close(): it may still call in (e.g. a listener committing on revoke). */
    private volatile Thread closer;
    /** A thread close() hands part of its work to (the consumer's group leave): it may call in too. */
    private volatile Thread helper;

    public ClientGuard(String what) {
        this.what = what;
    }

    /** Admits one call, or throws {@link IllegalStateException} once closing has begun. */
    public void enter() {
        long s;
        do {
            s = state.get();
            if (s < 0 && !isClosingThread()) throw closed();
        } while (!state.compareAndSet(s, s + 1));
    }

    public void exit() {
        state.decrementAndGet();
    }

    /** Whether this thread is the one running close (which may still call in). */
    public boolean isClosingThread() {
        Thread t = Thread.currentThread();
        return closer == t || helper == t;
    }

    /**
     * Lets {@code thread} call in while closing, as the closing thread may: close runs part of
     * its work there (a listener called on it may use the client). Set before it starts.
     */
    public void admitCloseHelper(Thread thread) {
        helper = thread;
    }

    /** Whether closing has begun. */
    public boolean isClosing() {
        return state.get() < 0;
    }

    /** Starts closing; false if another thread already did. */
    public boolean beginClose() {
        long s;
        do {
            s = state.get();
            if (s < 0) return false;
        } while (!state.compareAndSet(s, s | CLOSING));
        closer = Thread.currentThread();
        return true;
    }

    /** Ends the closing thread's own access (call once the handle is destroyed). */
    public void endClose() {
        closer = null;
    }

    /** Waits until no call is in flight, running {@code wake} (e.g. a queue yield) while waiting. */
    public void awaitQuiescence(Runnable wake) {
        long parkNanos = 10_000;
        while ((state.get() & ~CLOSING) != 0) {
            wake.run();
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos * 2, 5_000_000);
        }
    }

    public IllegalStateException closed() {
        return new IllegalStateException("this " + what + " is closed");
    }
}
