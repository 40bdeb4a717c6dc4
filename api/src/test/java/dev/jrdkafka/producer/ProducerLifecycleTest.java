package dev.jrdkafka.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Misuse of a producer's lifetime is an exception, never a crash, a hang or a lost record. */
class ProducerLifecycleTest {
    static MockCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MockCluster.start(1);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Producer producer(ProducerOptions options) {
        return Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()), options);
    }

    @Test
    void closeIsIdempotentAndEveryLaterCallThrows() {
        Producer p = producer(ProducerOptions.defaults());
        p.close();
        p.close();
        assertTrue(p.isClosed());
        List<Runnable> calls = List.of(
                () -> p.produce("t", 0, null, new byte[1]),
                () -> p.send(new ProducerRecord("t", new byte[1]), (m, e) -> {}),
                () -> p.flush(Duration.ofSeconds(1)),
                p::outstanding,
                p::beginTransaction,
                () -> p.purge(PurgeScope.QUEUED));
        for (Runnable call : calls) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
            assertEquals("this Producer is closed", e.getMessage());
        }
    }

    @Test
    void closeFromInsideACallbackIsRefusedWithAClearMessage() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        try (Producer p = producer(ProducerOptions.defaults())) {
            p.send(new ProducerRecord("t", new byte[1]), (m, e) -> {
                try {
                    p.close();
                } catch (Throwable t) {
                    seen.set(t);
                }
                done.countDown();
            });
            ProducerTestSupport.await(done, 30, "callback");
            assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
            assertTrue(seen.get().getMessage().contains("from inside a callback"), seen.get().getMessage());
            p.produce("t", 0, null, new byte[1]); // still usable
        }
    }

    @Test
    void aDeliveryReportKeptPastItsCallbackRefusesToBeRead() throws Exception {
        AtomicReference<DeliveryReport> kept = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        try (Producer p = producer(ProducerOptions.defaults().withDeliveryListener(r -> {
            kept.set(r);
            done.countDown();
        }))) {
            p.produce("t", 0, null, new byte[1], 7);
            ProducerTestSupport.await(done, 30, "report");
            p.flush(Duration.ofSeconds(10));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get().offset());
        assertTrue(e.getMessage().contains("only valid during DeliveryListener.onDelivery"), e.getMessage());
    }

    @Test
    void exceptionsThrownByCallbacksAreCaughtAndTheProducerGoesOn() throws Exception {
        CountDownLatch done = new CountDownLatch(20);
        try (Producer p = producer(ProducerOptions.defaults())) {
            for (int i = 0; i < 20; i++) {
                p.send(new ProducerRecord("t", new byte[1]), (m, e) -> {
                    done.countDown();
                    throw new RuntimeException("user callback failure (expected by the test)");
                });
            }
            ProducerTestSupport.await(done, 30, "callbacks");
            p.flush(Duration.ofSeconds(10));
        }
    }

    @Test
    void closeRacingWithProducersOnOtherThreadsLosesNothingAndCrashesNothing() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger outcomes = new AtomicInteger();
        AtomicInteger refusedAfterClose = new AtomicInteger();
        Producer p = producer(ProducerOptions.defaults());
        CountDownLatch running = new CountDownLatch(4);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    running.countDown();
                    for (int i = 0; i < 200_000; i++) {
                        try {
                            p.send(new ProducerRecord("race", new byte[10]), (m, e) -> outcomes.incrementAndGet());
                            accepted.incrementAndGet();
                        } catch (IllegalStateException closed) {
                            refusedAfterClose.incrementAndGet();
                            return;
                        }
                    }
                }));
            }
            running.await(10, TimeUnit.SECONDS);
            Thread.sleep(50);
            p.close(Duration.ofSeconds(10));
            for (Future<?> f : workers) f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(accepted.get(), outcomes.get(), "every accepted record got exactly one outcome");
        assertTrue(accepted.get() > 0);
    }

    @Test
    void pollIsForProducersWithoutAPollerThread() throws Exception {
        try (Producer p = producer(ProducerOptions.defaults())) {
            assertThrows(IllegalStateException.class, () -> p.poll(Duration.ZERO));
        }
        try (Producer p = producer(ProducerOptions.defaults().withPollerThread(false))) {
            AtomicInteger delivered = new AtomicInteger();
            for (int i = 0; i < 100; i++) p.send(new ProducerRecord("manual", new byte[1]), (m, e) -> delivered.incrementAndGet());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (delivered.get() < 100 && System.nanoTime() < deadline) p.poll(Duration.ofMillis(100));
            assertEquals(100, delivered.get());
        }
    }

    @Test
    void aFullQueueThrowsAtOnceOrWaitsByChoice() throws Exception {
        var config = ProducerTestSupport.config(cluster.bootstrapServers()).queueBufferingMaxMessages(10).lingerMs(1000);
        try (Producer p = Producer.create(config, ProducerOptions.defaults().withQueueFullTimeout(Duration.ZERO))) {
            KafkaException e = assertThrows(KafkaException.class, () -> {
                for (int i = 0; i < 11; i++) p.produce("full", 0, null, new byte[1]);
            });
            assertEquals(KafkaError._QUEUE_FULL, e.error());
            assertTrue(e.getMessage().contains("queue.buffering.max.messages"), e.getMessage());
        }
        config.lingerMs(5);
        try (Producer p = Producer.create(config, ProducerOptions.defaults().withQueueFullTimeout(Duration.ofSeconds(30)))) {
            for (int i = 0; i < 1_000; i++) p.produce("full", 0, null, new byte[1]); // waits for room instead
            p.flush(Duration.ofSeconds(30));
        }
    }

    @Test
    void undeliverableRecordsFailAtCloseInsteadOfVanishing() throws Exception {
        // No broker at this address: records can only time out or be purged at close.
        var config = dev.jrdkafka.config.KafkaConfig.create().bootstrapServers("127.0.0.1:1").set("log_level", 0L);
        List<KafkaException> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        Producer p = Producer.create(config);
        for (int i = 0; i < 10; i++) p.send(new ProducerRecord("nowhere", new byte[1]), (m, e) -> errors.add(e));
        KafkaException timeout = assertThrows(KafkaException.class, () -> p.flush(Duration.ofMillis(200)));
        assertEquals(KafkaError._TIMED_OUT, timeout.error());
        p.close(Duration.ofMillis(200));
        assertEquals(10, errors.size());
        for (KafkaException e : errors) {
            assertTrue(e.error() == KafkaError._PURGE_QUEUE || e.error() == KafkaError._DESTROY, e.getMessage());
        }
    }

    @Test
    void invalidArgumentsAreRefusedBeforeReachingLibrdkafka() {
        try (Producer p = producer(ProducerOptions.defaults())) {
            assertThrows(NullPointerException.class, () -> p.produce(null, 0, null, new byte[1]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.produce("t", -2, null, null));
            assertTrue(e.getMessage().contains("-2"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> p.produce("t", 0, null, new byte[1], -5));
            assertThrows(IllegalArgumentException.class,
                    () -> p.produceBorrowed("t", 0, null, java.lang.foreign.MemorySegment.ofArray(new byte[1]), 0));
            KafkaException bad = assertThrows(KafkaException.class, () -> {
                p.produce("t", 0, null, new byte[1]);
                p.flush(Duration.ofSeconds(10));
                p.produce("t", 99, null, new byte[1]);
            });
            assertEquals(KafkaError._UNKNOWN_PARTITION, bad.error());
        }
    }
}
