package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
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

    /**
     * Every property with the value librdkafka holds ({@code rd_kafka_conf_dump}): defaults
     * included, secrets not redacted, in librdkafka's order.
     */
    public Map<String, String> dump() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_LONG);
            return pairs(rd_kafka_conf_dump(ptr(), count), count.get(ValueLayout.JAVA_LONG, 0));
        }
    }

    /**
     * The topic-level properties as {@link #dump()} shows the global ones: those of this
     * configuration's default topic configuration, or librdkafka's defaults when none was set.
     */
    public Map<String, String> dumpTopic() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment topic = rd_kafka_conf_get_default_topic_conf(ptr());
            boolean own = topic.equals(MemorySegment.NULL);
            if (own) topic = rd_kafka_topic_conf_new();
            try {
                return pairs(rd_kafka_topic_conf_dump(topic, count), count.get(ValueLayout.JAVA_LONG, 0));
            } finally {
                if (own) rd_kafka_topic_conf_destroy(topic);
            }
        }
    }

    private static Map<String, String> pairs(MemorySegment dump, long count) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try {
            MemorySegment array = dump.reinterpret(count * ValueLayout.ADDRESS.byteSize());
            for (long i = 0; i + 1 < count; i += 2) {
                out.put(Rd.cString(array.getAtIndex(ValueLayout.ADDRESS, i)), Rd.cString(array.getAtIndex(ValueLayout.ADDRESS, i + 1)));
            }
        } finally {
            rd_kafka_conf_dump_free(dump, count);
        }
        return out;
    }

    /**
     * librdkafka's table of every configuration property ({@code rd_kafka_conf_properties_show},
     * which writes to a C {@code FILE *}: here one from libc's {@code open_memstream}).
     */
    public static String propertiesTable() {
        Rd.library();
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MethodHandle openMemstream = linker.downcallHandle(libc.findOrThrow("open_memstream"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        MethodHandle fclose = linker.downcallHandle(libc.findOrThrow("fclose"), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        MethodHandle free = linker.downcallHandle(libc.findOrThrow("free"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment file = (MemorySegment) openMemstream.invokeExact(buf, size);
            if (file.equals(MemorySegment.NULL)) throw new IllegalStateException("open_memstream failed: out of memory");
            rd_kafka_conf_properties_show(file);
            int closed = (int) fclose.invokeExact(file); // flushes: buf and size are valid from here
            MemorySegment text = buf.get(ValueLayout.ADDRESS, 0);
            try {
                if (closed != 0) throw new IllegalStateException("fclose of the property table's memory stream failed");
                byte[] bytes = text.reinterpret(size.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            } finally {
                free.invokeExact(text);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
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
