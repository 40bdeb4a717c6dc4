package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_topic_name;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Topic names by {@code rd_kafka_topic_t} address, so a message's or delivery report's topic
 * costs a probe in a small open-addressing table instead of a downcall and a new String.
 * librdkafka keeps one topic object per topic name for the client's lifetime, so addresses
 * are stable. Thread-safe: lookups read an immutable table without locking; a new topic
 * (rare) publishes a new table.
 */
public final class TopicNames {
    private record Table(long[] keys, String[] names, int size) {}

    private volatile Table table = new Table(new long[16], new String[16], 0);

    /** The name of the topic handle at {@code addr}, or null for a null handle. */
    public String nameOf(long addr) {
        if (addr == 0) return null;
        Table t = table;
        int mask = t.keys.length - 1;
        for (int i = mix(addr) & mask; ; i = (i + 1) & mask) {
            if (t.keys[i] == addr) return t.names[i];
            if (t.keys[i] == 0) return insert(addr);
        }
    }

    private synchronized String insert(long addr) {
        Table t = table;
        int mask = t.keys.length - 1;
        for (int i = mix(addr) & mask; t.keys[i] != 0; i = (i + 1) & mask) {
            if (t.keys[i] == addr) return t.names[i]; // added meanwhile
        }
        String name = Rd.cString(rd_kafka_topic_name(MemorySegment.ofAddress(addr)));
        int capacity = (t.size + 1) * 2 > t.keys.length ? t.keys.length * 2 : t.keys.length;
        long[] keys = new long[capacity];
        String[] names = new String[capacity];
        for (int i = 0; i < t.keys.length; i++) if (t.keys[i] != 0) put(keys, names, t.keys[i], t.names[i]);
        put(keys, names, addr, name);
        table = new Table(keys, names, t.size + 1);
        return name;
    }

    private static void put(long[] keys, String[] names, long addr, String name) {
        int mask = keys.length - 1;
        int i = mix(addr) & mask;
        while (keys[i] != 0) i = (i + 1) & mask;
        keys[i] = addr;
        names[i] = name;
    }

    private static int mix(long addr) {
        long h = addr * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }

    @Override
    public String toString() {
        return "TopicNames" + Arrays.toString(table.names);
    }
}
