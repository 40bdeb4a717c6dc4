package dev.jrdkafka.cli.kcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.TimestampType;
import dev.jrdkafka.Header;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kcat's command line and -f formats, parsed as kcat parses them (no broker needed). */
class KcatOptionsTest {
    @Test
    void flagsClusterAndTakeTheirValueAttachedOrNext() {
        KcatOptions o = KcatOptions.parse(new String[] {"-Ce", "-tfoo", "-p", "2", "-b", "h:9092", "-X", "a.b=c", "-o", "-5",
                "-K:", "-D\\t", "-c", "10", "-Z"});
        assertEquals('C', o.mode);
        assertTrue(o.exitAtEnd);
        assertEquals(List.of("foo"), o.topics);
        assertEquals(2, o.partition);
        assertEquals("h:9092", o.brokers);
        assertEquals("c", o.config.get("a.b"));
        assertEquals("-5", o.offset);
        assertEquals(":", o.keyDelimiter);
        assertEquals("\t", o.delimiter);
        assertEquals(10, o.count);
        assertTrue(o.nullAsString);
    }

    @Test
    void aGroupTakesItsTopicsAsOperandsAsInKcat() {
        KcatOptions o = KcatOptions.parse(new String[] {"-b", "h:1", "-G", "g1", "orders", "audit"});
        assertEquals('G', o.mode);
        assertEquals("g1", o.group);
        assertEquals(List.of("orders", "audit"), o.topics);
    }

    @Test
    void badCommandLinesNameWhatIsWrong() {
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-t", "x"}))
                .getMessage().contains("give a mode"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-P", "-C", "-t", "x"}))
                .getMessage().contains("one mode only"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-C", "-t"}))
                .getMessage().contains("-t requires a value"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-C", "-t", "x", "-p", "one"}))
                .getMessage().contains("-p needs a number"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-L", "-X", "nokey"}))
                .getMessage().contains("-X needs property=value"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-L", "-Q"}))
                .getMessage().contains("option -Q is not supported"));
    }

    @Test
    void formatsWriteEveryTokenAsKcatDoes() throws Exception {
        ConsumerRecord r = new ConsumerRecord("t", 3, 42, 0, 1700000000000L, TimestampType.CREATE_TIME,
                "k".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8),
                List.of(new Header("a", "1".getBytes(StandardCharsets.UTF_8)), new Header("b", null)));
        assertEquals("t 3 42 k=value 1/5 1700000000000 [a=1,b=] 100%\n",
                write(KcatFormat.parse("%t %p %o %k=%s %K/%S %T [%h] 100%%\\n", true, false), r));
        assertEquals("k\tvalue\r\n", write(KcatFormat.parse("%k\\t%s\\r\\n", true, false), r));
        assertEquals("A", write(KcatFormat.parse("\\x41", true, false), r));
        byte[] binaryLength = writeBytes(KcatFormat.parse("%R", true, false), r);
        assertEquals(List.of((byte) 0, (byte) 0, (byte) 0, (byte) 5), List.of(binaryLength[0], binaryLength[1], binaryLength[2], binaryLength[3]));
        ConsumerRecord tombstone = new ConsumerRecord("t", 0, 1, 0, -1, TimestampType.NONE, null, null, List.of());
        assertEquals("||-1|-1\n", write(KcatFormat.parse("%k|%s|%K|%S\\n", true, false), tombstone));
        assertEquals("NULL|NULL\n", write(KcatFormat.parse("%k|%s\\n", true, true), tombstone));
        assertEquals("k:value\n", write(KcatFormat.defaults(":", "\n", false), r));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatFormat.parse("%q", true, false))
                .getMessage().contains("unsupported formatter %q"));
    }

    private static String write(KcatFormat f, ConsumerRecord r) throws Exception {
        return new String(writeBytes(f, r), StandardCharsets.UTF_8);
    }

    private static byte[] writeBytes(KcatFormat f, ConsumerRecord r) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.write(r, out);
        return out.toByteArray();
    }
}
