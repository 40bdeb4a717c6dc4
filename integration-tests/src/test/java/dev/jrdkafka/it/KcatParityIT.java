package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.cli.kcat.Kcat;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ./jrdkafka's kcat mode side by side with the real kcat (Debian's package, installed by
 * scripts/install-prerequisites.sh for the tests) on the real broker: the same input and
 * flags give the same keys, values and partitions, byte-identical -f output, the same -J
 * envelopes (parsed and compared field by field), the same -L (plain and -J), the same -Q
 * offsets, -T echo and -s deserialization.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class KcatParityIT {
    static KafkaBroker broker;
    static final String INPUT = buildInput();

    @BeforeAll
    static void topics(KafkaBroker shared) throws Exception {
        broker = shared;
        assertTrue(Files.isExecutable(Path.of("/usr/bin/kcat")),
                "kcat is missing: scripts/install-prerequisites.sh installs it for the tests (apt-get install kcat)");
        try (Admin admin = Admin.create(Clients.config(broker))) {
            admin.createTopics(List.of(new NewTopic("kc-by-jrdkafka", 4, 1), new NewTopic("kc-by-kcat", 4, 1),
                    new NewTopic("kc-meta", 3, 1), new NewTopic("kc-group", 2, 1), new NewTopic("kc-tee-jrdkafka", 2, 1),
                    new NewTopic("kc-tee-kcat", 2, 1))).all().get(30, TimeUnit.SECONDS);
            for (String t : List.of("kc-by-jrdkafka", "kc-by-kcat")) AdminPartitionsIT.awaitLeaders(admin, t, 4);
            AdminPartitionsIT.awaitLeaders(admin, "kc-meta", 3);
            AdminPartitionsIT.awaitLeaders(admin, "kc-group", 2);
            AdminPartitionsIT.awaitLeaders(admin, "kc-tee-jrdkafka", 2);
            AdminPartitionsIT.awaitLeaders(admin, "kc-tee-kcat", 2);
        }
        // kc-meta: keyed lines with headers, some with characters JSON must escape, and a binary value
        Run produced = jrdkafka(INPUT + "esc-key:tab\there \"quoted\" back\\slash \u0001 \u00e9\n", "-P", "-b", broker.bootstrapServers(),
                "-t", "kc-meta", "-K", ":", "-H", "h1=a", "-H", "h2=b", "-H", "novalue");
        assertEquals(0, produced.status(), produced.err());
    }

    /**
     * 300 keyed lines, some with ':' in the value. (No empty key: librdkafka's default
     * partitioner places those at random, in both tools.)
     */
    private static String buildInput() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300; i++) b.append("key-").append(i % 37).append(':').append("value ").append(i).append(i % 10 == 0 ? ":x" : "").append('\n');
        return b.toString();
    }

    record Run(int status, String out, String err) {}

    static Run jrdkafka(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Kcat.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run kcat(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/kcat"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kcat " + cmd + " ended");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static String withoutFirstLine(String s) {
        return s.substring(s.indexOf('\n') + 1);
    }

    static List<String> sortedLines(String s) {
        return s.lines().sorted().toList();
    }

    @Test
    void producingGivesTheSameKeysValuesAndPartitionsAsKcat() throws Exception {
        Run mine = jrdkafka(INPUT, "-P", "-b", broker.bootstrapServers(), "-t", "kc-by-jrdkafka", "-K", ":");
        assertEquals(0, mine.status(), mine.err());
        Run theirs = kcat(INPUT, "-P", "-b", broker.bootstrapServers(), "-t", "kc-by-kcat", "-K", ":");
        assertEquals(0, theirs.status(), theirs.err());
        String format = "%p|%k|%s|%K|%S\\n";
        Run a = kcat("", "-C", "-b", broker.bootstrapServers(), "-t", "kc-by-jrdkafka", "-o", "beginning", "-e", "-q", "-f", format);
        Run b = kcat("", "-C", "-b", broker.bootstrapServers(), "-t", "kc-by-kcat", "-o", "beginning", "-e", "-q", "-f", format);
        assertEquals(300, a.out().lines().count(), a.err());
        assertEquals(sortedLines(b.out()), sortedLines(a.out()), "same partition, key and value for every line");
    }

    @Test
    void consumingPrintsByteIdenticalOutput() throws Exception {
        for (String format : List.of("%t %p %o %k=%s (%K/%S) [%h]\\n", "%s\\n", "%k\\t%s\\r\\n")) {
            String[] args = {"-C", "-b", broker.bootstrapServers(), "-t", "kc-meta", "-o", "beginning", "-e", "-q", "-f", format};
            Run theirs = kcat("", args);
            Run mine = jrdkafka("", args);
            assertEquals(0, mine.status(), mine.err());
            assertEquals(sortedLines(theirs.out()), sortedLines(mine.out()), "format " + format);
            assertEquals(301, mine.out().lines().count());
        }
        // per partition the order is the log's: compare partition 1 exactly, byte for byte
        String[] p1 = {"-C", "-b", broker.bootstrapServers(), "-t", "kc-meta", "-p", "1", "-o", "beginning", "-e", "-q",
                "-f", "%o:%k:%s\\n"};
        assertEquals(kcat("", p1).out(), jrdkafka("", p1).out());
        // -c and -o -N
        String[] tail = {"-C", "-b", broker.bootstrapServers(), "-t", "kc-meta", "-p", "0", "-o", "-5", "-e", "-q", "-f", "%o %s\\n"};
        assertEquals(kcat("", tail).out(), jrdkafka("", tail).out());
        Run counted = jrdkafka("", "-C", "-b", broker.bootstrapServers(), "-t", "kc-meta", "-o", "beginning", "-c", "7", "-q");
        assertEquals(7, counted.out().lines().count(), counted.err());
    }

    @Test
    void jsonEnvelopesHaveTheSameFieldsAsKcats() throws Exception {
        String[] args = {"-C", "-b", broker.bootstrapServers(), "-t", "kc-meta", "-o", "beginning", "-e", "-q", "-J"};
        Run theirs = kcat("", args);
        Run mine = jrdkafka("", args);
        assertEquals(0, mine.status(), mine.err());
        assertEquals(301, mine.out().lines().count());
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> kcatByPosition = new HashMap<>();
        for (String line : theirs.out().lines().toList()) {
            JsonNode n = json.readTree(line);
            kcatByPosition.put(n.get("partition") + "/" + n.get("offset"), n);
        }
        for (String line : mine.out().lines().toList()) {
            JsonNode n = json.readTree(line);
            assertEquals(kcatByPosition.get(n.get("partition") + "/" + n.get("offset")), n, "the same fields and values: " + line);
            assertEquals(List.of("topic", "partition", "offset", "tstype", "ts", "broker", "headers", "key", "payload"),
                    iterable(n.fieldNames()), "kcat's order");
        }
        assertTrue(mine.out().contains("\"headers\":[\"h1\",\"a\",\"h2\",\"b\",\"novalue\",null]"), mine.out().lines().findFirst().orElse(""));
        // as kcat: yajl's escapes, byte for byte
        assertEquals(sortedLines(theirs.out()), sortedLines(mine.out()));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void queryingOffsetsByTimestampGivesKcatsOffsets() throws Exception {
        // a timestamp inside partition 1: that of its 10th record
        Run ts = jrdkafka("", "-C", "-b", broker.bootstrapServers(), "-t", "kc-meta", "-p", "1", "-o", "9", "-c", "1", "-q", "-f", "%T");
        assertEquals(0, ts.status(), ts.err());
        String[] args = {"-Q", "-b", broker.bootstrapServers(), "-t", "kc-meta:0:0", "-t", "kc-meta:1:" + ts.out(),
                "-t", "kc-meta:2:99999999999999", "-t", "kc-group:0:-2"};
        Run theirs = kcat("", args);
        Run mine = jrdkafka("", args);
        assertEquals(0, mine.status(), mine.err());
        assertEquals(theirs.out(), mine.out());
        assertTrue(mine.out().contains("kc-meta [0] offset 0\n"), mine.out());
        assertTrue(mine.out().contains("kc-meta [2] offset -1\n"), "no record that late: " + mine.out());
        String[] jsonArgs = Arrays.copyOf(args, args.length + 1);
        jsonArgs[args.length] = "-J";
        Run theirsJson = kcat("", jsonArgs);
        Run mineJson = jrdkafka("", jsonArgs);
        assertEquals(0, mineJson.status(), mineJson.err());
        assertEquals(new ObjectMapper().readTree(theirsJson.out()), new ObjectMapper().readTree(mineJson.out()));
        assertEquals(theirsJson.out(), mineJson.out(), "byte for byte, no newline after the object");
    }

    @Test
    void metadataAsJsonHasTheSameBrokersTopicsAndPartitions() throws Exception {
        String[] args = {"-L", "-J", "-b", broker.bootstrapServers(), "-t", "kc-meta"};
        JsonNode theirs = new ObjectMapper().readTree(kcat("", args).out());
        Run run = jrdkafka("", args);
        assertEquals(0, run.status(), run.err());
        JsonNode mine = new ObjectMapper().readTree(run.out());
        // the answering connection may differ (bootstrap or broker by id): compare the rest
        ((com.fasterxml.jackson.databind.node.ObjectNode) theirs).remove("originating_broker");
        ((com.fasterxml.jackson.databind.node.ObjectNode) mine).remove("originating_broker");
        assertEquals(theirs, mine);
        assertEquals(3, mine.get("topics").get(0).get("partitions").size());
    }

    @Test
    void teeEchoesTheInputAndDeserializersPrintAsKcatDoes() throws Exception {
        String input = "a:1\nb:2\n\nc:3";
        Run mine = jrdkafka(input, "-P", "-b", broker.bootstrapServers(), "-t", "kc-tee-jrdkafka", "-p", "0", "-K", ":", "-T");
        Run theirs = kcat(input, "-P", "-b", broker.bootstrapServers(), "-t", "kc-tee-kcat", "-p", "0", "-K", ":", "-T");
        assertEquals(0, mine.status(), mine.err());
        assertEquals(theirs.out(), mine.out(), "kcat 1.7.1 echoes each message without its delimiter");
        // binary keys and values through -s: 4-byte key, value = big-endian short, int, then text
        byte[] record = {0, 0, 0, 7, '|', 1, 0, 0, 0, 0, 2, 'h', 'i'};
        Run bin = jrdkafka(new String(record, StandardCharsets.ISO_8859_1), "-P", "-b", broker.bootstrapServers(), "-t", "kc-tee-jrdkafka",
                "-p", "1", "-K", "|");
        assertEquals(0, bin.status(), bin.err());
        for (String[] serdes : List.of(new String[] {"-s", "key=i", "-s", "value=h i s"}, new String[] {"-s", "value=<H>Hbb"},
                new String[] {"-s", "value=q"}, new String[] {"-E", "-s", "value=h$"})) {
            List<String> args = new ArrayList<>(List.of("-C", "-b", broker.bootstrapServers(), "-t", "kc-tee-jrdkafka", "-p", "1", "-e", "-q",
                    "-f", "%k|%s\\n"));
            args.addAll(Arrays.asList(serdes));
            Run k = kcat("", args.toArray(String[]::new));
            Run j = jrdkafka("", args.toArray(String[]::new));
            assertEquals(k.out(), j.out(), "stdout of " + args);
            assertEquals(k.status(), j.status(), "exit status of " + args + ": " + j.err());
            assertEquals(k.err(), j.err(), "stderr of " + args);
        }
    }

    @Test
    void aGroupMemberReadsEveryPartitionOnceAndStopsAtTheEnd() {
        Run produced = jrdkafka(INPUT, "-P", "-b", broker.bootstrapServers(), "-t", "kc-group", "-K", ":");
        assertEquals(0, produced.status(), produced.err());
        Run g = jrdkafka("", "-G", "kc-group-members", "-b", broker.bootstrapServers(), "-o", "beginning", "-e", "-q",
                "-f", "%k:%s\n", "kc-group");
        assertEquals(0, g.status(), g.err());
        assertEquals(INPUT.lines().sorted().toList(), sortedLines(g.out()), "every line once");
    }

    @Test
    void metadataListsTheSameBrokersTopicsAndPartitions() throws Exception {
        String[] args = {"-L", "-b", broker.bootstrapServers(), "-t", "kc-meta"};
        Run theirs = kcat("", args);
        Run mine = jrdkafka("", args);
        assertEquals(0, mine.status(), mine.err());
        // The first line names the connection that answered ("from broker 1: host:port/1", or
        // "-1: .../bootstrap" before the broker's id is known): compare the rest exactly.
        assertTrue(mine.out().startsWith("Metadata for kc-meta (from broker "), mine.out());
        assertEquals(sortedLines(withoutFirstLine(theirs.out())), sortedLines(withoutFirstLine(mine.out())));
        assertTrue(mine.out().contains("topic \"kc-meta\" with 3 partitions:"), mine.out());
    }

    @Test
    void badFlagsNameTheFlagAndExitWithOne() {
        Run r = jrdkafka("", "-C", "-b", broker.bootstrapServers());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("-C needs a topic"), r.err());
        Run q = jrdkafka("", "-Y");
        assertEquals(1, q.status());
        assertTrue(q.err().contains("option -Y is not supported"), q.err());
        Run registry = jrdkafka("", "-C", "-b", broker.bootstrapServers(), "-t", "kc-meta", "-r", "http://localhost:1");
        assertEquals(1, registry.status());
        assertTrue(registry.err().startsWith("% ERROR: not supported: -r"), registry.err());
        Run missing = jrdkafka("", "-C", "-b", broker.bootstrapServers(), "-t", "kc-meta", "-p", "7", "-e");
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("partition 7 does not exist"), missing.err());
    }
}
