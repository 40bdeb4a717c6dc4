package dev.jrdkafka.misuse;

import static dev.jrdkafka.misuse.Expect.check;
import static dev.jrdkafka.misuse.Expect.eventually;
import static dev.jrdkafka.misuse.Expect.race;
import static dev.jrdkafka.misuse.Expect.within;
import static dev.jrdkafka.misuse.Fixtures.NO_BROKER;
import static dev.jrdkafka.misuse.Fixtures.TOPIC;
import static dev.jrdkafka.misuse.MisuseCase.of;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.Queue;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * close() racing with calls on other threads, closes on interrupted threads, clients
 * dropped without close while busy, and a mock cluster closed under its clients. Expected:
 * close returns within its bound; the other thread's call either completes or throws
 * IllegalStateException "... is closed" — never a crash, a hang or another exception.
 */
final class RaceMisuse {
    private RaceMisuse() {}

    /** The racer's failure must be absent or the "is closed" refusal. */
    private static void closedOrNothing(Throwable t, String what) {
        check(t == null || (t instanceof IllegalStateException && t.getMessage().contains("is closed")),
                what + " on the other thread: expected success or IllegalStateException \"... is closed\", got " + t);
        if (t != null && !(t instanceof IllegalStateException)) t.printStackTrace();
    }

    static List<MisuseCase> cases() {
        return List.of(
                of("close-racing-produce", "close within 5 s; the producing thread stops with IllegalStateException", () -> {
                    Producer p = Producer.create(Fixtures.config(NO_BROKER).set("queue.buffering.max.messages", 1_000_000L));
                    AtomicBoolean started = new AtomicBoolean();
                    Expect.Racer r = race("producing", () -> {
                        for (int i = 0; i < 10_000_000; i++) {
                            p.produce(TOPIC, 0, null, new byte[10]);
                            started.set(true);
                        }
                    });
                    eventually(Duration.ofSeconds(5), "producing", started::get);
                    within(Duration.ofSeconds(6), "close", () -> p.close(Duration.ofSeconds(2)));
                    Throwable t = r.join(Duration.ofSeconds(5));
                    check(t instanceof IllegalStateException, "producer thread stopped by close: " + t);
                }),
                of("close-racing-flush", "close within 5 s while another thread is in flush(30 s) to a cluster that is down; flush returns (the record failed) or throws IllegalStateException", () -> {
                    Producer p = Producer.create(Fixtures.config(NO_BROKER));
                    p.produce(TOPIC, 0, null, new byte[1]);
                    Expect.Racer r = race("flushing", () -> p.flush(Duration.ofSeconds(30)));
                    Thread.sleep(200);
                    within(Duration.ofSeconds(5), "close", () -> p.close(Duration.ofSeconds(2)));
                    closedOrNothing(r.join(Duration.ofSeconds(5)), "flush");
                }),
                of("close-racing-producer-poll", "close within 5 s while another thread is in poll(20 s) (no poller thread)", () -> {
                    Producer p = Producer.create(Fixtures.config(NO_BROKER), ProducerOptions.defaults().withPollerThread(false));
                    Expect.Racer r = race("polling", () -> p.poll(Duration.ofSeconds(20)));
                    Thread.sleep(200);
                    within(Duration.ofSeconds(5), "close", () -> p.close(Duration.ofSeconds(2)));
                    closedOrNothing(r.join(Duration.ofSeconds(5)), "poll");
                }),
                of("close-racing-consumer-poll", "close within 5 s while another thread is in poll(20 s)", () -> {
                    try (MockCluster cluster = Fixtures.cluster()) {
                        Consumer c = Fixtures.consumer(cluster);
                        c.assign(List.of(new TopicPartition(TOPIC, 0)));
                        Expect.Racer r = race("polling", () -> c.poll(Duration.ofSeconds(20)));
                        Thread.sleep(300);
                        within(Duration.ofSeconds(5), "close", () -> c.close(Duration.ofSeconds(3)));
                        closedOrNothing(r.join(Duration.ofSeconds(5)), "poll");
                    }
                }),
                of("close-racing-pollBatch", "close within 5 s while another thread loops on pollBatch", () -> {
                    try (MockCluster cluster = Fixtures.cluster()) {
                        Fixtures.fill(cluster, 100);
                        Consumer c = Fixtures.consumer(cluster);
                        AtomicInteger read = new AtomicInteger();
                        Expect.Racer r = race("polling", () -> {
                            c.assign(List.of(new TopicPartition(TOPIC, 0)));
                            while (true) {
                                try (RecordBatch b = c.pollBatch(10, Duration.ofMillis(100))) {
                                    read.addAndGet(b.size());
                                }
                            }
                        });
                        eventually(Duration.ofSeconds(10), "records read", () -> read.get() > 0);
                        within(Duration.ofSeconds(5), "close", () -> c.close(Duration.ofSeconds(3)));
                        Throwable t = r.join(Duration.ofSeconds(5));
                        check(t instanceof IllegalStateException || t instanceof java.util.ConcurrentModificationException,
                                "the polling thread stopped by close: " + t);
                    }
                }),
                of("close-racing-awaitReady", "close within 5 s while another thread is in queue.awaitReady(20 s); it returns or throws IllegalStateException", () -> {
                    try (MockCluster cluster = Fixtures.cluster()) {
                        Consumer c = Fixtures.consumer(cluster);
                        c.assign(List.of(new TopicPartition(TOPIC, 0)));
                        Queue q = c.newQueue();
                        Expect.Racer r = race("awaiting", () -> q.awaitReady(Duration.ofSeconds(20)));
                        Thread.sleep(300);
                        within(Duration.ofSeconds(5), "close", () -> c.close(Duration.ofSeconds(3)));
                        closedOrNothing(r.join(Duration.ofSeconds(5)), "awaitReady");
                        check(q.isClosed(), "the queue is closed with its consumer");
                    }
                }),
                of("close-on-interrupted-thread", "close on an interrupted thread while deliveries run: closes, interrupt kept, no crash", () -> {
                    try (MockCluster cluster = Fixtures.cluster()) {
                        Producer p = Fixtures.producer(cluster);
                        AtomicInteger delivered = new AtomicInteger();
                        for (int i = 0; i < 2_000; i++) p.send(new ProducerRecord(TOPIC, 0, null, new byte[10]), (md, e) -> delivered.incrementAndGet());
                        Thread.currentThread().interrupt();
                        within(Duration.ofSeconds(10), "close", () -> p.close(Duration.ofSeconds(5)));
                        check(Thread.interrupted(), "the interrupt is kept");
                        check(p.isClosed(), "closed");
                        check(delivered.get() == 2_000, "every record got its callback: " + delivered);
                    }
                }),
                of("consumer-closed-with-open-batch", "close(1 s) returns within 3 s with an open batch; the batch stays readable and closable (client left undestroyed, error logged)", () -> {
                    try (MockCluster cluster = Fixtures.cluster()) {
                        Fixtures.fill(cluster, 5);
                        Consumer c = Fixtures.consumer(cluster);
                        c.assign(List.of(new TopicPartition(TOPIC, 0)));
                        RecordBatch b = null;
                        long until = System.nanoTime() + 10_000_000_000L;
                        while ((b == null || b.isEmpty()) && System.nanoTime() < until) {
                            if (b != null) b.close();
                            b = c.pollBatch(5, Duration.ofMillis(200));
                        }
                        check(b != null && !b.isEmpty(), "a batch");
                        within(Duration.ofSeconds(3), "close", () -> c.close(Duration.ofSeconds(1)));
                        check(b.valueBytes(0).length == 1, "the open batch is still readable");
                        b.close();
                    }
                }),
                of("producer-dropped-while-busy", "a producer dropped unclosed with records queued is closed by the Cleaner: its thread ends, no crash", () -> {
                    String name = dropBusyProducer();
                    eventually(Duration.ofSeconds(20), "the Cleaner closed it", () -> {
                        System.gc();
                        return !dev.jrdkafka.internal.client.LiveClients.isLive(name);
                    });
                }),
                of("consumer-dropped-while-assigned", "a consumer dropped unclosed with an assignment is closed by the Cleaner", () -> {
                    try (MockCluster cluster = Fixtures.cluster()) {
                        String name = dropAssignedConsumer(cluster);
                        eventually(Duration.ofSeconds(20), "the Cleaner closed it", () -> {
                            System.gc();
                            return !dev.jrdkafka.internal.client.LiveClients.isLive(name);
                        });
                    }
                }),
                of("mock-closed-under-producer", "producer keeps working locally (records fail or stay queued), close(2 s) within 5 s", () -> {
                    MockCluster cluster = Fixtures.cluster();
                    Producer p = Fixtures.producer(cluster);
                    p.send(new ProducerRecord(TOPIC, 0, null, new byte[1])).get();
                    cluster.close();
                    p.produce(TOPIC, 0, null, new byte[1]);
                    within(Duration.ofSeconds(5), "close", () -> p.close(Duration.ofSeconds(2)));
                }),
                of("mock-closed-under-consumer", "consumer polls return nothing, close(3 s) within 6 s", () -> {
                    MockCluster cluster = Fixtures.cluster();
                    Fixtures.fill(cluster, 1);
                    Consumer c = Fixtures.consumer(cluster);
                    c.subscribe(List.of(TOPIC));
                    eventually(Duration.ofSeconds(10), "a record", () -> c.poll(Duration.ofMillis(100)) != null);
                    cluster.close();
                    c.poll(Duration.ofMillis(300));
                    within(Duration.ofSeconds(6), "close", () -> c.close(Duration.ofSeconds(3)));
                }));
    }

    private static String dropBusyProducer() {
        Producer p = Producer.create(Fixtures.config(NO_BROKER));
        for (int i = 0; i < 1_000; i++) p.produce(TOPIC, 0, null, new byte[10]);
        return p.name();
    }

    private static String dropAssignedConsumer(MockCluster cluster) {
        Consumer c = Fixtures.consumer(cluster);
        c.assign(List.of(new TopicPartition(TOPIC, 0)));
        c.poll(Duration.ofMillis(200));
        return c.name();
    }
}
