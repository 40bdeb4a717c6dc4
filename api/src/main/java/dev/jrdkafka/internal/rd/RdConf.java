package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;

/** An {@code rd_kafka_conf_t}: created, filled, then handed to a client ({@link #handOver()}) or destroyed. */
public final class RdConf extends NativeObject {
    /** Size of the error-string buffers librdkafka fills. */
    public static final int ERRSTR_SIZE = 512;

    private RdConf(MemorySegment conf) {
        super(conf, true);
    }

    /**
     * A new configuration with {@code properties} set, in order. A property librdkafka
     * refuses fails with its own message and the property's name; the half-built
     * configuration is destroyed.
     */
    public static RdConf create(Map<String, String> properties) {
        Rd.library();
        RdConf conf = new RdConf(rd_kafka_conf_new());
        try {
            properties.forEach(conf::set);
        } catch (RuntimeException | Error e) {
            conf.close();
            throw e;
        }
        return conf;
    }

    /** Sets one property; refused values fail with librdkafka's message. */
    public void set(String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = arena.allocate(ERRSTR_SIZE);
            int rc = rd_kafka_conf_set(ptr(), Rd.cString(arena, name), Rd.cString(arena, value), errstr, ERRSTR_SIZE);
            if (rc != RD_KAFKA_CONF_OK()) {
                throw new IllegalArgumentException("configuration property '" + name + "': " + errstr.getString(0));
            }
        }
    }

    /** The value of {@code name} as librdkafka reports it. */
    public String get(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = Rd.cString(arena, name);
            MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
            if (rd_kafka_conf_get(ptr(), cname, MemorySegment.NULL, size) != RD_KAFKA_CONF_OK()) {
                throw new IllegalArgumentException("unknown configuration property '" + name + "'");
            }
            MemorySegment value = arena.allocate(size.get(ValueLayout.JAVA_LONG, 0));
            rd_kafka_conf_get(ptr(), cname, value, size);
            return value.getString(0);
        }
    }

    @Override
    protected void destroy(MemorySegment p) {
        rd_kafka_conf_destroy(p);
    }

    @Override
    protected String kind() {
        return "configuration";
    }
}
