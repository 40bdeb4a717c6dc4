package dev.jrdkafka.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same settings give the same outcome from jrdkafka and from librdkafka's C tools:
 * {@code rdkafka_performance} (built from the same librdkafka source) and Debian's
 * {@code kcat}. Compared: record counts and bytes (as rdkafka_performance's consumer counts
 * them), the partitions of keyed data, and checksums of the payloads read back.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class CToolsParityIT {
    static final int COUNT = 3_000;
    static final int SIZE = 200;
    static final String PATTERN = "librdkafka_performance testing!";
    static final Pattern CONSUMED = Pattern.compile("% (\\d+) messages \\((\\d+) bytes\\) consumed");

    /** rdkafka_performance -F's payload: its pattern repeated to the size, then "seq: " and a NUL written over the start. */
    static byte[] perfPayload(long seq, int size) {
        byte[] p = new byte[size];
        byte[] pattern = PATTERN.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) p[i] = pattern[i % pattern.length];
        byte[] prefix = (seq + ": ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, p, 0, prefix.length);
        p[prefix.length] = 0;
        return p;
    }

    @Test
    void rdkafkaPerformanceAndJrdkafkaWriteTheSame(KafkaBroker broker) throws Exception {
        Path perf = CTools.rdkafkaPerformance();
        int partitions = 4;
        String key = "parity-key";
        Clients.createTopic(broker, "cparity-perf-c", partitions);
        Clients.createTopic(broker, "cparity-perf-rd", partitions);
        CTools.Run c = CTools.run(new byte[0], 60, perf, "-P", "-t", "cparity-perf-c", "-b", broker.bootstrapServers(), "-s",
                String.valueOf(SIZE), "-c", String.valueOf(COUNT), "-k", key, "-F", "0", "-z", "gzip",
                "-X", "partitioner=murmur2_random", "-X", "linger.ms=5", "-a", "-1");
        assertEquals(0, c.status(), c.text() + c.err());
        try (Producer p = Producer.create(Clients.rd(broker).set("compression.codec", "gzip").set("partitioner", "murmur2_random")
                .lingerMs(5).set("acks", "-1"))) {
            for (int i = 0; i < COUNT; i++) p.send(new ProducerRecord("cparity-perf-rd", key.getBytes(StandardCharsets.UTF_8), perfPayload(i, SIZE)));
            p.flush(Duration.ofSeconds(30));
            assertEquals(0, p.outstanding());
        }
        Readback byC = readBack(broker, "cparity-perf-c", partitions, COUNT);
        Readback byRd = readBack(broker, "cparity-perf-rd", partitions, COUNT);
        int expected = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
        assertEquals(Map.of(expected, COUNT), byC.perPartition(), "rdkafka_performance: all in kafka-clients' partition for the key");
        assertEquals(byC.perPartition(), byRd.perPartition(), "the same partition for the same key");
        assertEquals(byC.checksum(), byRd.checksum(), "SHA-256 over the payloads in log order");
        // and the payloads are rdkafka_performance's, record by record
        for (int i = 0; i < COUNT; i++) assertArrayEquals(perfPayload(i, SIZE), byC.values().get(i), "payload " + i);
        // rdkafka_performance's consumer counts the same records and bytes in both topics
        long[] countC = perfConsume(perf, broker, "cparity-perf-c", partitions);
        long[] countRd = perfConsume(perf, broker, "cparity-perf-rd", partitions);
        assertArrayEquals(new long[] {COUNT, (long) COUNT * SIZE}, countC);
        assertArrayEquals(countC, countRd);
    }

    @Test
    void kcatAndJrdkafkaPlaceAndCarryKeyedDataAlike(KafkaBroker broker) throws Exception {
        Path kcat = CTools.kcat();
        int partitions = 5;
        Clients.createTopic(broker, "cparity-kcat-c", partitions);
        Clients.createTopic(broker, "cparity-kcat-rd", partitions);
        StringBuilder input = new StringBuilder();
        List<String[]> lines = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String k = "key-" + (i % 97);
            String v = "value " + i + " " + "x".repeat(i % 50);
            lines.add(new String[] {k, v});
            input.append(k).append(':').append(v).append('\n');
        }
        // librdkafka's default partitioner (consistent_random) and snappy, in both
        CTools.Run produced = CTools.run(input.toString().getBytes(StandardCharsets.UTF_8), 60, kcat, "-P", "-b", broker.bootstrapServers(),
                "-t", "cparity-kcat-c", "-K", ":", "-z", "snappy");
        assertEquals(0, produced.status(), produced.err());
        try (Producer p = Producer.create(Clients.rd(broker).set("compression.codec", "snappy").lingerMs(5))) {
            for (String[] l : lines) {
                p.send(new ProducerRecord("cparity-kcat-rd", l[0].getBytes(StandardCharsets.UTF_8), l[1].getBytes(StandardCharsets.UTF_8)));
            }
            p.flush(Duration.ofSeconds(30));
            assertEquals(0, p.outstanding());
        }
        String format = "%p|%k|%s\\n";
        CTools.Run a = CTools.run(new byte[0], 60, kcat, "-C", "-b", broker.bootstrapServers(), "-t", "cparity-kcat-c", "-o", "beginning", "-e", "-q", "-f", format);
        CTools.Run b = CTools.run(new byte[0], 60, kcat, "-C", "-b", broker.bootstrapServers(), "-t", "cparity-kcat-rd", "-o", "beginning", "-e", "-q", "-f", format);
        assertEquals(0, a.status(), a.err());
        assertEquals(0, b.status(), b.err());
        List<String> byC = a.text().lines().sorted().toList();
        List<String> byRd = b.text().lines().sorted().toList();
        assertEquals(COUNT, byC.size());
        assertEquals(sha256(byC), sha256(byRd), "checksum of partition|key|value lines");
        assertEquals(byC, byRd, "every key in the same partition with the same value");
        assertTrue(byC.stream().map(l -> l.substring(0, l.indexOf('|'))).distinct().count() > 1, "keys spread over partitions");
    }

    record Readback(Map<Integer, Integer> perPartition, List<byte[]> values, String checksum) {}

    /** Everything, read by jrdkafka: records per partition, values in (partition, offset) order, their SHA-256. */
    static Readback readBack(KafkaBroker broker, String topic, int partitions, int count) throws Exception {
        List<ConsumerRecord> records = new ArrayList<>(Clients.rdRead(broker, topic, partitions, count, "read_uncommitted"));
        records.sort((x, y) -> x.partition() != y.partition() ? Integer.compare(x.partition(), y.partition()) : Long.compare(x.offset(), y.offset()));
        Map<Integer, Integer> per = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<byte[]> values = new ArrayList<>();
        for (ConsumerRecord r : records) {
            per.merge(r.partition(), 1, Integer::sum);
            sha.update(r.key());
            sha.update(r.value());
            values.add(r.value());
        }
        return new Readback(per, values, HexFormat.of().formatHex(sha.digest()));
    }

    /** rdkafka_performance -C from the beginning to the end of every partition: {messages, bytes}. */
    static long[] perfConsume(Path perf, KafkaBroker broker, String topic, int partitions) throws Exception {
        List<String> args = new ArrayList<>(List.of("-C", "-t", topic, "-b", broker.bootstrapServers(), "-o", "beginning", "-e"));
        for (int p = 0; p < partitions; p++) args.addAll(List.of("-p", String.valueOf(p)));
        CTools.Run r = CTools.run(new byte[0], 60, perf, args.toArray(String[]::new));
        assertEquals(0, r.status(), r.text() + r.err());
        Matcher m = CONSUMED.matcher(r.text());
        long[] last = null;
        while (m.find()) last = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
        assertTrue(last != null, "no summary line from rdkafka_performance: " + r.text());
        return last;
    }

    static String sha256(List<String> lines) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String l : lines) sha.update((l + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }
}
