package dev.jrdkafka.consumer.share;

import static dev.jrdkafka.consumer.share.ShareTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.internal.client.LiveClients;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a share consumer refuses, and how: clear exceptions, never a crash or a hang. */
@Timeout(120)
class ShareConsumerMisuseTest {
    private static final String TOPIC = "jobs";

    @Test
    void creationWithoutAGroupIdOrWithABadModeIsRefused() {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            KafkaConfig noGroup = KafkaConfig.create().bootstrapServers(cluster.bootstrapServers());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShareConsumer.create(noGroup));
            assertTrue(e.getMessage().contains("group.id"), e.getMessage());
            IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, () -> ShareConsumer.create(
                    config(cluster, "g").set("share.acknowledgement.mode", "sometimes")));
            assertTrue(mode.getMessage().contains("share.acknowledgement.mode"), mode.getMessage());
        }
    }

    @Test
    void pollWithoutSubscriptionIsLibrdkafkasStateError() {
        try (MockCluster cluster = cluster(TOPIC, 1); ShareConsumer c = ShareConsumer.create(config(cluster, "g-nosub"))) {
            KafkaException e = assertThrows(KafkaException.class, () -> c.poll(Duration.ZERO));
            assertEquals(KafkaError._STATE, e.error());
            assertTrue(e.getMessage().contains("not subscribed"), e.getMessage());
        }
    }

    @Test
    void subscribeRefusesRegexEmptyAndDuplicateTopics() {
        try (MockCluster cluster = cluster(TOPIC, 1); ShareConsumer c = ShareConsumer.create(config(cluster, "g-sub"))) {
            assertThrows(IllegalArgumentException.class, () -> c.subscribe(List.of("^jobs.*")));
            assertThrows(IllegalArgumentException.class, () -> c.subscribe(List.of("")));
            assertThrows(IllegalArgumentException.class, () -> c.subscribe(List.of(TOPIC, TOPIC)));
            assertThrows(NullPointerException.class, () -> c.subscribe(null));
        }
    }

    @Test
    void acknowledgeInImplicitModeIsRefused() {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            produce(cluster, TOPIC, 1, 1);
            try (ShareConsumer c = ShareConsumer.create(config(cluster, "g-implicit-ack"))) {
                c.subscribe(List.of(TOPIC));
                IllegalStateException byOffset = assertThrows(IllegalStateException.class,
                        () -> c.acknowledge(TOPIC, 0, 0, AcknowledgeType.ACCEPT));
                assertTrue(byOffset.getMessage().contains("share.acknowledgement.mode=explicit"), byOffset.getMessage());
                pollUntil(c, 30, "1 record", d -> !d.isEmpty(), b -> {
                    for (RecordView r : b) assertThrows(IllegalStateException.class, () -> c.acknowledge(r, AcknowledgeType.REJECT));
                });
            }
        }
    }

    @Test
    void acknowledgingARecordOfAClosedBatchByViewIsRefused() {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            produce(cluster, TOPIC, 1, 1);
            try (ShareConsumer c = ShareConsumer.create(explicit(cluster, "g-closed-batch"))) {
                c.subscribe(List.of(TOPIC));
                RecordView[] kept = new RecordView[1];
                pollUntil(c, 30, "1 record", d -> !d.isEmpty(), b -> {
                    if (!b.isEmpty()) kept[0] = b.get(0);
                });
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.acknowledge(kept[0]));
                assertTrue(e.getMessage().contains("acknowledge it by offset"), e.getMessage());
                c.acknowledge(TOPIC, 0, 0, AcknowledgeType.ACCEPT); // by offset still works
                c.poll(Duration.ZERO).close();
            }
        }
    }

    @Test
    void everyCallAfterCloseThrowsIllegalState() {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            ShareConsumer c = ShareConsumer.create(explicit(cluster, "g-after-close"));
            c.subscribe(List.of(TOPIC));
            c.close();
            assertTrue(c.isClosed());
            assertThrows(IllegalStateException.class, () -> c.poll(Duration.ZERO));
            assertThrows(IllegalStateException.class, () -> c.subscribe(List.of(TOPIC)));
            assertThrows(IllegalStateException.class, c::subscription);
            assertThrows(IllegalStateException.class, c::unsubscribe);
            assertThrows(IllegalStateException.class, () -> c.acknowledge(TOPIC, 0, 0, AcknowledgeType.ACCEPT));
            assertThrows(IllegalStateException.class, () -> c.commitSync(Duration.ZERO));
            assertThrows(IllegalStateException.class, c::commitAsync);
            assertFalse(LiveClients.isLive(c.name()), "destroyed");
        }
    }

    @Test
    void aSecondThreadGetsConcurrentModificationWhileTheOwnerPolls() throws Exception {
        try (MockCluster cluster = cluster(TOPIC, 1); ShareConsumer c = ShareConsumer.create(config(cluster, "g-threads"))) {
            c.subscribe(List.of(TOPIC));
            CountDownLatch polling = new CountDownLatch(1);
            CompletableFuture<Void> owner = CompletableFuture.runAsync(() -> {
                polling.countDown();
                c.poll(Duration.ofSeconds(3)).close(); // nothing to read: lasts the whole timeout
            });
            assertTrue(polling.await(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            ConcurrentModificationException cme = null;
            while (cme == null && System.nanoTime() < deadline) { // until the owner is inside poll
                try {
                    c.commitAsync();
                    Thread.sleep(10);
                } catch (ConcurrentModificationException e) {
                    cme = e;
                }
            }
            assertNotNull(cme, "a call from a second thread while the owner polls");
            assertTrue(cme.getMessage().contains("not safe for multi-threaded access"), cme.getMessage());
            owner.get(30, TimeUnit.SECONDS);
            c.poll(Duration.ZERO).close(); // the owner is free again: this thread may use it now
        }
    }

    @Test
    void closeFromAnotherThreadWaitsForThePollInProgress() throws Exception {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            ShareConsumer c = ShareConsumer.create(config(cluster, "g-close-other"));
            c.subscribe(List.of(TOPIC));
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Void> owner = CompletableFuture.runAsync(() -> {
                started.countDown();
                c.poll(Duration.ofSeconds(2)).close();
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(200); // the owner is inside poll (no wakeup exists)
            long t0 = System.nanoTime();
            c.close();
            owner.get(30, TimeUnit.SECONDS); // the poll ended normally, at its timeout
            assertTrue(c.isClosed());
            assertFalse(LiveClients.isLive(c.name()));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "close is bounded");
        }
    }

    @Test
    void closeFromInsideAListenerIsRefused() {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            produce(cluster, TOPIC, 1, 2);
            ShareConsumer[] self = new ShareConsumer[1];
            IllegalStateException[] refused = new IllegalStateException[1];
            try (ShareConsumer c = ShareConsumer.create(config(cluster, "g-close-inside"), ShareConsumerOptions.defaults()
                    .withAcknowledgementCommitListener((offsets, error) -> {
                        try {
                            self[0].close();
                        } catch (IllegalStateException e) {
                            refused[0] = e;
                        }
                    }))) {
                self[0] = c;
                c.subscribe(List.of(TOPIC));
                pollUntil(c, 30, "2 records", d -> d.size() >= 2, b -> { });
                c.commitSync(Duration.ofSeconds(10));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (refused[0] == null && System.nanoTime() < deadline) c.poll(Duration.ofMillis(100)).close();
                assertNotNull(refused[0], "the listener ran and its close() was refused");
                assertTrue(refused[0].getMessage().contains("inside a listener"), refused[0].getMessage());
                assertFalse(c.isClosed());
            }
        }
    }

    @Test
    void aLeakedShareConsumerIsClosedByTheCleaner() throws Exception {
        try (MockCluster cluster = cluster(TOPIC, 1)) {
            String name = createAndDrop(cluster);
            assertTrue(LiveClients.isLive(name));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (LiveClients.isLive(name)) {
                assertTrue(System.nanoTime() < deadline, name + " destroyed within 60 s of being dropped");
                System.gc();
                Thread.sleep(50);
            }
        }
    }

    private static String createAndDrop(MockCluster cluster) {
        ShareConsumer c = ShareConsumer.create(config(cluster, "g-leak"));
        c.subscribe(List.of(TOPIC));
        c.poll(Duration.ofMillis(10)).close();
        return c.name();
    }
}
