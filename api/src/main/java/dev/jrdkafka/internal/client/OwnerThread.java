package dev.jrdkafka.internal.client;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The single-owner rule of a client used from one thread at a time (kafka-clients'
 * consumer): a call from a second thread while one is in progress throws
 * {@link ConcurrentModificationException} instead of racing inside librdkafka. Re-entrant
 * (callbacks calling back in on the same thread). One CAS to acquire, one write to release.
 */
public final class OwnerThread {
    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private final String what;
    private int depth; // touched only by the owner

    public OwnerThread(String what) {
        this.what = what;
    }

    public void acquire() {
        Thread me = Thread.currentThread();
        Thread current = owner.get();
        if (current != me && !owner.compareAndSet(null, me)) {
            Thread other = owner.get();
            throw new ConcurrentModificationException(what + " is not safe for multi-threaded access: thread \""
                    + (other == null ? "?" : other.getName()) + "\" is using it while thread \"" + me.getName()
                    + "\" called it; use it from one thread at a time (wakeup() and close() may be called from any thread)");
        }
        depth++;
    }

    public void release() {
        if (--depth == 0) owner.set(null);
    }
}
