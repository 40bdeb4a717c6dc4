package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.RD_KAFKA_CONF_OK;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_conf_destroy;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_conf_get;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_conf_new;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_conf_set;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;

/** {@code rd_kafka_conf_t}: created, filled and either handed to a client or destroyed. */
public final class RdConf {
    static final int ERRSTR_SIZE = 512;

    private RdConf() {}

    /**
     * A new configuration with {@code properties} set, in order. A property librdkafka
     * refuses fails with its own message and the property's name; the half-built
     * configuration is destroyed.
     */
    public static MemorySegment create(Map<String, String> properties) {
        Rd.library();
        MemorySegment conf = rd_kafka_conf_new();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = arena.allocate(ERRSTR_SIZE);
            for (Map.Entry<String, String> e : properties.entrySet()) {
                int rc = rd_kafka_conf_set(conf, arena.allocateFrom(e.getKey()),
                        arena.allocateFrom(e.getValue()), errstr, ERRSTR_SIZE);
                if (rc != RD_KAFKA_CONF_OK()) {
                    throw new IllegalArgumentException("configuration property '" + e.getKey() + "': "
                            + errstr.getString(0));
                }
            }
        } catch (RuntimeException | Error e) {
            rd_kafka_conf_destroy(conf);
            throw e;
        }
        return conf;
    }

    /** The value of {@code name} in {@code conf} as librdkafka reports it. */
    public static String get(MemorySegment conf, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = arena.allocateFrom(name);
            MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
            if (rd_kafka_conf_get(conf, cname, MemorySegment.NULL, size) != RD_KAFKA_CONF_OK()) {
                throw new IllegalArgumentException("unknown configuration property '" + name + "'");
            }
            MemorySegment value = arena.allocate(size.get(ValueLayout.JAVA_LONG, 0));
            rd_kafka_conf_get(conf, cname, value, size);
            return value.getString(0);
        }
    }

    /** {@code rd_kafka_conf_destroy}, for a configuration no client took over. */
    public static void destroy(MemorySegment conf) {
        rd_kafka_conf_destroy(conf);
    }
}
