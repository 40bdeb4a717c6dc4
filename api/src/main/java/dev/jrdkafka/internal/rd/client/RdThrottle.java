package dev.jrdkafka.internal.rd.client;

import dev.jrdkafka.bindings.rd_kafka_conf_set_throttle_cb$throttle_cb;
import dev.jrdkafka.internal.rd.Rd;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Broker throttling reports. librdkafka has no event type for them: its
 * {@code throttle_cb} runs while the main queue is served, so on the thread that polls —
 * never on librdkafka's own threads. The stub lives in the client's arena; nothing thrown
 * crosses into C. Installed on every client.
 */
public final class RdThrottle {
    private RdThrottle() {}

    static void install(ClientSetup setup) {
        dev.jrdkafka.bindings.rdkafka_h.rd_kafka_conf_set_throttle_cb(setup.conf(), stub(setup.sink(), setup.arena()));
    }

    /** The upcall stub for {@code rd_kafka_conf_set_throttle_cb}, calling {@code sink.onThrottle}. */
    public static MemorySegment stub(EventSink sink, Arena arena) {
        return rd_kafka_conf_set_throttle_cb$throttle_cb.allocate((rk, brokerName, brokerId, ms, opaque) -> {
            try {
                sink.onThrottle(Rd.cString(brokerName), brokerId, ms);
            } catch (Throwable t) {
                try {
                    sink.onCallbackFailure("throttle listener", t);
                } catch (Throwable ignored) {
                    // never into C
                }
            }
        }, arena);
    }
}
