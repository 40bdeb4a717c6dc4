package dev.jrdkafka.producer;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.bindings.rd_kafka_message_s;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads back what was produced, through the raw bindings (the consumer API comes later). */
final class RawConsumer {
    record Message(byte[] key, byte[] value, long timestamp, List<Map.Entry<String, byte[]>> headers) {}

    private RawConsumer() {}

    static List<Message> read(String bootstrap, String topic, int partition, int count) {
        List<Message> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = arena.allocate(512);
            MemorySegment conf = rd_kafka_conf_new();
            rd_kafka_conf_set(conf, arena.allocateFrom("bootstrap.servers"), arena.allocateFrom(bootstrap), errstr, 512);
            rd_kafka_conf_set(conf, arena.allocateFrom("group.id"), arena.allocateFrom("raw-reader"), errstr, 512);
            MemorySegment rk = rd_kafka_new(RD_KAFKA_CONSUMER(), conf, errstr, 512);
            if (rk.equals(MemorySegment.NULL)) throw new IllegalStateException(errstr.getString(0));
            try {
                MemorySegment list = rd_kafka_topic_partition_list_new(1);
                MemorySegment tp = rd_kafka_topic_partition_list_add(list, arena.allocateFrom(topic), partition)
                        .reinterpret(dev.jrdkafka.bindings.rd_kafka_topic_partition_s.sizeof());
                dev.jrdkafka.bindings.rd_kafka_topic_partition_s.offset(tp, RD_KAFKA_OFFSET_BEGINNING());
                rd_kafka_assign(rk, list);
                rd_kafka_topic_partition_list_destroy(list);
                MemorySegment tsType = arena.allocate(ValueLayout.JAVA_INT);
                MemorySegment hdrs = arena.allocate(ValueLayout.ADDRESS);
                MemorySegment name = arena.allocate(ValueLayout.ADDRESS);
                MemorySegment val = arena.allocate(ValueLayout.ADDRESS);
                MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (out.size() < count && System.nanoTime() < deadline) {
                    MemorySegment m = rd_kafka_consumer_poll(rk, 200);
                    if (m.equals(MemorySegment.NULL)) continue;
                    m = m.reinterpret(rd_kafka_message_s.sizeof());
                    try {
                        if (rd_kafka_message_s.err(m) != 0) continue;
                        List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
                        if (rd_kafka_message_headers(m, hdrs) == 0) {
                            MemorySegment h = hdrs.get(ValueLayout.ADDRESS, 0);
                            for (long i = 0; rd_kafka_header_get_all(h, i, name, val, size) == 0; i++) {
                                MemorySegment v = val.get(ValueLayout.ADDRESS, 0);
                                long n = size.get(ValueLayout.JAVA_LONG, 0);
                                headers.add(new AbstractMap.SimpleEntry<>(
                                        name.get(ValueLayout.ADDRESS, 0).reinterpret(1024).getString(0),
                                        v.equals(MemorySegment.NULL) ? null : v.reinterpret(n).toArray(ValueLayout.JAVA_BYTE)));
                            }
                        }
                        out.add(new Message(bytes(rd_kafka_message_s.key(m), rd_kafka_message_s.key_len(m)),
                                bytes(rd_kafka_message_s.payload(m), rd_kafka_message_s.len(m)),
                                rd_kafka_message_timestamp(m, tsType), headers));
                    } finally {
                        rd_kafka_message_destroy(m);
                    }
                }
                rd_kafka_consumer_close(rk);
            } finally {
                rd_kafka_destroy(rk);
            }
        }
        if (out.size() < count) throw new AssertionError("read only " + out.size() + " of " + count + " records");
        return out;
    }

    private static byte[] bytes(MemorySegment p, long n) {
        return p.equals(MemorySegment.NULL) ? null : p.reinterpret(n).toArray(ValueLayout.JAVA_BYTE);
    }
}
