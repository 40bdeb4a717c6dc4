package dev.jrdkafka.misuse;

import static dev.jrdkafka.misuse.Expect.check;
import static dev.jrdkafka.misuse.Expect.thrown;
import static dev.jrdkafka.misuse.Fixtures.NO_BROKER;
import static dev.jrdkafka.misuse.Fixtures.TOPIC;
import static dev.jrdkafka.misuse.MisuseCase.of;

import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.WakeupException;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Consumer arguments and lifecycle: use after close, bad topics and partitions, threads. */
final class ConsumerMisuse {
    private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);

    private ConsumerMisuse() {}

    private static Consumer closedConsumer() {
        Consumer c = Consumer.create(Fixtures.config(NO_BROKER).groupId("g"));
        c.close();
        return c;
    }

    interface ThrowingConsumer {
        void accept(Consumer c) throws Throwable;
    }

    private static void withConsumer(ThrowingConsumer body) throws Throwable {
        try (MockCluster cluster = Fixtures.cluster(); Consumer c = Fixtures.consumer(cluster)) {
            body.accept(c);
        }
    }

    static List<MisuseCase> cases() {
        return List.of(
                of("consumer-poll-after-close", "IllegalStateException \"this Consumer is closed\"", () ->
                        thrown(IllegalStateException.class, "this Consumer is closed", () -> closedConsumer().poll(Duration.ZERO))),
                of("consumer-pollBatch-after-close", "IllegalStateException \"this Consumer is closed\"", () ->
                        thrown(IllegalStateException.class, "this Consumer is closed",
                                () -> closedConsumer().pollBatch(10, Duration.ZERO))),
                of("consumer-commit-after-close", "IllegalStateException \"this Consumer is closed\"", () ->
                        thrown(IllegalStateException.class, "this Consumer is closed", () -> closedConsumer().commitSync())),
                of("consumer-subscribe-after-close", "IllegalStateException \"this Consumer is closed\"", () ->
                        thrown(IllegalStateException.class, "this Consumer is closed",
                                () -> closedConsumer().subscribe(List.of(TOPIC)))),
                of("consumer-queue-after-close", "IllegalStateException \"this Consumer is closed\" from newQueue()", () ->
                        thrown(IllegalStateException.class, "this Consumer is closed", () -> closedConsumer().newQueue())),
                of("consumer-double-close", "the second close returns at once", () -> {
                    Consumer c = closedConsumer();
                    Expect.within(Duration.ofMillis(500), "second close", c::close);
                    check(c.isClosed(), "closed");
                }),
                of("consumer-close-huge-timeout", "close(Duration.ofMillis(Long.MAX_VALUE)) closes", () -> {
                    Consumer c = Consumer.create(Fixtures.config(NO_BROKER).groupId("g"));
                    Expect.within(Duration.ofSeconds(10), "close(MAX)", () -> c.close(Duration.ofMillis(Long.MAX_VALUE)));
                    check(c.isClosed(), "closed");
                }),
                of("consumer-subscribe-null", "NullPointerException \"topics\"", () -> withConsumer(c ->
                        thrown(NullPointerException.class, "topics", () -> c.subscribe(null)))),
                of("consumer-subscribe-empty", "IllegalArgumentException \"subscribe needs at least one topic; use unsubscribe() to leave\"", () -> withConsumer(c ->
                        thrown(IllegalArgumentException.class, "subscribe needs at least one topic", () -> c.subscribe(List.of())))),
                of("consumer-subscribe-nul-topic", "IllegalArgumentException \"NUL\"", () -> withConsumer(c ->
                        thrown(IllegalArgumentException.class, "NUL", () -> c.subscribe(List.of("t\0x"))))),
                of("consumer-assign-nul-topic", "IllegalArgumentException \"NUL\"", () -> withConsumer(c ->
                        thrown(IllegalArgumentException.class, "NUL", () -> c.assign(List.of(new TopicPartition("t\0x", 0)))))),
                of("consumer-negative-partition", "IllegalArgumentException \"partition must be >= 0\"", () ->
                        thrown(IllegalArgumentException.class, "partition must be >= 0", () -> new TopicPartition(TOPIC, -1))),
                of("consumer-pollBatch-zero", "IllegalArgumentException \"maxRecords\"", () -> withConsumer(c ->
                        thrown(IllegalArgumentException.class, "maxRecords", () -> c.pollBatch(0, Duration.ZERO)))),
                of("consumer-pollBatch-huge", "pollBatch(Integer.MAX_VALUE) and pollBatch(2^30) return the records there (at most 65,536 per batch), no OutOfMemoryError",
                        () -> {
                            try (MockCluster cluster = Fixtures.cluster(); Consumer c = Fixtures.consumer(cluster)) {
                                Fixtures.fill(cluster, 100);
                                c.assign(List.of(TP0));
                                int read = 0;
                                long until = System.nanoTime() + 10_000_000_000L;
                                while (read < 100 && System.nanoTime() < until) {
                                    try (var b = c.pollBatch(read == 0 ? Integer.MAX_VALUE : 1 << 30, Duration.ofMillis(200))) {
                                        read += b.size();
                                    }
                                }
                                check(read == 100, "read " + read);
                            }
                        }),
                of("consumer-poll-null-timeout", "NullPointerException \"timeout\"", () -> withConsumer(c ->
                        thrown(NullPointerException.class, "timeout", () -> c.poll(null)))),
                of("consumer-commit-negative-offset", "IllegalArgumentException naming the offset (commits nothing silently otherwise)",
                        () -> withConsumer(c -> thrown(IllegalArgumentException.class, "offset",
                                () -> c.commitSync(Map.of(TP0, new OffsetAndMetadata(-5)))))),
                of("consumer-pause-unassigned", "IllegalStateException naming the partition that is not assigned", () -> withConsumer(c ->
                        thrown(IllegalStateException.class, "not assigned", () -> c.pause(List.of(TP0))))),
                of("consumer-assign-out-of-range", "assign of partition 9 of a 2-partition topic: poll throws KafkaException UNKNOWN_TOPIC_OR_PART naming it; close is clean",
                        () -> withConsumer(c -> {
                            c.assign(List.of(new TopicPartition(TOPIC, 9)));
                            long until = System.nanoTime() + 10_000_000_000L;
                            dev.jrdkafka.KafkaException e = null;
                            while (e == null && System.nanoTime() < until) {
                                try {
                                    c.poll(Duration.ofMillis(200));
                                } catch (dev.jrdkafka.KafkaException k) {
                                    e = k;
                                }
                            }
                            check(e != null && e.error() == dev.jrdkafka.KafkaError.UNKNOWN_TOPIC_OR_PART && e.getMessage().contains("t [9]"),
                                    "got " + e);
                        })),
                of("consumer-poll-two-threads", "ConcurrentModificationException naming both threads", () -> withConsumer(c -> {
                    c.assign(List.of(TP0));
                    Expect.Racer r = Expect.race("other-poller", () -> c.poll(Duration.ofSeconds(2)));
                    Thread.sleep(300);
                    thrown(ConcurrentModificationException.class, "other-poller", () -> c.poll(Duration.ZERO));
                    r.join(Duration.ofSeconds(5));
                })),
                of("consumer-wakeup-then-poll", "WakeupException from the next poll, then polls work again", () -> withConsumer(c -> {
                    c.assign(List.of(TP0));
                    c.wakeup();
                    thrown(WakeupException.class, "", () -> c.poll(Duration.ofSeconds(5)));
                    check(c.poll(Duration.ofMillis(100)) == null, "a later poll works");
                })),
                of("consumer-assignment-after-close", "IllegalStateException \"this Consumer is closed\"", () ->
                        thrown(IllegalStateException.class, "this Consumer is closed", () -> closedConsumer().assignment())),
                of("consumer-committed-empty", "committed(empty set) returns an empty map", () -> withConsumer(c ->
                        check(c.committed(Set.of(), Duration.ofSeconds(5)).isEmpty(), "empty"))));
    }
}
