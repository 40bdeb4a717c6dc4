package dev.jrdkafka.misuse;

import static dev.jrdkafka.misuse.Expect.check;
import static dev.jrdkafka.misuse.Expect.eventually;
import static dev.jrdkafka.misuse.Fixtures.NO_BROKER;
import static dev.jrdkafka.misuse.Fixtures.TOPIC;
import static dev.jrdkafka.misuse.MisuseCase.of;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.RebalanceListener;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every kind of callback misbehaving: throwing a RuntimeException, throwing an Error, or
 * closing its own client. Expected throughout (documented on each listener): what a callback
 * throws is caught and logged and the client carries on; a close from inside a callback is
 * refused with IllegalStateException ("close() was called from inside a callback of this ...")
 * — librdkafka cannot destroy a client from its own callbacks — and the client stays usable.
 */
final class CallbackMisuse {
    private CallbackMisuse() {}

    /** What a misbehaving callback does. */
    enum Misbehaviour {
        RUNTIME_EXCEPTION, ERROR, CLOSE
    }

    private static final String REFUSED = "close() was called from inside a callback of this ";

    /** Does {@code how} with {@code client}; the refusal of a close is recorded in {@code seen}. */
    private static void misbehave(Misbehaviour how, AutoCloseable client, AtomicReference<Throwable> seen) {
        switch (how) {
            case RUNTIME_EXCEPTION -> throw new IllegalStateException("thrown by a test callback");
            case ERROR -> throw new StackOverflowError("thrown by a test callback");
            case CLOSE -> {
                try {
                    client.close();
                    seen.compareAndSet(null, new AssertionError("close() from inside a callback was not refused"));
                } catch (Throwable t) {
                    seen.compareAndSet(null, t);
                }
            }
        }
    }

    private static void checkRefusal(Misbehaviour how, AtomicReference<Throwable> seen) {
        if (how != Misbehaviour.CLOSE) return;
        Throwable t = seen.get();
        check(t instanceof IllegalStateException && t.getMessage().contains(REFUSED),
                "close from inside the callback: expected IllegalStateException \"" + REFUSED + "...\", got " + t);
    }

    private static String outcome(Misbehaviour how, String after) {
        return (how == Misbehaviour.CLOSE ? "close refused (IllegalStateException)" : "caught and logged") + "; " + after;
    }

    static List<MisuseCase> cases() {
        List<MisuseCase> cases = new java.util.ArrayList<>();
        for (Misbehaviour how : Misbehaviour.values()) {
            String m = how.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            cases.add(of("delivery-callback-" + m, outcome(how, "later records are still delivered and close is clean"),
                    () -> deliveryCallback(how)));
            cases.add(of("partitioner-" + m, how == Misbehaviour.CLOSE ? outcome(how, "the record is delivered")
                            : "the record fails with DeliveryFailedException _UNKNOWN_PARTITION (documented); the producer carries on",
                    () -> partitioner(how)));
            cases.add(of("rebalance-listener-" + m, outcome(how, "the partitions are assigned anyway and records consumed"),
                    () -> rebalance(how)));
            cases.add(of("commit-listener-" + m, outcome(how, "a later commit is reported to its listener"),
                    () -> commitListener(how)));
            cases.add(of("error-listener-" + m, outcome(how, "the listener keeps being told and close is clean"),
                    () -> errorListener(how)));
        }
        cases.add(of("delivery-listener-runtime-exception", outcome(Misbehaviour.RUNTIME_EXCEPTION, "every report still arrives"),
                CallbackMisuse::deliveryListenerThrows));
        cases.add(of("stats-listener-error", outcome(Misbehaviour.ERROR, "statistics keep coming"), CallbackMisuse::statsListenerThrows));
        cases.add(of("eof-listener-close", outcome(Misbehaviour.CLOSE, "the consumer keeps reading"), CallbackMisuse::eofListenerCloses));
        return cases;
    }

    private static void deliveryCallback(Misbehaviour how) throws Exception {
        try (MockCluster cluster = Fixtures.cluster()) {
            AtomicReference<Throwable> seen = new AtomicReference<>();
            AtomicInteger calls = new AtomicInteger();
            Producer p = Fixtures.producer(cluster);
            try (p) {
                for (int i = 0; i < 3; i++) {
                    p.send(new ProducerRecord(TOPIC, 0, null, new byte[1]), (md, err) -> {
                        calls.incrementAndGet();
                        misbehave(how, p, seen);
                    });
                }
                p.flush(Duration.ofSeconds(10));
                check(calls.get() == 3, "every callback ran: " + calls);
                check(!p.isClosed(), "the producer is still open");
                p.send(new ProducerRecord(TOPIC, 0, null, new byte[1])).get(10, TimeUnit.SECONDS);
            }
            checkRefusal(how, seen);
        }
    }

    private static void partitioner(Misbehaviour how) throws Exception {
        try (MockCluster cluster = Fixtures.cluster()) {
            AtomicReference<Throwable> seen = new AtomicReference<>();
            AtomicReference<Producer> self = new AtomicReference<>();
            AtomicInteger calls = new AtomicInteger();
            Producer p = Fixtures.producer(cluster.bootstrapServers(), ProducerOptions.defaults().withPartitioner((topic, key, n) -> {
                calls.incrementAndGet();
                misbehave(how, self.get(), seen);
                return 1;
            }));
            self.set(p);
            try (p) {
                var f = p.send(new ProducerRecord(TOPIC, "k".getBytes(), new byte[1]));
                if (how == Misbehaviour.CLOSE) {
                    check(f.get(10, TimeUnit.SECONDS).partition() == 1, "delivered to the partition returned");
                } else {
                    var e = Expect.thrown(java.util.concurrent.ExecutionException.class, "", () -> f.get(10, TimeUnit.SECONDS));
                    check(e.getCause() instanceof dev.jrdkafka.producer.DeliveryFailedException d
                            && d.error() == dev.jrdkafka.KafkaError._UNKNOWN_PARTITION, "cause: " + e.getCause());
                }
                check(calls.get() >= 1, "the partitioner ran");
                p.flush(Duration.ofSeconds(5));
            }
            checkRefusal(how, seen);
        }
    }

    private static void rebalance(Misbehaviour how) throws Exception {
        try (MockCluster cluster = Fixtures.cluster()) {
            Fixtures.fill(cluster, 3);
            AtomicReference<Throwable> seen = new AtomicReference<>();
            AtomicInteger assigned = new AtomicInteger();
            Consumer c = Fixtures.consumer(cluster, ConsumerOptions.defaults().withRebalanceListener(new RebalanceListener() {
                @Override
                public void onPartitionsAssigned(Consumer consumer, Collection<TopicPartition> partitions) {
                    assigned.incrementAndGet();
                    misbehave(how, consumer, seen);
                }
            }));
            try (c) {
                c.subscribe(List.of(TOPIC));
                int read = 0;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (read < 3 && System.nanoTime() < until) {
                    if (c.poll(Duration.ofMillis(100)) != null) read++;
                }
                check(assigned.get() >= 1, "the listener ran");
                check(read == 3, "records consumed after the listener misbehaved: " + read);
                check(c.assignment().size() == 2, "assigned: " + c.assignment());
            }
            checkRefusal(how, seen);
        }
    }

    private static void commitListener(Misbehaviour how) throws Exception {
        try (MockCluster cluster = Fixtures.cluster()) {
            Fixtures.fill(cluster, 2);
            AtomicReference<Throwable> seen = new AtomicReference<>();
            AtomicInteger outcomes = new AtomicInteger();
            Consumer c = Fixtures.consumer(cluster);
            try (c) {
                c.assign(List.of(new TopicPartition(TOPIC, 0)));
                eventually(Duration.ofSeconds(10), "a record", () -> c.poll(Duration.ofMillis(100)) != null);
                c.commitAsync((offsets, error) -> {
                    outcomes.incrementAndGet();
                    misbehave(how, c, seen);
                });
                eventually(Duration.ofSeconds(10), "the first outcome", () -> {
                    c.poll(Duration.ofMillis(50));
                    return outcomes.get() == 1;
                });
                AtomicReference<KafkaException> second = new AtomicReference<>();
                AtomicInteger secondCalls = new AtomicInteger();
                c.commitAsync(java.util.Map.of(new TopicPartition(TOPIC, 0), new dev.jrdkafka.OffsetAndMetadata(2)), (offsets, error) -> {
                    secondCalls.incrementAndGet();
                    second.set(error);
                });
                eventually(Duration.ofSeconds(10), "the second outcome", () -> {
                    c.poll(Duration.ofMillis(50));
                    return secondCalls.get() == 1;
                });
                check(second.get() == null, "second commit succeeded: " + second.get());
            }
            checkRefusal(how, seen);
        }
    }

    private static void errorListener(Misbehaviour how) throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Producer> self = new AtomicReference<>();
        // Reconnect often: an error event each time, and enough of them after create() returned.
        Producer p = Producer.create(Fixtures.config(NO_BROKER).set("reconnect.backoff.ms", 20L).set("reconnect.backoff.max.ms", 100L),
                ProducerOptions.defaults().withListener(ClientListener.onError(e -> {
                    Producer producer = self.get();
                    if (producer == null) return; // an error from before create() returned
                    errors.incrementAndGet();
                    misbehave(how, producer, seen);
                })));
        self.set(p);
        try (p) {
            eventually(Duration.ofSeconds(15), "two error events (no broker) after create() returned", () -> errors.get() >= 2);
            check(!p.isClosed(), "still open");
        }
        checkRefusal(how, seen);
    }

    private static void deliveryListenerThrows() throws Exception {
        try (MockCluster cluster = Fixtures.cluster()) {
            AtomicInteger reports = new AtomicInteger();
            try (Producer p = Fixtures.producer(cluster.bootstrapServers(), ProducerOptions.defaults().withDeliveryListener(r -> {
                reports.incrementAndGet();
                throw new IllegalStateException("thrown by a test delivery listener");
            }))) {
                for (int i = 0; i < 5; i++) p.produce(TOPIC, 0, null, new byte[1]);
                p.flush(Duration.ofSeconds(10));
                check(reports.get() == 5, "every report: " + reports);
            }
        }
    }

    private static void statsListenerThrows() throws Exception {
        AtomicInteger stats = new AtomicInteger();
        ClientListener l = new ClientListener() {
            @Override
            public void onStats(String json) {
                stats.incrementAndGet();
                throw new StackOverflowError("thrown by a test stats listener");
            }
        };
        try (Producer p = Producer.create(Fixtures.config(NO_BROKER).set("statistics.interval.ms", 100L),
                ProducerOptions.defaults().withListener(l))) {
            eventually(Duration.ofSeconds(10), "three statistics", () -> stats.get() >= 3);
            check(!p.isClosed(), "still open");
        }
    }

    private static void eofListenerCloses() throws Exception {
        try (MockCluster cluster = Fixtures.cluster()) {
            Fixtures.fill(cluster, 1);
            AtomicReference<Throwable> seen = new AtomicReference<>();
            AtomicInteger eofs = new AtomicInteger();
            Consumer c = Consumer.create(Fixtures.config(cluster.bootstrapServers()).groupId("eof").set("enable.partition.eof", true)
                    .set("auto.offset.reset", "earliest"), ConsumerOptions.defaults().withPartitionEofListener((consumer, tp, offset) -> {
                        eofs.incrementAndGet();
                        misbehave(Misbehaviour.CLOSE, consumer, seen);
                    }));
            try (c) {
                c.assign(List.of(new TopicPartition(TOPIC, 0)));
                eventually(Duration.ofSeconds(10), "an EOF", () -> {
                    c.poll(Duration.ofMillis(100));
                    return eofs.get() >= 1;
                });
                check(!c.isClosed(), "still open");
                c.poll(Duration.ofMillis(50));
            }
            checkRefusal(Misbehaviour.CLOSE, seen);
        }
    }
}
