package dev.jrdkafka.internal.rd;

import dev.jrdkafka.bindings.rd_kafka_conf_set_throttle_cb$throttle_cb;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Broker throttling reports. librdkafka has no event type for them: its
 * {@code throttle_cb} runs while the main queue is served, so on the thread that polls —
 * never on librdkafka's own threads. The stub lives in the client's arena; nothing thrown
 * crosses into C.
 */
public final class RdThrottle {
    /** What the Java side implements. */
    public interface Target {
        void onThrottle(String brokerName, int brokerId, int throttleTimeMs);
    }

    private RdThrottle() {}

    /** Sets {@code rd_kafka_conf_set_throttle_cb} on {@code conf}; the stub lives in {@code arena}. */
    public static void install(MemorySegment conf, Target target, EventSink sink, Arena arena) {
        dev.jrdkafka.bindings.rdkafka_h.rd_kafka_conf_set_throttle_cb(conf, stub(target, sink, arena));
    }

    /** The upcall stub for {@code rd_kafka_conf_set_throttle_cb}; failures go to {@code sink}. */
    public static MemorySegment stub(Target target, EventSink sink, Arena arena) {
        return rd_kafka_conf_set_throttle_cb$throttle_cb.allocate((rk, brokerName, brokerId, ms, opaque) -> {
            try {
                target.onThrottle(Rd.cString(brokerName), brokerId, ms);
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
