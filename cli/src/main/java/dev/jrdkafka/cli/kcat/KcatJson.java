package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.Header;
import dev.jrdkafka.consumer.TimestampType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * JSON as kcat writes it with yajl: no spaces, strings escaped as yajl escapes them
 * ({@code \" \\ \b \f \n \r \t}, other control characters as a backslash, u and four hex digits, every other
 * byte as is, so a non-UTF-8 payload passes through unchanged) and integers in decimal.
 */
final class KcatJson {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] TOPIC = "{\"topic\":".getBytes(StandardCharsets.US_ASCII);
    /** A topic name and its escaped JSON string, kept together so that concurrent runs never mix them. */
    private record Escaped(String topic, byte[] json) {}

    private static volatile Escaped lastTopic = new Escaped("", new byte[] {'"', '"'});

    private KcatJson() {}

    /**
     * kcat's -J envelope of one consumed message: topic, partition, offset, tstype and ts
     * (when the message has a timestamp), broker, headers (when it has any, as an array of
     * name, value, name, value...), key and payload (strings, or null).
     */
    static void message(KcatMessage m, KcatOut out) throws IOException {
        out.write(TOPIC);
        String topic = m.topic();
        Escaped escaped = lastTopic;
        if (escaped.topic() != topic) { // the same instance for every record of a topic: escaped once
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            KcatOut o = new KcatOut(b, 256);
            string(topic, o);
            o.flush();
            escaped = new Escaped(topic, b.toByteArray());
            lastTopic = escaped;
        }
        out.write(escaped.json());
        out.write(',');
        name("partition", out);
        out.writeLong(m.partition());
        out.write(',');
        name("offset", out);
        out.writeLong(m.offset());
        out.write(',');
        long ts = m.timestamp();
        TimestampType type = m.timestampType();
        if (type != TimestampType.NONE) {
            name("tstype", out);
            string(type == TimestampType.CREATE_TIME ? "create" : "logappend", out);
            out.write(',');
            name("ts", out);
            out.writeLong(ts);
            out.write(',');
        }
        name("broker", out);
        out.writeLong(m.brokerId());
        out.write(',');
        var headers = m.headers();
        if (!headers.isEmpty()) {
            name("headers", out);
            out.write('[');
            for (int i = 0; i < headers.size(); i++) {
                Header h = headers.get(i);
                if (i > 0) out.write(',');
                string(h.key(), out);
                out.write(',');
                if (h.value() == null) nullValue(out);
                else string(MemorySegment.ofArray(h.value()), out);
            }
            out.write(']');
            out.write(',');
        }
        name("key", out);
        orNull(m.key(), out);
        out.write(',');
        name("payload", out);
        orNull(m.value(), out);
        out.write('}');
    }

    private static void orNull(MemorySegment s, KcatOut out) throws IOException {
        if (s == null) nullValue(out);
        else string(s, out);
    }

    static void nullValue(KcatOut out) throws IOException {
        out.write('n');
        out.write('u');
        out.write('l');
        out.write('l');
    }

    /** {@code "name":}. */
    static void name(String name, KcatOut out) throws IOException {
        string(name, out);
        out.write(':');
    }

    static void string(String s, KcatOut out) throws IOException {
        string(MemorySegment.ofArray(s.getBytes(StandardCharsets.UTF_8)), out);
    }

    /** The bytes of {@code s} as a JSON string, escaped as yajl escapes; runs without escapes are copied at once. */
    static void string(MemorySegment s, KcatOut out) throws IOException {
        out.write('"');
        long n = s.byteSize();
        long start = 0;
        for (long i = 0; i < n; i++) {
            byte b = s.get(ValueLayout.JAVA_BYTE, i);
            if (b >= 0x20 && b != '"' && b != '\\' || b < 0) continue; // negative: a byte >= 0x80, written as is
            if (i > start) out.write(s.asSlice(start, i - start));
            start = i + 1;
            out.write('\\');
            switch (b) {
                case '"' -> out.write('"');
                case '\\' -> out.write('\\');
                case '\b' -> out.write('b');
                case '\f' -> out.write('f');
                case '\n' -> out.write('n');
                case '\r' -> out.write('r');
                case '\t' -> out.write('t');
                default -> {
                    out.write('u');
                    out.write('0');
                    out.write('0');
                    out.write(HEX[b >> 4]);
                    out.write(HEX[b & 0xF]);
                }
            }
        }
        if (n > start) out.write(s.asSlice(start, n - start));
        out.write('"');
    }
}
