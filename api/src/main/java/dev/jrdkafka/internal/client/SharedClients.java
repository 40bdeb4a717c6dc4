package dev.jrdkafka.internal.client;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The client core behind each public client object, for the kinds that can share a handle
 * (an Admin over a Producer's or Consumer's {@code rd_kafka_t}, as librdkafka allows). Weak
 * keys: a facade that is collected drops out; the core never references its facade.
 */
public final class SharedClients {
    private static final Map<Object, ClientCore> CORES = Collections.synchronizedMap(new WeakHashMap<>());

    private SharedClients() {}

    /** Called by a facade's constructor. */
    public static void register(Object facade, ClientCore core) {
        CORES.put(facade, core);
    }

    /** The core of {@code facade}; refused for one that is closed. */
    public static ClientCore of(Object facade) {
        ClientCore core = CORES.get(facade);
        if (core == null) throw new IllegalArgumentException(facade + " is not a jrdkafka client");
        if (core.isClosed()) throw new IllegalStateException("this " + facade.getClass().getSimpleName() + " is closed");
        return core;
    }
}
