package dev.jrdkafka.consumer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The virtual thread behind {@link Queue#onReady}: waits for the queue's readiness, runs the action while there is work. */
final class OnReadyRunner implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Queue.class);
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Queue queue;
    private final Runnable action;
    private volatile boolean stopped;
    private volatile Thread thread;

    OnReadyRunner(Queue queue, Runnable action) {
        this.queue = queue;
        this.action = action;
    }

    void start(String name) {
        thread = Thread.ofVirtual().name(name).unstarted(this);
        thread.start();
    }

    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    @Override
    public void run() {
        while (!stopped) {
            boolean ready;
            try {
                ready = queue.awaitReady(System.nanoTime() + SLICE_NANOS, false);
            } catch (IllegalStateException closed) {
                return;
            } catch (InterruptedException e) {
                continue;
            }
            if (!ready || stopped) continue;
            try {
                action.run();
            } catch (Throwable t) {
                LOG.error("onReady action of {} threw; it stays registered", queue, t);
            }
        }
    }
}
