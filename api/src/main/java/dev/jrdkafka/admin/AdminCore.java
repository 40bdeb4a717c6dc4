package dev.jrdkafka.admin;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.internal.client.ClientCore;
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

    /** What a request does with its result event (on the Admin's thread), or with a failure before one came. */
    interface Completion {
        void complete(RdEvent result);

        void fail(KafkaException error);
    }

    final ClientCore client;
    final RdAdmin rd;
    private final Pending<Completion> pending = new Pending<>(0);
    private final Thread thread;
    private volatile boolean stop;

    AdminCore(Map<String, String> config, ClientListener listener) {
        this.client = new ClientCore(new ClientCore.Spec(Admin.class, RdClient.PRODUCER, config, listener, false, null, null));
        this.rd = new RdAdmin(client.rd());
        this.thread = Thread.ofPlatform().daemon().name("jrdkafka-admin-" + client.name()).unstarted(this::serve);
        thread.start();
    }

    /** Sends a request: {@code send} gets the id its result will carry. Refused after close. */
    void submit(Completion completion, LongConsumer send) {
        client.run(() -> {
            long id = pending.add(completion);
            try {
                send.accept(id);
            } catch (RuntimeException | Error e) {
                pending.take(id);
                throw e;
            }
        });
    }

    private void serve() {
        while (!stop) {
            try {
                client.poll(0);
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
     * fails what is still outstanding with _DESTROY, and destroys the client.
     */
    void close(Duration timeout) {
        client.close(timeout, deadline -> {
            while (!pending.isEmpty() && System.nanoTime() - deadline < 0) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            stop = true;
            rd.wakeup();
            joinThread();
            client.guard().awaitQuiescence(rd::wakeup);
            rd.destroy();
            client.destroy(() -> { });
            pending.failAll(c -> c.fail(new KafkaException(KafkaError._DESTROY,
                    "the Admin was closed before this call's result arrived")));
        });
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
