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
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-P", "-C", "-t", "x"}))
                .getMessage().contains("one mode only"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-C", "-t"}))
                .getMessage().contains("-t requires a value"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-C", "-t", "x", "-p", "one"}))
                .getMessage().contains("-p needs a number"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-L", "-X", "nokey"}))
                .getMessage().contains("Expected -X property=value, not nokey"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-L", "-Y"}))
                .getMessage().contains("option -Y is not supported"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-C", "-t", "x", "-s", "value=ix"}))
                .getMessage().contains("Invalid token 'x' in value pack-format"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-C", "-t", "x", "-s", "avro"}))
                .getMessage().startsWith("not supported: -s avro"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatOptions.parse(new String[] {"-C", "-t", "x", "-r", "http://sr"}))
                .getMessage().startsWith("not supported: -r http://sr"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> validated("-P", "-t", "x", "-s", "i"))
                .getMessage().contains("-s serdes only available in the consumer"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> validated("-C", "-t", "x", "a-file"))
                .getMessage().contains("file/topic list only allowed in producer(-P)/kafkaconsumer(-G) mode"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> validated("-G", "g", "-o", "s@1", "t"))
                .getMessage().contains("-o ..@ timestamps can't be used with -G mode"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> validated("-Q"))
                .getMessage().contains("-Q needs -t <topic>:<partition>:<timestamp>"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> validated("-P", "-t", "x", "-l", "a", "b"))
                .getMessage().contains("Only one file allowed for line mode (-l)"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> validated("-C", "-t", "x", "-o", "bogus"))
                .getMessage().contains("-o: expected beginning, end, stored"));
        validated("-C", "-t", "x", "-o", "s@1700000000000");
        validated("-C", "-t", "x", "-o", "-5");
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> validated("-C", "-t", "x", "-m", "soon"))
                .getMessage().contains("-m needs a number"));
    }

    private static KcatOptions validated(String... args) {
        KcatOptions o = KcatOptions.parse(args);
        o.validate();
        return o;
    }

    @Test
    void kcatsOtherFlagsAreReadAsKcatReadsThem() {
        KcatOptions o = KcatOptions.parse(new String[] {"-Q", "-t", "a:0:1700000000000", "-t", "b:1:-1", "-J", "-m", "7", "-q", "-E"});
        assertEquals('Q', o.mode);
        assertEquals(List.of("a:0:1700000000000", "b:1:-1"), o.topics);
        assertTrue(o.json);
        assertEquals(7, o.metadataTimeoutSeconds);
        assertTrue(o.quiet());
        assertTrue(o.continueOnError);
        KcatOptions p = KcatOptions.parse(new String[] {"-P", "-t", "x", "-T", "-u", "-v", "-v", "-H", "flag", "-H", "a=b=c"});
        assertTrue(p.tee);
        assertTrue(p.unbuffered);
        assertEquals(3, p.verbosity);
        assertEquals("flag", p.headers.get(0)[0]);
        assertEquals(null, p.headers.get(0)[1], "-H name: a header without value");
        assertEquals("b=c", p.headers.get(1)[1]);
        KcatOptions s = KcatOptions.parse(new String[] {"-C", "-t", "x", "-s", "key=i", "-s", "value=>q s"});
        assertEquals("i", s.keyPack);
        assertEquals(">q s", s.valuePack);
        KcatOptions both = KcatOptions.parse(new String[] {"-C", "-t", "x", "-s", "Q"});
        assertEquals("Q", both.keyPack);
        assertEquals("Q", both.valuePack);
        assertTrue(KcatOptions.parse(new String[] {"-X", "dump", "-X", "linger.ms=5"}).dumpConfig);
        KcatOptions list = KcatOptions.parse(new String[] {"-X", "list", "-Y"});
        assertTrue(list.listConfig, "-X list ends the parse at once, as in kcat");
    }

    @Test
    void queriesAreTopicPartitionTimestampAsInKcat() {
        java.util.Map<dev.jrdkafka.TopicPartition, Long> q = new java.util.LinkedHashMap<>();
        KcatQuery.partition("orders:2:1700000000000", q);
        KcatQuery.partition("orders:0x3:-1", q); // strtoul/strtoll with base 0, as kcat
        assertEquals(1700000000000L, q.get(new dev.jrdkafka.TopicPartition("orders", 2)));
        assertEquals(-1L, q.get(new dev.jrdkafka.TopicPartition("orders", 3)));
        for (String bad : List.of("orders", "orders:1", "orders:x:5", "orders:1:soon")) {
            assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatQuery.partition(bad, q)).getMessage()
                    .contains("expected \"topic:partition:offset_or_timestamp\""), bad);
        }
        assertTrue(Progress.forRun(KcatOptions.parse(new String[] {"-P", "-t", "x", "-q"}), System.err, "produced", false) == Progress.OFF,
                "no progress line with -q");
    }

    @Test
    void withoutFTheDefaultConfigurationFileIsRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
        java.nio.file.Files.createDirectories(home.resolve(".config"));
        java.nio.file.Files.writeString(home.resolve(".config/kcat.conf"), "# comment\n bootstrap.servers=h\\:1 \nclient.id=from-file\n"
                + "ssl.endpoint.identification.algorithm=https\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";\n");
        KcatOptions o = KcatOptions.parse(new String[] {"-L", "-X", "client.id=cli"}, java.util.Map.of("HOME", home.toString()));
        assertEquals("h:1", o.config.get("bootstrap.servers"), "trimmed, Java's \\: unescaped");
        assertEquals("from-file", o.config.get("client.id"), "the file is read after the command line, as in kcat");
        assertEquals("u", o.config.get("sasl.username"));
        assertEquals("p", o.config.get("sasl.password"));
        assertTrue(!o.config.containsKey("ssl.endpoint.identification.algorithm"));
        KcatOptions none = KcatOptions.parse(new String[] {"-L", "-F", "none"}, java.util.Map.of("HOME", home.toString()));
        assertTrue(none.config.isEmpty(), "-F none: no file");
    }

    @Test
    void formatsWriteEveryTokenAsKcatDoes() throws Exception {
        ConsumerRecord r = new ConsumerRecord("t", 3, 42, 0, 1700000000000L, TimestampType.CREATE_TIME,
                "k".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8),
                List.of(new Header("a", "1".getBytes(StandardCharsets.UTF_8)), new Header("b", null)));
        assertEquals("t 3 42 k=value 1/5 1700000000000 [a=1,b=NULL] 100%\n",
                write(KcatFormat.parse("%t %p %o %k=%s %K/%S %T [%h] 100%%\\n", true, false), r));
        assertEquals("k\tvalue\r\n", write(KcatFormat.parse("%k\\t%s\\r\\n", true, false), r));
        assertEquals("A", write(KcatFormat.parse("\\x41", true, false), r));
        byte[] binaryLength = writeBytes(KcatFormat.parse("%R", true, false), r);
        assertEquals(List.of((byte) 0, (byte) 0, (byte) 0, (byte) 5), List.of(binaryLength[0], binaryLength[1], binaryLength[2], binaryLength[3]));
        ConsumerRecord tombstone = new ConsumerRecord("t", 0, 1, 0, -1, TimestampType.NONE, null, null, List.of());
        assertEquals("||-1|-1\n", write(KcatFormat.parse("%k|%s|%K|%S\\n", true, false), tombstone));
        assertEquals("NULL|NULL\n", write(KcatFormat.parse("%k|%s\\n", true, true), tombstone));
        assertEquals("k:value\n", write(KcatFormat.defaults(":", "\n", false, null, null), r));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatFormat.parse("%q", true, false))
                .getMessage().contains("Unsupported formatter: %q"));
        assertTrue(assertThrows(KcatOptions.UsageException.class, () -> KcatFormat.parse("%s%", true, false))
                .getMessage().contains("Empty formatter"));
    }

    private static String write(KcatFormat f, ConsumerRecord r) throws Exception {
        return new String(writeBytes(f, r), StandardCharsets.UTF_8);
    }

    static byte[] writeBytes(KcatFormat f, ConsumerRecord r) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KcatOut out = new KcatOut(bytes, 16);
        assertEquals(null, f.write(KcatMessage.of(r), out));
        out.flush();
        return bytes.toByteArray();
    }
}
