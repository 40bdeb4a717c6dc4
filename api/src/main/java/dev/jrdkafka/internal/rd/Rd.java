package dev.jrdkafka.internal.rd;

import dev.jrdkafka.bindings.rdkafka_h;
import dev.jrdkafka.nativelib.LoadedLibrary;
import dev.jrdkafka.nativelib.RdKafkaLibrary;
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

    /** A NUL-terminated C string owned by librdkafka, copied; null for NULL. */
    static String cString(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? null : p.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
