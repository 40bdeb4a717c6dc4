package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.internal.rd.client.RdClient;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.lang.foreign.MemorySegment;

/**
 * The admin side of one client: requests go out with {@code rd_kafka_AdminOptions} carrying
 * the request's id as opaque, and every result comes back on one queue of this object's
 * ({@code rd_kafka_queue_new}), read by the Admin's own thread with {@link #poll}. So
 * librdkafka's threads never wait for Java and no request needs a thread of its own.
 * Requests of each kind are in the sibling classes ({@link RdTopicAdmin}...). Callers hold
 * the client's guard.
 */
public final class RdAdmin {
    private final MemorySegment rk;
    private final MemorySegment results;

    public RdAdmin(RdClient client) {
        this.rk = client.rk();
        this.results = rd_kafka_queue_new(rk);
    }

    MemorySegment rk() {
        return rk;
    }

    MemorySegment results() {
        return results;
    }

    /** Options for a request of kind {@code op} that will answer with {@code id}. */
    RdAdminOptions options(int op, RdAdminOptions.Spec spec, long id) {
        return RdAdminOptions.create(rk, op, spec, id);
    }

    /** The next result, waiting up to {@code timeoutMs}; null if none. Its {@link RdEvent#opaque()} is the request's id. */
    public RdEvent poll(int timeoutMs) {
        return RdEvent.owned(rd_kafka_queue_poll(results, timeoutMs));
    }

    /** Wakes a thread waiting in {@link #poll}. */
    public void wakeup() {
        rd_kafka_queue_yield(results);
    }

    /** Releases the result queue (what is still on it is dropped); before the client is destroyed. */
    public void destroy() {
        rd_kafka_queue_destroy(results);
    }
}
