package dev.jrdkafka.internal.rd.client;

import dev.jrdkafka.internal.rd.RdConf;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What callback installers get while a client is being created: its configuration (still
 * ours, handed to librdkafka by {@code rd_kafka_new}), the arena that holds upcall stubs for
 * exactly the client's life, and the sink that hears about failures of user callbacks.
 */
public final class ClientSetup {
    private final RdConf conf;
    private final Arena arena;
    private final EventSink sink;
    private final java.util.List<java.util.function.Consumer<MemorySegment>> afterCreate = new java.util.ArrayList<>();

    ClientSetup(RdConf conf, Arena arena, EventSink sink) {
        this.conf = conf;
        this.arena = arena;
        this.sink = sink;
    }

    public MemorySegment conf() {
        return conf.ptr();
    }

    public Arena arena() {
        return arena;
    }

    public EventSink sink() {
        return sink;
    }

    /** Runs {@code step} on the new {@code rd_kafka_t} right after {@code rd_kafka_new}; a failure destroys the client. */
    public void afterCreate(java.util.function.Consumer<MemorySegment> step) {
        afterCreate.add(step);
    }

    void runAfterCreate(MemorySegment rk) {
        for (var step : afterCreate) step.accept(rk);
    }

    /** Reports a failure of a callback to the sink; never throws (it runs in upcalls). */
    public void failed(String callback, Throwable t) {
        try {
            sink.onCallbackFailure(callback, t);
        } catch (Throwable ignored) {
            // never into C
        }
    }
}
