package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_topic_name;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Topic names by {@code rd_kafka_topic_t} address, so a delivery report's topic costs a
 * probe in a small open-addressing table instead of a downcall and a new String. librdkafka
 * keeps one topic object per topic name for the client's lifetime, so addresses are stable.
 * Used by the polling thread only (one at a time).
 */
final class TopicNames {
    private long[] keys = new long[16];
    private String[] names = new String[16];
    private int size;

    String nameOf(MemorySegment rkt) {
        long addr = rkt.address();
        if (addr == 0) return null;
        int mask = keys.length - 1;
        for (int i = mix(addr) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == addr) return names[i];
            if (keys[i] == 0) {
                String name = Rd.cString(rd_kafka_topic_name(rkt));
                insert(addr, name);
                return name;
            }
        }
    }

    private void insert(long addr, String name) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        int i = mix(addr) & mask;
        while (keys[i] != 0) i = (i + 1) & mask;
        keys[i] = addr;
        names[i] = name;
        size++;
    }

    private void grow() {
        long[] oldKeys = keys;
        String[] oldNames = names;
        keys = new long[oldKeys.length * 2];
        names = new String[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != 0) insert(oldKeys[i], oldNames[i]);
    }

    private static int mix(long addr) {
        long h = addr * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }

    @Override
    public String toString() {
        return "TopicNames" + Arrays.toString(names);
    }
}
