package dev.jrdkafka.cli.kcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jrdkafka.Header;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.TimestampType;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kcat's -J envelope (as yajl writes it), its -s pack formats and the output buffer (no broker needed). */
class KcatJsonAndUnpackTest {
    private static final byte[] K = "k".getBytes(StandardCharsets.UTF_8);

    @Test
    void theEnvelopeHasKcatsFieldsInKcatsOrder() throws Exception {
        ConsumerRecord r = new ConsumerRecord("t", 3, 42, 0, 1700000000000L, TimestampType.CREATE_TIME, K,
                "v \"q\" \\ \n\t\u0001 é".getBytes(StandardCharsets.UTF_8),
                List.of(new Header("h1", "a".getBytes(StandardCharsets.UTF_8)), new Header("h2", null)));
        assertEquals("{\"topic\":\"t\",\"partition\":3,\"offset\":42,\"tstype\":\"create\",\"ts\":1700000000000,\"broker\":-1,"
                + "\"headers\":[\"h1\",\"a\",\"h2\",null],\"key\":\"k\",\"payload\":\"v \\\"q\\\" \\\\ \\n\\t\\u0001 é\"}", json(r));
        ConsumerRecord tombstone = new ConsumerRecord("t", 0, 7, 0, -1, TimestampType.NONE, null, null, List.of());
        assertEquals("{\"topic\":\"t\",\"partition\":0,\"offset\":7,\"broker\":-1,\"key\":null,\"payload\":null}", json(tombstone),
                "no timestamp: no tstype/ts; no headers: no headers field");
        ConsumerRecord logAppend = new ConsumerRecord("t", 0, 7, 0, 5, TimestampType.LOG_APPEND_TIME, new byte[0], new byte[] {(byte) 0xff},
                List.of());
        assertEquals("{\"topic\":\"t\",\"partition\":0,\"offset\":7,\"tstype\":\"logappend\",\"ts\":5,\"broker\":-1,\"key\":\"\",\"payload\":\"\u00ff\"}",
                new String(jsonBytes(logAppend), StandardCharsets.ISO_8859_1), "bytes that are not UTF-8 pass through, as with yajl");
    }

    @Test
    void packFormatsUnpackAsDocumented() throws Exception {
        byte[] data = {(byte) 0xff, 0x01, 0x02, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 9, 'h', 'i', 0, 'x'};
        assertEquals("-1 258 5 9 hi", unpack("b H i q s", data));
        assertEquals("255 258", unpack("B <H", data), "'<' reads big endian, as kcat 1.7.1 does");
        assertEquals("-1 1 2", unpack("b b b", data), "remaining bytes are ignored");
        assertEquals("4294967295", unpack("I", new byte[] {-1, -1, -1, -1}));
        assertEquals("18446744073709551615", unpack("Q", new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}));
        assertEquals("A", unpack("c", new byte[] {'A'}));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        KcatOut out = new KcatOut(sink, 8);
        assertEquals("value truncated, expected 4 bytes to unpack i but only 2 bytes remaining",
                Unpack.parse("value", "i").write(MemorySegment.ofArray(new byte[] {1, 2}), out));
        assertEquals("expected key end-of-input, but 1 bytes remaining",
                Unpack.parse("key", "h$").write(MemorySegment.ofArray(new byte[] {1, 2, 3}), out));
    }

    @Test
    void theFormatPrintsDeserializedKeysAndValuesAndReportsFailures() throws Exception {
        ConsumerRecord r = new ConsumerRecord("t", 1, 9, 0, 1, TimestampType.CREATE_TIME, new byte[] {0, 0, 0, 7}, new byte[] {0, 2},
                List.of());
        KcatFormat f = KcatFormat.parse("%k=%s\\n", true, false, Unpack.parse("key", "i"), Unpack.parse("value", "h"));
        assertEquals("7=2\n", new String(KcatOptionsTest.writeBytes(f, r), StandardCharsets.UTF_8));
        KcatFormat tooLong = KcatFormat.parse("%k=%s\\n", true, false, null, Unpack.parse("value", "q"));
        KcatOut out = new KcatOut(new ByteArrayOutputStream(), 64);
        assertEquals("Failed to format message in t [1] at offset 9: value truncated, expected 8 bytes to unpack q but only 2 bytes remaining",
                tooLong.write(KcatMessage.of(r), out));
    }

    @Test
    void theBufferWritesNumbersAndLargeSegmentsWhole() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        KcatOut out = new KcatOut(sink, 8);
        for (long v : new long[] {0, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE}) {
            out.writeLong(v);
            out.write(' ');
        }
        byte[] big = new byte[100];
        java.util.Arrays.fill(big, (byte) 'x');
        out.write(MemorySegment.ofArray(big));
        out.flush();
        assertEquals("0 -1 42 9223372036854775807 -9223372036854775808 " + "x".repeat(100), sink.toString(StandardCharsets.UTF_8));
        assertEquals(sink.size(), out.total());
    }

    private static String unpack(String format, byte[] data) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        KcatOut out = new KcatOut(sink, 4);
        assertNull(Unpack.parse("value", format).write(MemorySegment.ofArray(data), out));
        out.flush();
        return sink.toString(StandardCharsets.UTF_8);
    }

    private static String json(ConsumerRecord r) throws Exception {
        return new String(jsonBytes(r), StandardCharsets.UTF_8);
    }

    private static byte[] jsonBytes(ConsumerRecord r) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        KcatOut out = new KcatOut(sink, 16);
        KcatJson.message(KcatMessage.of(r), out);
        out.flush();
        return sink.toByteArray();
    }
}
