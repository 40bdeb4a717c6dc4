package dev.jrdkafka.admin;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.internal.client.ClientCore;
import dev.jrdkafka.internal.client.ClientGuard;
import dev.jrdkafka.internal.client.Pending;
import dev.jrdkafka.internal.rd.admin.RdAdmin;
import dev.jrdkafka.internal.rd.client.RdClient;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The Admin's own part, over the {@link ClientCore} every client kind shares: requests go out
 * with an id, their results arrive on {@link RdAdmin}'s queue, and one thread of the Admin's
 * ("jrdkafka-admin-...") takes each result, turns it into Java values while the event is
 * alive and completes the call's futures. It also serves the client's own events (logs,
 * errors, statistics). No request has a thread of its own; librdkafka never waits for Java.
 */
final class AdminCore {
    private static final int POLL_MS = 100;
    /**
     * For this long after an authentication failure, calls fail with it at once: librdkafka
     * reconnects with backoff and repeats an identical error only after 30 s, and new
     * credentials ({@code setSaslCredentials}) clear it.
     */
    private static final Duration AUTH_FAILURE_RELEVANT = Duration.ofSeconds(30);

    /** What a request does with its result event (on the Admin's thread), or with a failure before one came. */
    interface Completion {
        void complete(RdEvent result);

        void fail(KafkaException error);
    }

    final ClientCore client;
    final RdAdmin rd;
    /** Whether the client is the Admin's own (destroyed with it), or a Producer's or Consumer's it shares. */
    private final boolean owned;
    /** The Admin's own calls, apart from its client's (a shared client outlives the Admin). */
    private final ClientGuard guard = new ClientGuard("Admin");
    private final Pending<Completion> pending = new Pending<>(0);
    private final RdClient.Dependent dependent = this::closeForClient;
    private final Thread thread;
    private final Runnable authSubscription;
    private volatile boolean stop;
    private boolean tornDown; // guarded by this

    /** An Admin with a client of its own. */
    AdminCore(Map<String, String> config, dev.jrdkafka.security.SecuritySettings security, ClientListener listener) {
        this(new ClientCore(new ClientCore.Spec(Admin.class, RdClient.PRODUCER, config, listener, false, null, null, security)), true);
    }

    /**
     * An Admin over {@code client}'s handle: its own result queue and thread; the client's
     * events stay with the client's own polls. Closed before the client is destroyed.
     */
    AdminCore(ClientCore client, boolean owned) {
        this.client = client;
        this.owned = owned;
        this.rd = client.call(() -> new RdAdmin(client.rd()));
        if (!owned) client.rd().adopt(dependent);
        // Like kafka-clients' Admin: an authentication failure fails the calls waiting for a
        // broker at once, rather than at their timeout.
        this.authSubscription = client.onAuthenticationFailure(e -> pending.failAll(c -> c.fail(authFailure(e))));
        this.thread = Thread.ofPlatform().daemon().name("jrdkafka-admin-" + client.name()).unstarted(this::serve);
        thread.start();
    }

    /** Sends a request: {@code send} gets the id its result will carry. Refused after close. */
    void submit(Completion completion, LongConsumer send) {
        guard.enter();
        try {
            client.run(() -> {
                java.util.Optional<KafkaException> auth = client.recentAuthenticationFailure(AUTH_FAILURE_RELEVANT);
                if (auth.isPresent()) {
                    completion.fail(authFailure(auth.get()));
                    return;
                }
                long id = pending.add(completion);
                try {
                    send.accept(id);
                } catch (RuntimeException | Error e) {
                    pending.take(id);
                    throw e;
                }
            });
        } finally {
            guard.exit();
        }
    }

    boolean isClosed() {
        return guard.isClosing() || client.isClosed();
    }

    private void serve() {
        while (!stop) {
            try {
                if (owned) client.poll(0); // a shared client's events are its own polls' business
                try (RdEvent ev = rd.poll(POLL_MS)) {
                    if (ev == null) continue;
                    Completion c = pending.take(ev.opaque());
                    if (c == null) continue;
                    try {
                        c.complete(ev);
                    } catch (Throwable t) {
                        c.fail(new KafkaException(KafkaError._FAIL, "reading the result of " + ev.name() + " failed: " + t));
                        client.onCallbackFailure("admin result", t);
                    }
                }
            } catch (Throwable t) {
                client.log().error("admin thread of {} failed to serve a result", client.name(), t);
            }
        }
    }

    /**
     * Waits (up to the timeout) for the results of calls in flight, stops the Admin's thread,
     * fails what is still outstanding with _DESTROY; an Admin with its own client then
     * destroys it, a shared one leaves it to its owner.
     */
    void close(Duration timeout) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("close() was called on the Admin's own thread (from code chained on one of "
                    + "its futures); close it from another thread");
        }
        if (owned) {
            client.close(timeout, deadline -> {
                guard.beginClose();
                awaitPending(deadline);
                client.guard().awaitQuiescence(rd::wakeup);
                tearDown();
                client.destroy(() -> { });
                guard.endClose();
            });
            return;
        }
        long deadline = dev.jrdkafka.internal.client.Timeouts.deadline(timeout, "timeout");
        if (!guard.beginClose()) return;
        try {
            awaitPending(deadline);
            guard.awaitQuiescence(rd::wakeup);
            try {
                client.run(() -> {
                    tearDown();
                    client.rd().release(dependent);
                });
            } catch (IllegalStateException clientClosing) {
                // the client's close tears this Admin down (closeForClient)
            }
        } finally {
            guard.endClose();
        }
    }

    private static KafkaException authFailure(KafkaException e) {
        return new KafkaException(e.code(), "authentication failed, so the request cannot be sent: " + e.getMessage());
    }

    private void awaitPending(long deadline) {
        while (!pending.isEmpty() && System.nanoTime() - deadline < 0) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }

    /** The shared client is closing (no call of it in flight): this Admin goes first. */
    private void closeForClient() {
        guard.beginClose();
        tearDown();
    }

    /** Stops the thread, releases the result queue and fails what is left; once. */
    private synchronized void tearDown() {
        if (tornDown) return;
        tornDown = true;
        authSubscription.run(); // a shared client outlives this Admin
        stop = true;
        rd.wakeup();
        joinThread();
        rd.destroy();
        pending.failAll(c -> c.fail(new KafkaException(KafkaError._DESTROY,
                "the Admin was closed before this call's result arrived")));
    }

    private void joinThread() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
