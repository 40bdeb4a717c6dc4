package dev.jrdkafka.misuse;

import static dev.jrdkafka.misuse.Expect.check;
import static dev.jrdkafka.misuse.Expect.thrown;
import static dev.jrdkafka.misuse.Fixtures.NO_BROKER;
import static dev.jrdkafka.misuse.Fixtures.TOPIC;
import static dev.jrdkafka.misuse.MisuseCase.of;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.config.ConfigException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import java.time.Duration;
import java.util.List;

/** Bad and conflicting configuration; the mock cluster misused. */
final class ConfigAndMockMisuse {
    private ConfigAndMockMisuse() {}

    private static MockCluster closedCluster() {
        MockCluster c = MockCluster.start(1);
        c.close();
        return c;
    }

    static List<MisuseCase> cases() {
        return List.of(
                of("config-unknown-key", "ConfigException naming the key", () ->
                        thrown(ConfigException.class, "no.such.property", () -> KafkaConfig.create().set("no.such.property", "1"))),
                of("config-bad-value", "ConfigException naming the key and value", () ->
                        thrown(ConfigException.class, "acks", () -> KafkaConfig.create().set("acks", "banana"))),
                of("config-bad-number", "ConfigException for linger.ms=-3", () ->
                        thrown(ConfigException.class, "linger.ms", () -> KafkaConfig.create().set("linger.ms", -3L))),
                of("config-null-key", "NullPointerException naming the key", () ->
                        thrown(NullPointerException.class, "key", () -> KafkaConfig.create().set(null, "x"))),
                of("config-null-value", "NullPointerException \"value is null\"", () ->
                        thrown(NullPointerException.class, "value is null", () -> KafkaConfig.create().set("acks", (String) null))),
                of("config-nul-in-value", "ConfigException \"NUL\"", () ->
                        thrown(ConfigException.class, "NUL", () -> KafkaConfig.create().set("client.id", "a\0b"))),
                of("config-empty-transactional-id", "IllegalArgumentException \"transactionalId must not be empty\"", () ->
                        thrown(IllegalArgumentException.class, "transactionalId must not be empty", () -> KafkaConfig.create().transactionalId(""))),
                of("config-empty-transactional-id-by-key", "ConfigException \"transactional.id must not be empty\" set by key too", () ->
                        thrown(ConfigException.class, "transactional.id must not be empty", () -> KafkaConfig.create().set("transactional.id", ""))),
                of("config-conflict-idempotence-acks", "IllegalArgumentException at create: \"librdkafka refused the configuration: `acks` must be set to `all` when `enable.idempotence` is true\"", () ->
                        thrown(IllegalArgumentException.class, "`acks` must be set to `all` when `enable.idempotence` is true", () -> Producer.create(Fixtures.config(NO_BROKER)
                                .set("enable.idempotence", true).set("acks", "0")).close())),
                of("config-consumer-without-group-subscribe", "IllegalStateException: subscribe needs a group.id", () -> {
                    try (Consumer c = Consumer.create(Fixtures.config(NO_BROKER))) {
                        thrown(IllegalStateException.class, "group.id", () -> c.subscribe(List.of(TOPIC)));
                    }
                }),
                of("config-no-bootstrap", "a producer without bootstrap.servers is created; a send fails after message.timeout.ms, reported", () -> {
                    try (Producer p = Producer.create(KafkaConfig.create().set("log_level", 0L).set("message.timeout.ms", 500L))) {
                        var e = thrown(java.util.concurrent.ExecutionException.class, "",
                                () -> p.send(new dev.jrdkafka.producer.ProducerRecord(TOPIC, new byte[1])).get(10, java.util.concurrent.TimeUnit.SECONDS));
                        check(e.getCause() instanceof dev.jrdkafka.KafkaException k && k.error() == KafkaError._MSG_TIMED_OUT, "cause " + e.getCause());
                    }
                }),
                of("mock-start-zero", "IllegalArgumentException \"a mock cluster needs 1 to 100 brokers, got 0\"", () ->
                        thrown(IllegalArgumentException.class, "got 0", () -> MockCluster.start(0))),
                of("mock-start-too-many", "IllegalArgumentException \"... got 101\"", () ->
                        thrown(IllegalArgumentException.class, "got 101", () -> MockCluster.start(101))),
                of("mock-use-after-close", "IllegalStateException \"this MockCluster is closed\"", () ->
                        thrown(IllegalStateException.class, "this MockCluster is closed", () -> closedCluster().createTopic("x", 1, 1))),
                of("mock-bootstrap-after-close", "IllegalStateException \"this MockCluster is closed\"", () ->
                        thrown(IllegalStateException.class, "this MockCluster is closed", () -> closedCluster().bootstrapServers())),
                of("mock-double-close", "the second close does nothing", () -> {
                    MockCluster c = closedCluster();
                    c.close();
                    check(c.isClosed(), "closed");
                }),
                of("mock-topic-zero-partitions", "IllegalArgumentException naming the partition count", () -> {
                    try (MockCluster c = MockCluster.start(1)) {
                        thrown(IllegalArgumentException.class, "partition", () -> c.createTopic("x", 0, 1));
                    }
                }),
                of("mock-unknown-broker", "IllegalArgumentException naming broker 99", () -> {
                    try (MockCluster c = MockCluster.start(1)) {
                        thrown(IllegalArgumentException.class, "99", () -> c.broker(99));
                    }
                }),
                of("mock-leader-out-of-range", "IllegalArgumentException for partition 5 of a 2-partition topic", () -> {
                    try (MockCluster c = Fixtures.cluster()) {
                        thrown(IllegalArgumentException.class, "5", () -> c.setPartitionLeader(TOPIC, 5, 1));
                    }
                }),
                of("mock-negative-rtt", "IllegalArgumentException for a negative RTT", () -> {
                    try (MockCluster c = MockCluster.start(1)) {
                        thrown(IllegalArgumentException.class, "rtt", () -> c.setAllBrokersRtt(Duration.ofMillis(-1)));
                    }
                }));
    }
}
