package dev.jrdkafka.internal.rd;

import dev.jrdkafka.bindings.rdkafka_h;
import dev.jrdkafka.nativelib.LoadedLibrary;
import dev.jrdkafka.nativelib.RdKafkaLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Loads librdkafka before the first downcall and reads its C strings. */
public final class Rd {
    private static final LoadedLibrary LIBRARY = RdKafkaLibrary.load();

    private Rd() {}

    /** The loaded library; touching this class loads it. */
    public static LoadedLibrary library() {
        return LIBRARY;
    }

    /** {@code rd_kafka_version_str()}. */
    public static String versionString() {
        return cString(rdkafka_h.rd_kafka_version_str());
    }

    /** {@code rd_kafka_version()}: hex 0xMMmmrrpp. */
    public static int version() {
        return rdkafka_h.rd_kafka_version();
    }

    /**
     * {@code s} as a NUL-terminated C string in {@code arena}. A string containing NUL is
     * refused: C would read it only up to the NUL (a topic "a\0b" would become "a").
     */
    public static MemorySegment cString(Arena arena, String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("\"" + s.replace("\0", "\\0") + "\" contains a NUL character, which "
                    + "librdkafka would cut the string at; remove it");
        }
        return arena.allocateFrom(s);
    }

    /**
     * {@code rd_kafka_thread_cnt()}: librdkafka's threads alive in this process (every
     * client's main and broker threads, mock brokers' threads); 0 once every handle is
     * destroyed. For leak checks.
     */
    public static int threadCount() {
        return rdkafka_h.rd_kafka_thread_cnt();
    }

    /** librdkafka's {@code builtin.features}, e.g. "gzip,snappy,ssl,...". */
    public static String builtinFeatures() {
        try (RdConf conf = RdConf.create(java.util.Map.of())) {
            return conf.get("builtin.features");
        }
    }

    /** A NUL-terminated C string owned by librdkafka, copied; null for NULL. */
    public static String cString(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? null : p.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
