package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ./jrdkafka's kcat mode side by side with the real kcat (Debian's package, installed by
 * scripts/install-prerequisites.sh for the tests) on the real broker: the same input and
 * flags give the same keys, values and partitions, byte-identical -f output, and the same -L.
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
                    new NewTopic("kc-meta", 3, 1), new NewTopic("kc-group", 2, 1))).all().get(30, TimeUnit.SECONDS);
            for (String t : List.of("kc-by-jrdkafka", "kc-by-kcat")) AdminPartitionsIT.awaitLeaders(admin, t, 4);
            AdminPartitionsIT.awaitLeaders(admin, "kc-meta", 3);
            AdminPartitionsIT.awaitLeaders(admin, "kc-group", 2);
        }
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
        jrdkafka(INPUT, "-P", "-b", broker.bootstrapServers(), "-t", "kc-meta", "-K", ":", "-H", "h1=a", "-H", "h2=b");
        for (String format : List.of("%t %p %o %k=%s (%K/%S) [%h]\\n", "%s\\n", "%k\\t%s\\r\\n")) {
            String[] args = {"-C", "-b", broker.bootstrapServers(), "-t", "kc-meta", "-o", "beginning", "-e", "-q", "-f", format};
            Run theirs = kcat("", args);
            Run mine = jrdkafka("", args);
            assertEquals(0, mine.status(), mine.err());
            assertEquals(sortedLines(theirs.out()), sortedLines(mine.out()), "format " + format);
            assertEquals(300, mine.out().lines().count());
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
    }
}
