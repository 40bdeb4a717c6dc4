package dev.jrdkafka.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.producer.RecordMetadata;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where keyed records land, as the producers' delivery reports say and as the broker's log
 * holds them: jrdkafka's {@code murmur2_random} against kafka-clients' default partitioner
 * (murmur2, {@code BuiltInPartitioner.partitionForKey}); jrdkafka's {@code consistent}
 * (CRC32), {@code fnv1a} and {@code murmur2_random} against the C tool kcat set the same.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(180)
class PartitionerParityIT {
    static final int KEYS = 10_000;

    /** Binary keys of 0..32 bytes (one empty), fixed seed, all distinct. */
    static List<byte[]> binaryKeys() {
        Random random = new Random(2323);
        Set<ByteBuffer> seen = new HashSet<>();
        List<byte[]> keys = new ArrayList<>();
        keys.add(new byte[0]);
        seen.add(ByteBuffer.wrap(keys.get(0)));
        while (keys.size() < KEYS) {
            byte[] k = new byte[1 + random.nextInt(32)];
            random.nextBytes(k);
            if (seen.add(ByteBuffer.wrap(k))) keys.add(k);
        }
        return keys;
    }

    /** Text keys for kcat's -K: input (no delimiter, no newline, not empty), fixed seed, distinct. */
    static List<String> textKeys() {
        Random random = new Random(4242);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
        Set<String> seen = new HashSet<>();
        List<String> keys = new ArrayList<>();
        while (keys.size() < KEYS) {
            StringBuilder b = new StringBuilder();
            for (int n = 1 + random.nextInt(24); n > 0; n--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            if (seen.add(b.toString())) keys.add(b.toString());
        }
        return keys;
    }

    static byte[] index(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 7, 64})
    void murmur2RandomPlacesKeysAsKafkaClients(int partitions, KafkaBroker broker) throws Exception {
        String rdTopic = "part-murmur2-rd-" + partitions;
        String kcTopic = "part-murmur2-kc-" + partitions;
        Clients.createTopic(broker, rdTopic, partitions);
        Clients.createTopic(broker, kcTopic, partitions);
        List<byte[]> keys = binaryKeys();

        int[] byRd = produceWithJrdkafka(broker, rdTopic, "murmur2_random", keys);
        int[] byKc = new int[KEYS];
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Clients.kcProducer(broker))) {
            List<Future<org.apache.kafka.clients.producer.RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) fs.add(p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(kcTopic, keys.get(i), index(i))));
            p.flush();
            for (int i = 0; i < KEYS; i++) byKc[i] = fs.get(i).get(30, TimeUnit.SECONDS).partition();
        }
        int differ = 0;
        String first = "";
        for (int i = 0; i < KEYS; i++) {
            assertEquals(BuiltInPartitioner.partitionForKey(keys.get(i), partitions), byKc[i], "kafka-clients' own formula, key " + i);
            if (byRd[i] != byKc[i]) {
                if (differ++ == 0) first = "key #" + i + " (" + keys.get(i).length + " bytes): jrdkafka " + byRd[i] + ", kafka-clients " + byKc[i];
            }
        }
        assertEquals(0, differ, differ + " of " + KEYS + " keys placed differently; first: " + first);
        // and the broker holds each where the reports said (read by the other client)
        assertPlacement(Clients.kcRead(broker, rdTopic, partitions, KEYS, "read_uncommitted").stream()
                .map(r -> new int[] {ByteBuffer.wrap(r.value()).getInt(), r.partition()}).toList(), byRd, rdTopic);
        assertPlacement(Clients.rdRead(broker, kcTopic, partitions, KEYS, "read_uncommitted").stream()
                .map(r -> new int[] {ByteBuffer.wrap(r.value()).getInt(), r.partition()}).toList(), byKc, kcTopic);
        if (partitions > 1) assertTrue(java.util.Arrays.stream(byRd).distinct().count() == partitions, "every partition used");
    }

    @ParameterizedTest(name = "{0}, {1} partitions")
    @CsvSource({"consistent, 7", "consistent, 64", "fnv1a, 7", "fnv1a, 64", "murmur2_random, 64"})
    void librdkafkaPartitionersPlaceKeysAsKcat(String partitioner, int partitions, KafkaBroker broker) throws Exception {
        var kcat = CTools.kcat();
        String rdTopic = "part-" + partitioner + "-rd-" + partitions;
        String cTopic = "part-" + partitioner + "-kcat-" + partitions;
        Clients.createTopic(broker, rdTopic, partitions);
        Clients.createTopic(broker, cTopic, partitions);
        List<String> keys = textKeys();
        List<byte[]> keyBytes = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        int[] byRd = produceWithJrdkafka(broker, rdTopic, partitioner, keyBytes);

        StringBuilder input = new StringBuilder();
        for (int i = 0; i < KEYS; i++) input.append(keys.get(i)).append(':').append(i).append('\n');
        CTools.Run produced = CTools.run(input.toString().getBytes(StandardCharsets.UTF_8), 60, kcat, "-P", "-b", broker.bootstrapServers(),
                "-t", cTopic, "-K", ":", "-X", "partitioner=" + partitioner);
        assertEquals(0, produced.status(), produced.err());
        int[] byC = new int[KEYS];
        java.util.Arrays.fill(byC, -1);
        for (ConsumerRecord r : Clients.rdRead(broker, cTopic, partitions, KEYS, "read_uncommitted")) {
            int i = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8));
            assertEquals(keys.get(i), new String(r.key(), StandardCharsets.UTF_8));
            byC[i] = r.partition();
        }
        int differ = 0;
        String first = "";
        for (int i = 0; i < KEYS; i++) {
            if (byRd[i] != byC[i] && differ++ == 0) first = "key '" + keys.get(i) + "': jrdkafka " + byRd[i] + ", kcat " + byC[i];
        }
        assertEquals(0, differ, differ + " of " + KEYS + " keys placed differently; first: " + first);
        assertTrue(java.util.Arrays.stream(byRd).distinct().count() == partitions, "every partition used");
    }

    /** Produces key i with value i; returns the partition each delivery report gave. */
    static int[] produceWithJrdkafka(KafkaBroker broker, String topic, String partitioner, List<byte[]> keys) throws Exception {
        int[] out = new int[keys.size()];
        try (Producer p = Producer.create(Clients.rd(broker).set("partitioner", partitioner).lingerMs(5))) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) fs.add(p.send(new ProducerRecord(topic, keys.get(i), index(i))));
            p.flush(Duration.ofSeconds(30));
            for (int i = 0; i < keys.size(); i++) out[i] = fs.get(i).get(30, TimeUnit.SECONDS).partition();
        }
        return out;
    }

    /** Each (value index, partition) read back is where the producer was told it went. */
    static void assertPlacement(List<int[]> read, int[] reported, String topic) {
        assertEquals(reported.length, read.size(), topic);
        boolean[] seen = new boolean[reported.length];
        for (int[] r : read) {
            assertEquals(reported[r[0]], r[1], topic + ": record " + r[0] + " is in another partition than reported");
            assertTrue(!seen[r[0]], topic + ": record " + r[0] + " twice");
            seen[r[0]] = true;
        }
    }
}
