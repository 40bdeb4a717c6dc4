package dev.jrdkafka.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/** Close returns within its bound whatever the producer's callbacks and other threads are doing. */
// A separate thread, so that a close that hangs in native code fails the test instead of the run.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProducerCloseTest {

    @Test
    void closeEndsAPollInProgressOnAnotherThread() throws Exception {
        try (MockCluster cluster = MockCluster.start(1)) {
            Producer p = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()),
                    ProducerOptions.defaults().withPollerThread(false));
            CountDownLatch polling = new CountDownLatch(1);
            CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
                polling.countDown();
                p.poll(Duration.ofSeconds(20));
            });
            assertTrue(polling.await(10, TimeUnit.SECONDS));
            Thread.sleep(200); // inside poll(20 s)
            long start = System.nanoTime();
            p.close(Duration.ofSeconds(5));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms < 10_000, "close took " + ms + " ms; the other thread's poll(20 s) must not hold it");
            poller.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCallbackResendingFailedRecordsCannotKeepCloseBusy() {
        KafkaConfig unreachable = KafkaConfig.create().bootstrapServers("127.0.0.1:1").set("log_level", 0L)
                .set("message.timeout.ms", 500L);
        AtomicInteger resent = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Producer p = Producer.create(unreachable);
        DeliveryCallback[] resend = new DeliveryCallback[1];
        resend[0] = (md, error) -> {
            if (error == null) return;
            try {
                p.send(new ProducerRecord("t", new byte[1]), resend[0]); // the classic "retry on failure" callback
                resent.incrementAndGet();
            } catch (IllegalStateException closing) {
                refused.incrementAndGet();
            }
        };
        for (int i = 0; i < 100; i++) p.send(new ProducerRecord("t", new byte[1]), resend[0]);
        long start = System.nanoTime();
        p.close(Duration.ofMillis(500));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms < 15_000, "close(500 ms) took " + ms + " ms; resent " + resent + ", refused " + refused);
        assertTrue(refused.get() > 0, "re-sends during close were refused: " + refused);
    }

    @Test
    void aLoggingBackendThatThrowsDoesNotStopDeliveryReports() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        TurboFilter throwing = new TurboFilter() {
            @Override
            public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, ch.qos.logback.classic.Level level,
                                      String format, Object[] params, Throwable t) {
                if (logger.getName().startsWith("librdkafka") || logger.getName().startsWith("dev.jrdkafka")) {
                    throw new IllegalStateException("logging backend failure (expected by the test)");
                }
                return FilterReply.NEUTRAL;
            }
        };
        throwing.start();
        context.addTurboFilter(throwing);
        try (MockCluster cluster = MockCluster.start(1);
             Producer p = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()).set("log_level", 7L)
                     .set("debug", "broker"))) {
            AtomicInteger delivered = new AtomicInteger();
            CountDownLatch all = new CountDownLatch(200);
            for (int i = 0; i < 200; i++) {
                p.send(new ProducerRecord("logs", new byte[1]), (md, e) -> {
                    if (e == null) delivered.incrementAndGet();
                    all.countDown();
                });
            }
            assertTrue(all.await(30, TimeUnit.SECONDS), "every report arrived although every log line threw");
            assertEquals(200, delivered.get());
            p.close(Duration.ofSeconds(10)); // close logs too (if it times out): it must finish all the same
            assertTrue(p.isClosed());
        } finally {
            context.getTurboFilterList().remove(throwing);
        }
    }
}
