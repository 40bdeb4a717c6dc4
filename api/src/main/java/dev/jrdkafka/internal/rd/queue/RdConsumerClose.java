package dev.jrdkafka.internal.rd.queue;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.internal.rd.client.RdClient;
import java.lang.foreign.MemorySegment;

/**
 * Leaving a consumer group without blocking: {@code rd_kafka_consumer_close_queue} onto a
 * queue of ours, which the closing thread serves ({@link #poll}) until {@link #closed()} or
 * its own deadline, then releases ({@link #destroy()}). The close's rebalance events
 * (revocation) arrive there as REBALANCE events; its TERMINATE reply yields nothing. (The
 * blocking {@code rd_kafka_consumer_close} has no bound but librdkafka's group timeouts.)
 * Destroy the client with {@code RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE} afterwards: an earlier
 * version that stopped at {@code rd_kafka_consumer_closed()} and then called a plain
 * {@code rd_kafka_destroy} saw it hang for group members.
 */
public final class RdConsumerClose {
    private final MemorySegment rk;
    private MemorySegment queue;

    private RdConsumerClose(MemorySegment rk) {
        this.rk = rk;
        this.queue = rd_kafka_queue_new(rk);
    }

    /** The result of {@link #start}: the close in progress, or the error that refused it. */
    public record Started(RdConsumerClose close, int error) {}

    /**
     * Starts leaving the group. On refusal (the queue is released then) the error is
     * _FATAL after a fatal error, _DESTROY if the group was closed already, or librdkafka's code.
     */
    public static Started start(RdClient client) {
        RdConsumerClose c = new RdConsumerClose(client.rk());
        MemorySegment error = rd_kafka_consumer_close_queue(c.rk, c.queue);
        if (error.equals(MemorySegment.NULL)) return new Started(c, 0);
        try {
            return new Started(null, rd_kafka_error_is_fatal(error) != 0 ? RD_KAFKA_RESP_ERR__FATAL() : rd_kafka_error_code(error));
        } finally {
            rd_kafka_error_destroy(error);
            c.destroy(); // refused: nothing will be posted to it
        }
    }

    /** The next event of the close queue, waiting up to {@code timeoutMs}; null if none. */
    public RdEvent poll(int timeoutMs) {
        return RdEvent.owned(rd_kafka_queue_poll(queue, timeoutMs));
    }

    /** {@code rd_kafka_consumer_closed}: the group handler has terminated (the group was left, or given up). */
    public boolean closed() {
        return rd_kafka_consumer_closed(rk) != 0;
    }

    /**
     * Releases the queue: what is left on it is purged, and librdkafka's later posts to it are
     * dropped (it then makes a rebalance's assignment change itself). Before
     * {@code rd_kafka_destroy}. Idempotent.
     */
    public void destroy() {
        MemorySegment q = queue;
        queue = MemorySegment.NULL;
        if (!q.equals(MemorySegment.NULL)) rd_kafka_queue_destroy(q);
    }
}
