package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A Consumer is used from one thread at a time (as in kafka-clients); wakeup() and close() from any. */
@Timeout(60)
class ConsumerThreadingTest {

    @Test
    void aSecondThreadIsRefusedWhileOneIsInsideACall() throws Exception {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("t", 1, 1);
            try (Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null))) {
                c.assign(List.of(new TopicPartition("t", 0)));
                CountDownLatch polling = new CountDownLatch(1);
                CompletableFuture<Throwable> poller = CompletableFuture.supplyAsync(() -> {
                    polling.countDown();
                    while (true) {
                        try {
                            c.poll(Duration.ofSeconds(30)); // nothing to read: waits until woken
                            return null;
                        } catch (ConcurrentModificationException mainThreadWasInside) {
                            // the test's thread was inside assignment() at that moment: try again
                        } catch (Throwable t) {
                            return t;
                        }
                    }
                });
                assertTrue(polling.await(10, TimeUnit.SECONDS));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                ConcurrentModificationException refused = null;
                while (refused == null) { // until the poller is inside poll()
                    assertTrue(System.nanoTime() < deadline, "the second thread was refused within 10 s");
                    try {
                        c.assignment();
                        Thread.sleep(10);
                    } catch (ConcurrentModificationException e) {
                        refused = e;
                    }
                }
                assertTrue(refused.getMessage().contains("not safe for multi-threaded access"), refused.getMessage());
                c.wakeup(); // allowed from any thread
                Throwable pollOutcome = poller.get(10, TimeUnit.SECONDS);
                assertTrue(pollOutcome instanceof WakeupException, "poll was woken: " + pollOutcome);
                c.assignment(); // free again once the other thread left
            }
        }
    }

    @Test
    void closeFromAnotherThreadEndsAPollInProgress() throws Exception {
        try (MockCluster cluster = MockCluster.start(1)) {
            cluster.createTopic("t", 1, 1);
            Consumer c = Consumer.create(ConsumerTestSupport.config(cluster, null));
            c.assign(List.of(new TopicPartition("t", 0)));
            CompletableFuture<Throwable> poller = CompletableFuture.supplyAsync(() -> {
                try {
                    while (true) c.poll(Duration.ofSeconds(1));
                } catch (Throwable t) {
                    return t;
                }
            });
            Thread.sleep(200);
            c.close(Duration.ofSeconds(10));
            Throwable outcome = poller.get(10, TimeUnit.SECONDS);
            assertTrue(outcome instanceof IllegalStateException, "the poller learns the consumer closed: " + outcome);
            assertThrows(IllegalStateException.class, c::assignment);
        }
    }
}
