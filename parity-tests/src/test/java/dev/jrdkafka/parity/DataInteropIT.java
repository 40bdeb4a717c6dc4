package dev.jrdkafka.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.Header;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.TimestampType;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.producer.RecordMetadata;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What one client writes, the other reads byte for byte: keys, values, headers (repeated
 * keys, null values, in order), create-time and log-append-time timestamps, null keys and
 * values, empty payloads and a 1 MiB payload, for every codec, in both directions. One
 * topic per codec, direction and timestamp type.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class DataInteropIT {
    /** Create times far from now, so a log-append time cannot be mistaken for them. */
    static final long BASE_TIME = 1_600_000_000_000L;
    static final int MIB = 1 << 20;
    static final int COMPRESSIBLE = 256 * 1024;

    enum Direction { JRDKAFKA_TO_KAFKA_CLIENTS, KAFKA_CLIENTS_TO_JRDKAFKA }

    /** A record as both clients see it. */
    record Sample(byte[] key, byte[] value, List<Header> headers, long createTime) {}

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String codec : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
            for (Direction d : Direction.values()) {
                for (boolean logAppend : List.of(false, true)) out.add(Arguments.of(codec, d, logAppend));
            }
        }
        return out.stream();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The samples: fixed seed, so both directions send the same bytes. */
    static List<Sample> samples() {
        Random random = new Random(23);
        List<Sample> s = new ArrayList<>();
        long t = BASE_TIME;
        s.add(new Sample(utf8("k0"), utf8("v0"), List.of(new Header("h", utf8("a")), new Header("h", utf8("b")),
                new Header("nul", null), new Header("h", new byte[0])), t++));
        s.add(new Sample(null, utf8("null key"), List.of(), t++));
        s.add(new Sample(utf8("null value"), null, List.of(new Header("only", null)), t++));
        s.add(new Sample(null, null, List.of(), t++));
        s.add(new Sample(new byte[0], new byte[0], List.of(new Header("", new byte[0])), t++));
        // compressible: with a codec the log must be smaller by most of it (see logBytes)
        s.add(new Sample(utf8("compressible"), utf8("parity ".repeat(COMPRESSIBLE / 7)), List.of(), t++));
        byte[] big = new byte[MIB];
        random.nextBytes(big);
        s.add(new Sample(utf8("one MiB"), big, List.of(new Header("size", utf8("1048576"))), t++));
        for (int i = 0; i < 20; i++) {
            byte[] k = new byte[random.nextInt(40)];
            byte[] v = new byte[random.nextInt(2000)];
            random.nextBytes(k);
            random.nextBytes(v);
            List<Header> hs = new ArrayList<>();
            for (int h = random.nextInt(4); h > 0; h--) {
                byte[] hv = random.nextBoolean() ? null : new byte[random.nextInt(30)];
                if (hv != null) random.nextBytes(hv);
                hs.add(new Header("x-" + random.nextInt(3), hv));
            }
            s.add(new Sample(k, v, hs, t++));
        }
        return s;
    }

    @ParameterizedTest(name = "{0} {1} logAppendTime={2}")
    @MethodSource("cases")
    void bytesSurviveTheTrip(String codec, Direction direction, boolean logAppendTime, KafkaBroker broker) throws Exception {
        String topic = "interop-" + codec + "-" + (direction == Direction.JRDKAFKA_TO_KAFKA_CLIENTS ? "rd2kc" : "kc2rd")
                + (logAppendTime ? "-lat" : "-ct");
        Clients.createTopic(broker, topic, 1, Map.of("message.timestamp.type", logAppendTime ? "LogAppendTime" : "CreateTime",
                "max.message.bytes", String.valueOf(4 * MIB)));
        List<Sample> samples = samples();
        long before = System.currentTimeMillis();
        List<Long> written = direction == Direction.JRDKAFKA_TO_KAFKA_CLIENTS
                ? produceWithJrdkafka(broker, topic, codec, samples) : produceWithKafkaClients(broker, topic, codec, samples);
        long after = System.currentTimeMillis();
        List<Got> got = direction == Direction.JRDKAFKA_TO_KAFKA_CLIENTS
                ? Clients.kcRead(broker, topic, 1, samples.size(), "read_uncommitted").stream().map(Got::of).toList()
                : Clients.rdRead(broker, topic, 1, samples.size(), "read_uncommitted").stream().map(Got::of).toList();
        assertEquals(samples.size(), got.size());
        // the producer did compress (or not): the broker keeps batches as they came
        long logBytes = logBytes(broker, topic);
        if (codec.equals("none")) assertTrue(logBytes > MIB + COMPRESSIBLE, topic + ": " + logBytes + " bytes in the log");
        else assertTrue(logBytes < MIB + COMPRESSIBLE / 4, topic + ": " + logBytes + " bytes in the log, not compressed with " + codec);
        for (int i = 0; i < samples.size(); i++) {
            Sample want = samples.get(i);
            Got r = got.get(i);
            String at = topic + " record " + i;
            assertEquals(i, r.offset(), at);
            assertArrayEquals(want.key(), r.key(), at + " key");
            assertArrayEquals(want.value(), r.value(), at + " value");
            assertEquals(want.headers(), r.headers(), at + " headers (order, repeated keys, null values)");
            if (logAppendTime) {
                assertEquals(TimestampType.LOG_APPEND_TIME, r.type(), at);
                assertEquals(written.get(i), r.timestamp(), at + ": the log-append time the producer was told");
                assertTrue(r.timestamp() >= before - 1000 && r.timestamp() <= after + 1000, at + " log-append time " + r.timestamp());
            } else {
                assertEquals(TimestampType.CREATE_TIME, r.type(), at);
                assertEquals(want.createTime(), r.timestamp(), at + " create time");
                assertEquals(want.createTime(), written.get(i), at + ": the producer's timestamp");
            }
        }
    }

    /** The size of the partition's log segments in the broker's data directory. */
    static long logBytes(KafkaBroker broker, String topic) throws java.io.IOException {
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(broker.directory())) {
            List<java.nio.file.Path> logs = files.filter(f -> f.getParent() != null && f.getParent().getFileName().toString().equals(topic + "-0")
                    && f.getFileName().toString().endsWith(".log")).toList();
            assertTrue(!logs.isEmpty(), "no log segment of " + topic + " under " + broker.directory());
            long sum = 0;
            for (java.nio.file.Path f : logs) sum += java.nio.file.Files.size(f);
            return sum;
        }
    }

    /** A consumed record of either client, as jrdkafka's types. */
    record Got(long offset, byte[] key, byte[] value, List<Header> headers, long timestamp, TimestampType type) {
        static Got of(ConsumerRecord r) {
            return new Got(r.offset(), r.key(), r.value(), r.headers(), r.timestamp(), r.timestampType());
        }

        static Got of(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r) {
            List<Header> hs = new ArrayList<>();
            r.headers().forEach(h -> hs.add(new Header(h.key(), h.value())));
            TimestampType t = switch (r.timestampType()) {
                case CREATE_TIME -> TimestampType.CREATE_TIME;
                case LOG_APPEND_TIME -> TimestampType.LOG_APPEND_TIME;
                case NO_TIMESTAMP_TYPE -> TimestampType.NONE;
            };
            return new Got(r.offset(), r.key(), r.value(), hs, r.timestamp(), t);
        }
    }

    /** Produces in order (one in flight is not needed: idempotence keeps the order); returns the timestamps reported. */
    static List<Long> produceWithJrdkafka(KafkaBroker broker, String topic, String codec, List<Sample> samples) throws Exception {
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        try (Producer p = Producer.create(Clients.rd(broker).set("compression.codec", codec).enableIdempotence(true)
                .set("message.max.bytes", 4L * MIB).lingerMs(5))) {
            for (Sample s : samples) {
                futures.add(p.send(new ProducerRecord(topic, 0, s.key(), s.value(), s.createTime(), s.headers())));
            }
            p.flush(Duration.ofSeconds(30));
            List<Long> ts = new ArrayList<>();
            for (CompletableFuture<RecordMetadata> f : futures) ts.add(f.get(30, TimeUnit.SECONDS).timestamp());
            return ts;
        }
    }

    static List<Long> produceWithKafkaClients(KafkaBroker broker, String topic, String codec, List<Sample> samples) throws Exception {
        Properties props = Clients.kcProducer(broker);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * MIB));
        List<Future<org.apache.kafka.clients.producer.RecordMetadata>> futures = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props)) {
            for (Sample s : samples) {
                List<org.apache.kafka.common.header.Header> hs = new ArrayList<>();
                for (Header h : s.headers()) hs.add(new RecordHeader(h.key(), h.value()));
                futures.add(p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, s.createTime(), s.key(), s.value(), hs)));
            }
            p.flush();
            List<Long> ts = new ArrayList<>();
            for (var f : futures) ts.add(f.get(30, TimeUnit.SECONDS).timestamp());
            return ts;
        }
    }
}
