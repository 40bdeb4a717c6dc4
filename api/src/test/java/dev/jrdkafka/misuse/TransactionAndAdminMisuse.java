package dev.jrdkafka.misuse;

import static dev.jrdkafka.misuse.Expect.check;
import static dev.jrdkafka.misuse.Expect.thrown;
import static dev.jrdkafka.misuse.Expect.within;
import static dev.jrdkafka.misuse.Fixtures.NO_BROKER;
import static dev.jrdkafka.misuse.Fixtures.TOPIC;
import static dev.jrdkafka.misuse.MisuseCase.of;

import dev.jrdkafka.ConsumerGroupMetadata;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Transactions out of order or on the wrong producer; the admin client after close and with bad input. */
final class TransactionAndAdminMisuse {
    private TransactionAndAdminMisuse() {}

    interface WithTx {
        void accept(Producer p) throws Throwable;
    }

    private static void transactional(WithTx body) throws Throwable {
        try (MockCluster cluster = Fixtures.cluster();
             Producer p = Producer.create(Fixtures.config(cluster.bootstrapServers()).transactionalId("tx-" + System.nanoTime()))) {
            body.accept(p);
        }
    }

    static List<MisuseCase> cases() {
        return List.of(
                of("tx-begin-before-init", "KafkaException (_STATE) saying transactions are not initialized", () -> transactional(p ->
                        thrown(KafkaException.class, "", p::beginTransaction))),
                of("tx-commit-without-begin", "KafkaException (_STATE) from commitTransaction without a transaction", () -> transactional(p -> {
                    p.initTransactions(Duration.ofSeconds(10));
                    thrown(KafkaException.class, "", () -> p.commitTransaction(Duration.ofSeconds(5)));
                })),
                of("tx-begin-twice", "KafkaException (_STATE) from a second beginTransaction", () -> transactional(p -> {
                    p.initTransactions(Duration.ofSeconds(10));
                    p.beginTransaction();
                    thrown(KafkaException.class, "", p::beginTransaction);
                    p.abortTransaction(Duration.ofSeconds(5));
                })),
                of("tx-init-non-transactional", "KafkaException from initTransactions on a producer without transactional.id", () -> {
                    try (Producer p = Producer.create(Fixtures.config(NO_BROKER))) {
                        thrown(KafkaException.class, "", () -> p.initTransactions(Duration.ofSeconds(2)));
                    }
                }),
                of("tx-send-offsets-empty-group", "IllegalArgumentException for an empty group id, at once (was > 60 s)", () -> transactional(p -> {
                    p.initTransactions(Duration.ofSeconds(10));
                    p.beginTransaction();
                    within(Duration.ofSeconds(6), "sendOffsetsToTransaction", () -> thrown(IllegalArgumentException.class, "group",
                            () -> p.sendOffsetsToTransaction(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(1)),
                                    new ConsumerGroupMetadata("", -1, "", null), Duration.ofSeconds(5))));
                    p.abortTransaction(Duration.ofSeconds(5));
                })),
                of("tx-close-in-transaction", "close() during an open transaction returns within its bound", () -> transactional(p -> {
                    p.initTransactions(Duration.ofSeconds(10));
                    p.beginTransaction();
                    p.produce(TOPIC, 0, null, new byte[1]);
                    within(Duration.ofSeconds(8), "close", () -> p.close(Duration.ofSeconds(5)));
                })),
                of("admin-after-close", "IllegalStateException \"this Admin is closed\"", () -> {
                    Admin a = Admin.create(Fixtures.config(NO_BROKER));
                    a.close();
                    thrown(IllegalStateException.class, "is closed", () -> a.metadata(Duration.ofSeconds(1)));
                }),
                of("admin-of-closed-producer", "IllegalStateException: the producer is closed", () -> {
                    Producer p = Producer.create(Fixtures.config(NO_BROKER));
                    p.close();
                    thrown(IllegalStateException.class, "closed", () -> Admin.of(p));
                }),
                of("admin-outlives-its-producer", "IllegalStateException from an Admin whose producer was closed", () -> {
                    try (MockCluster cluster = Fixtures.cluster()) {
                        Producer p = Fixtures.producer(cluster);
                        Admin a = Admin.of(p);
                        p.close();
                        thrown(IllegalStateException.class, "closed", () -> a.metadata(Duration.ofSeconds(1)));
                    }
                }),
                of("admin-create-invalid-topic", "IllegalArgumentException \"illegal topic name\" from NewTopic (a mock cluster never answered the request)", () ->
                        thrown(IllegalArgumentException.class, "illegal topic name 'bad topic!'", () -> new NewTopic("bad topic!", 1, 1))),
                of("admin-duplicate-topics", "IllegalArgumentException naming the duplicate", () -> {
                    try (Admin a = Admin.create(Fixtures.config(NO_BROKER))) {
                        thrown(IllegalArgumentException.class, "x", () -> a.createTopics(List.of(new NewTopic("x", 1, 1), new NewTopic("x", 1, 1))));
                    }
                }),
                of("admin-null-topics", "NullPointerException naming the argument", () -> {
                    try (Admin a = Admin.create(Fixtures.config(NO_BROKER))) {
                        thrown(NullPointerException.class, "topics", () -> a.createTopics(null));
                    }
                }));
    }
}
