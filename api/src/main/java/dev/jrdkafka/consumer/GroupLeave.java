package dev.jrdkafka.consumer;

import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * Leaving the consumer group at close, bounded for the thread that closes.
 *
 * <p>librdkafka's own {@code rd_kafka_consumer_close} runs on a thread of its own
 * ({@code jrdkafka-close-<name>}); it serves the close's rebalance (the revocation calls the
 * rebalance callback there) until librdkafka's TERMINATE reply. The closing thread waits for
 * it until its deadline. If it is not done by then, the leave is <em>abandoned</em>: the
 * closing thread returns, and the leave's thread finishes on its own — librdkafka bounds it
 * by its group timeouts — then runs {@code afterAbandoned} (which destroys the client).
 *
 * <p>Why not stop the leave at the deadline: interrupting librdkafka's group termination
 * from outside (serving {@code rd_kafka_consumer_close_queue} and destroying with
 * {@code RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE} while it was still terminating) aborted the
 * JVM in {@code rd_kafka_cgrp_terminated} ("!rd_kafka_assignment_in_progress"). The blocking
 * close is the path librdkafka itself tests; only the wait for it is bounded here.
 */
final class GroupLeave {
    private static final int RUNNING = 0;
    private static final int LEFT = 1;
    private static final int ABANDONED = 2;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile int result;

    /**
     * Prepares the leave: {@code close} returns librdkafka's result code; {@code afterAbandoned}
     * runs on the leave's thread with that code if the closing thread stopped waiting first.
     */
    GroupLeave(String clientName, IntSupplier close, IntConsumer afterAbandoned) {
        this.thread = Thread.ofPlatform().daemon().name("jrdkafka-close-" + clientName).unstarted(() -> {
            int rc = close.getAsInt();
            result = rc;
            boolean left = state.compareAndSet(RUNNING, LEFT); // before counting down: a waiter seeing 0 finds LEFT
            done.countDown();
            if (!left) afterAbandoned.accept(rc);
        });
    }

    Thread thread() {
        return thread;
    }

    void start() {
        thread.start();
    }

    /**
     * Waits for the leave until {@code deadline} ({@link System#nanoTime()} scale; an interrupt
     * does not cut it short, it is kept). Returns librdkafka's result, or empty if the leave was
     * abandoned: then it goes on in the background and this thread must not touch the client.
     */
    OptionalInt await(long deadline) {
        boolean interrupted = false;
        try {
            while (done.getCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                try {
                    done.await(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
        if (state.compareAndSet(RUNNING, ABANDONED)) return OptionalInt.empty();
        awaitUninterruptibly(); // LEFT: the result is set, the latch opens right after
        return OptionalInt.of(result);
    }

    private void awaitUninterruptibly() {
        boolean interrupted = false;
        while (done.getCount() > 0) {
            try {
                done.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Whether the closing thread stopped waiting: listeners are not called any more. */
    boolean abandoned() {
        return state.get() == ABANDONED;
    }
}
