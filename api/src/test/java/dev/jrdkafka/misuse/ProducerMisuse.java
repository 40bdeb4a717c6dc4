package dev.jrdkafka.misuse;

import static dev.jrdkafka.misuse.Expect.check;
import static dev.jrdkafka.misuse.Expect.thrown;
import static dev.jrdkafka.misuse.Fixtures.NO_BROKER;
import static dev.jrdkafka.misuse.Fixtures.TOPIC;
import static dev.jrdkafka.misuse.MisuseCase.of;

import dev.jrdkafka.Header;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Producer arguments and lifecycle: use after close, bad names, bad partitions, bad sizes. */
final class ProducerMisuse {
    private ProducerMisuse() {}

    private static Producer closedProducer() {
        Producer p = Producer.create(Fixtures.config(NO_BROKER));
        p.close();
        return p;
    }

    private static void withProducer(ThrowingProducer body) throws Throwable {
        try (MockCluster cluster = Fixtures.cluster(); Producer p = Fixtures.producer(cluster)) {
            body.accept(p);
        }
    }

    interface ThrowingProducer {
        void accept(Producer p) throws Throwable;
    }

    static List<MisuseCase> cases() {
        return List.of(
                of("producer-produce-after-close", "IllegalStateException \"this Producer is closed\"",
                        () -> thrown(IllegalStateException.class, "this Producer is closed",
                                () -> closedProducer().produce(TOPIC, 0, null, new byte[1]))),
                of("producer-send-after-close", "IllegalStateException \"this Producer is closed\"",
                        () -> thrown(IllegalStateException.class, "this Producer is closed",
                                () -> closedProducer().send(new ProducerRecord(TOPIC, new byte[1])))),
                of("producer-flush-after-close", "IllegalStateException \"this Producer is closed\"",
                        () -> thrown(IllegalStateException.class, "this Producer is closed",
                                () -> closedProducer().flush(Duration.ofSeconds(1)))),
                of("producer-metadata-after-close", "IllegalStateException \"this Producer is closed\"",
                        () -> thrown(IllegalStateException.class, "this Producer is closed",
                                () -> closedProducer().metadata(Duration.ofSeconds(1)))),
                of("producer-double-close", "the second close returns at once; isClosed() true", () -> {
                    Producer p = closedProducer();
                    Expect.within(Duration.ofMillis(500), "second close", p::close);
                    check(p.isClosed(), "isClosed after close");
                }),
                of("producer-close-null-timeout", "NullPointerException \"timeout\"; the producer stays usable", () -> {
                    try (Producer p = Producer.create(Fixtures.config(NO_BROKER))) {
                        thrown(NullPointerException.class, "timeout", () -> p.close(null));
                        check(!p.isClosed(), "a refused close leaves the producer open");
                    }
                }),
                of("producer-close-negative-timeout", "IllegalArgumentException \"timeout must be >= 0\"", () -> {
                    try (Producer p = Producer.create(Fixtures.config(NO_BROKER))) {
                        thrown(IllegalArgumentException.class, "timeout must be >= 0", () -> p.close(Duration.ofMillis(-1)));
                    }
                }),
                of("producer-close-huge-timeout", "close(Duration.ofMillis(Long.MAX_VALUE)) closes (no ArithmeticException)", () -> {
                    Producer p = Producer.create(Fixtures.config(NO_BROKER));
                    Expect.within(Duration.ofSeconds(5), "close(MAX)", () -> p.close(Duration.ofMillis(Long.MAX_VALUE)));
                    check(p.isClosed(), "closed");
                }),
                of("producer-null-topic", "NullPointerException \"topic\"", () -> withProducer(p ->
                        thrown(NullPointerException.class, "topic", () -> p.produce(null, 0, null, new byte[1])))),
                of("producer-empty-topic", "IllegalArgumentException naming the empty topic (fast path and send)", () -> withProducer(p -> {
                    thrown(IllegalArgumentException.class, "empty", () -> p.produce("", 0, null, new byte[1]));
                    thrown(IllegalArgumentException.class, "empty", () -> p.send(new ProducerRecord("", new byte[1])));
                })),
                of("producer-topic-with-nul", "IllegalArgumentException \"NUL\" (never truncated into another topic)", () -> withProducer(p ->
                        thrown(IllegalArgumentException.class, "NUL", () -> p.produce("t\0other", 0, null, new byte[1])))),
                of("producer-invalid-topic-chars", "IllegalArgumentException \"illegal topic name\" (fast path and send; a broker would fail it later, a mock cluster never)",
                        () -> withProducer(p -> {
                            thrown(IllegalArgumentException.class, "illegal topic name 'bad topic!'", () -> p.produce("bad topic!", 0, null, new byte[1]));
                            thrown(IllegalArgumentException.class, "illegal topic name", () -> p.send(new ProducerRecord("bad topic!", new byte[1])));
                        })),
                of("producer-non-ascii-topic", "IllegalArgumentException \"illegal topic name\" for a non-ASCII name",
                        () -> withProducer(p -> thrown(IllegalArgumentException.class, "illegal topic name",
                                () -> p.produce("tøpic-ü", 0, null, new byte[1])))),
                of("producer-topic-too-long", "IllegalArgumentException \"illegal topic name\" for 250 characters (Kafka allows 249)",
                        () -> withProducer(p -> thrown(IllegalArgumentException.class, "illegal topic name",
                                () -> p.produce("x".repeat(250), 0, null, new byte[1])))),
                of("producer-partition-out-of-range", "KafkaException _UNKNOWN_PARTITION for partition 7 of a 2-partition topic: thrown by send once the partition count is known, else the record's future fails with it",
                        () -> withProducer(p -> {
                            KafkaException e;
                            try {
                                var f = p.send(new ProducerRecord(TOPIC, 7, null, new byte[1]));
                                e = (KafkaException) thrown(ExecutionException.class, "", () -> f.get(20, TimeUnit.SECONDS)).getCause();
                            } catch (KafkaException thrownBySend) {
                                e = thrownBySend;
                            }
                            check(e.error() == KafkaError._UNKNOWN_PARTITION, "error: " + e);
                        })),
                of("producer-negative-partition", "IllegalArgumentException \"partition\" for -5 (-1 means any partition)",
                        () -> withProducer(p -> thrown(IllegalArgumentException.class, "partition",
                                () -> p.produce(TOPIC, -5, null, new byte[1])))),
                of("producer-oversized-value", "KafkaException MSG_SIZE_TOO_LARGE at produce (2 MiB > message.max.bytes 1 MB)",
                        () -> withProducer(p -> {
                            KafkaException e = thrown(KafkaException.class, "",
                                    () -> p.produce(TOPIC, 0, null, new byte[2 * 1024 * 1024]));
                            check(e.error() == KafkaError.MSG_SIZE_TOO_LARGE, "error: " + e.error() + " " + e.getMessage());
                        })),
                of("producer-flush-null", "NullPointerException \"timeout\"", () -> withProducer(p ->
                        thrown(NullPointerException.class, "timeout", () -> p.flush(null)))),
                of("producer-flush-negative", "IllegalArgumentException \"timeout must be >= 0\"", () -> withProducer(p ->
                        thrown(IllegalArgumentException.class, "timeout must be >= 0", () -> p.flush(Duration.ofMillis(-5))))),
                of("producer-purge-null", "NullPointerException \"scope\" (nothing purged)", () -> withProducer(p ->
                        thrown(NullPointerException.class, "scope", () -> p.purge(null)))),
                of("producer-header-null-key", "NullPointerException naming the header key", () ->
                        thrown(NullPointerException.class, "key", () -> new Header(null, new byte[1]))),
                of("producer-header-key-nul", "IllegalArgumentException \"NUL\" for a header key with NUL", () -> withProducer(p ->
                        thrown(IllegalArgumentException.class, "NUL", () -> p.send(new ProducerRecord(TOPIC, 0, null, new byte[1],
                                0, List.of(new Header("a\0b", "v".getBytes(StandardCharsets.UTF_8)))))))),
                of("producer-poll-with-poller-thread", "IllegalStateException: poll() is the poller thread's", () -> withProducer(p ->
                        thrown(IllegalStateException.class, "poller", () -> p.poll(Duration.ZERO)))),
                of("producer-options-null-timeout", "NullPointerException \"queueFullTimeout\"", () ->
                        thrown(NullPointerException.class, "queueFullTimeout", () -> ProducerOptions.defaults().withQueueFullTimeout(null))));
    }
}
