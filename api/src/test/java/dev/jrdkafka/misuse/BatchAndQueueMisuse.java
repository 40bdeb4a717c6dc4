package dev.jrdkafka.misuse;

import static dev.jrdkafka.misuse.Expect.check;
import static dev.jrdkafka.misuse.Expect.race;
import static dev.jrdkafka.misuse.Expect.thrown;
import static dev.jrdkafka.misuse.Fixtures.TOPIC;
import static dev.jrdkafka.misuse.MisuseCase.of;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.Queue;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.mock.MockCluster;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Record batches and views after close or on another thread; queues misused. */
final class BatchAndQueueMisuse {
    private BatchAndQueueMisuse() {}

    interface WithBatch {
        void accept(Consumer c, RecordBatch b) throws Throwable;
    }

    /** A consumer with a non-empty batch of partition 0's records (closed after {@code body} unless it closed it). */
    private static void withBatch(WithBatch body) throws Throwable {
        try (MockCluster cluster = Fixtures.cluster()) {
            Fixtures.fill(cluster, 3);
            try (Consumer c = Fixtures.consumer(cluster)) {
                c.assign(List.of(new TopicPartition(TOPIC, 0)));
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < until) {
                    RecordBatch b = c.pollBatch(10, Duration.ofMillis(200));
                    if (b.isEmpty()) {
                        b.close();
                        continue;
                    }
                    try (b) {
                        body.accept(c, b);
                    }
                    return;
                }
                throw new AssertionError("no batch in 10 s");
            }
        }
    }

    interface WithQueue {
        void accept(Consumer c, Queue q) throws Throwable;
    }

    private static void withQueue(WithQueue body) throws Throwable {
        try (MockCluster cluster = Fixtures.cluster(); Consumer c = Fixtures.consumer(cluster)) {
            c.assign(List.of(new TopicPartition(TOPIC, 0)));
            try (Queue q = c.newQueue()) {
                body.accept(c, q);
            }
        }
    }

    private static final String BATCH_CLOSED = "this RecordBatch is closed";

    static List<MisuseCase> cases() {
        return List.of(
                of("view-after-batch-close", "IllegalStateException \"" + BATCH_CLOSED + "\" from a kept view", () -> withBatch((c, b) -> {
                    RecordView v = b.get(0);
                    b.close();
                    thrown(IllegalStateException.class, BATCH_CLOSED, v::valueBytes);
                })),
                of("segment-after-batch-close", "IllegalStateException (closed arena) from a kept value segment, never freed memory", () -> withBatch((c, b) -> {
                    MemorySegment value = b.value(0);
                    b.close();
                    thrown(IllegalStateException.class, "closed", () -> value.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
                })),
                of("batch-accessor-after-close", "IllegalStateException \"" + BATCH_CLOSED + "\" from offset(0)", () -> withBatch((c, b) -> {
                    b.close();
                    thrown(IllegalStateException.class, BATCH_CLOSED, () -> b.offset(0));
                })),
                of("batch-double-close", "the second close does nothing", () -> withBatch((c, b) -> {
                    b.close();
                    b.close();
                    check(b.isClosed(), "closed");
                })),
                of("batch-index-out-of-range", "IndexOutOfBoundsException naming the index", () -> withBatch((c, b) ->
                        thrown(IndexOutOfBoundsException.class, String.valueOf(b.size()), () -> b.offset(b.size())))),
                of("view-on-other-thread", "WrongThreadException naming the owner thread", () -> withBatch((c, b) -> {
                    RecordView v = b.get(0);
                    AtomicReference<Throwable> seen = new AtomicReference<>();
                    race("other", () -> {
                        try {
                            v.valueBytes();
                        } catch (Throwable t) {
                            seen.set(t);
                        }
                    }).join(Duration.ofSeconds(5));
                    check(seen.get() instanceof WrongThreadException && seen.get().getMessage().contains(Thread.currentThread().getName()),
                            "got " + seen.get());
                })),
                of("batch-close-on-other-thread", "WrongThreadException; the batch stays open and usable on its thread", () -> withBatch((c, b) -> {
                    AtomicReference<Throwable> seen = new AtomicReference<>();
                    race("other", () -> {
                        try {
                            b.close();
                        } catch (Throwable t) {
                            seen.set(t);
                        }
                    }).join(Duration.ofSeconds(5));
                    check(seen.get() instanceof WrongThreadException, "got " + seen.get());
                    check(!b.isClosed() && b.valueBytes(0).length == 1, "still open and readable");
                })),
                of("queue-poll-after-close", "IllegalStateException naming the closed queue", () -> withQueue((c, q) -> {
                    q.close();
                    thrown(IllegalStateException.class, "closed", () -> q.poll(Duration.ZERO));
                })),
                of("queue-after-consumer-close", "IllegalStateException from a queue whose consumer closed", () -> {
                    try (MockCluster cluster = Fixtures.cluster()) {
                        Consumer c = Fixtures.consumer(cluster);
                        Queue q = c.newQueue();
                        c.close();
                        check(q.isClosed(), "closed with its consumer");
                        thrown(IllegalStateException.class, "closed", () -> q.pollBatch(1, Duration.ZERO));
                        thrown(IllegalStateException.class, "closed", () -> q.awaitReady(Duration.ZERO));
                    }
                }),
                of("queue-double-close", "the second close does nothing", () -> withQueue((c, q) -> {
                    q.close();
                    q.close();
                    check(q.isClosed(), "closed");
                })),
                of("queue-forward-to-null", "NullPointerException \"destination\"", () -> withQueue((c, q) ->
                        thrown(NullPointerException.class, "destination", () -> q.forwardTo(null)))),
                of("queue-forward-to-itself", "IllegalArgumentException: a queue cannot forward to itself", () -> withQueue((c, q) ->
                        thrown(IllegalArgumentException.class, "itself", () -> q.forwardTo(q)))),
                of("queue-forward-cycle", "IllegalArgumentException naming the cycle", () -> withQueue((c, q) -> {
                    try (Queue other = c.newQueue()) {
                        q.forwardTo(other);
                        thrown(IllegalArgumentException.class, "cycle", () -> other.forwardTo(q));
                    }
                })),
                of("queue-forward-other-consumer", "IllegalArgumentException \"librdkafka cannot forward a queue to another client's queue\"", () -> {
                    try (MockCluster cluster = Fixtures.cluster(); Consumer a = Fixtures.consumer(cluster); Consumer b = Fixtures.consumer(cluster);
                         Queue qa = a.newQueue(); Queue qb = b.newQueue()) {
                        thrown(IllegalArgumentException.class, "cannot forward a queue to another client's queue", () -> qa.forwardTo(qb));
                    }
                }),
                of("queue-onReady-throws", "the action's exception is caught and logged; the queue still works", () -> withQueue((c, q) -> {
                    AtomicInteger ran = new AtomicInteger();
                    q.onReady(() -> {
                        ran.incrementAndGet();
                        throw new IllegalStateException("thrown by a test onReady action");
                    });
                    c.commitAsyncTo(java.util.Map.of(new TopicPartition(TOPIC, 0), new dev.jrdkafka.OffsetAndMetadata(0)), q);
                    Expect.eventually(Duration.ofSeconds(10), "the action ran", () -> ran.get() > 0);
                    Expect.eventually(Duration.ofSeconds(10), "the commit result is still on the queue", () -> q.poll(Duration.ofMillis(100)) != null);
                    q.onReady(null);
                })),
                of("queue-onReady-closes-consumer", "close from the onReady action is refused or runs on the runner thread without deadlock; close of the test returns", () -> withQueue((c, q) -> {
                    AtomicReference<Throwable> seen = new AtomicReference<>();
                    q.onReady(() -> {
                        try {
                            c.close(Duration.ofSeconds(2));
                        } catch (Throwable t) {
                            seen.compareAndSet(null, t);
                        }
                    });
                    c.commitAsyncTo(java.util.Map.of(new TopicPartition(TOPIC, 0), new dev.jrdkafka.OffsetAndMetadata(0)), q);
                    Expect.eventually(Duration.ofSeconds(10), "the action ran and closed or was refused", () -> seen.get() != null || c.isClosed());
                })));
    }
}
