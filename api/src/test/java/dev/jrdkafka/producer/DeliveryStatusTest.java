package dev.jrdkafka.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.Acks;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.ApiKey;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.mock.RequestError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every delivery report carries librdkafka's persistence status ({@code rd_kafka_message_status})
 * and latency ({@code rd_kafka_message_latency}): on {@link RecordMetadata} for a success, on
 * {@link DeliveryFailedException} for a failure, and on the fast path's {@link DeliveryReport}.
 * Each status is provoked on the mock cluster as librdkafka's own tests do.
 */
class DeliveryStatusTest {
    private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);
    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = MockCluster.start(1);
        cluster.createTopic("t", 1, 1);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private KafkaConfig config() {
        return ProducerTestSupport.config(cluster.bootstrapServers());
    }

    private static DeliveryFailedException failure(CompletableFuture<RecordMetadata> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(DeliveryFailedException.class, e.getCause());
        }
        throw new AssertionError("the record was delivered, expected a failure");
    }

    /** Expected: an acknowledged record is PERSISTED, with a latency of at least 0 µs and under the test's 30 s. */
    @Test
    void deliveredRecordIsPersisted() throws Exception {
        try (Producer p = Producer.create(config())) {
            RecordMetadata md = p.send(new ProducerRecord("t", 0, null, VALUE)).get(30, TimeUnit.SECONDS);
            assertEquals(PersistenceStatus.PERSISTED, md.persistenceStatus());
            assertTrue(md.latencyMicros() >= 0 && md.latencyMicros() < 30_000_000, "latency " + md.latencyMicros());
        }
    }

    /** Expected: with acks=0 nothing is acknowledged, so a "delivered" record is only POSSIBLY_PERSISTED (librdkafka 0008). */
    @Test
    void acksZeroIsPossiblyPersisted() throws Exception {
        try (Producer p = Producer.create(config().acks(Acks.NONE))) {
            RecordMetadata md = p.send(new ProducerRecord("t", 0, null, VALUE)).get(30, TimeUnit.SECONDS);
            assertEquals(PersistenceStatus.POSSIBLY_PERSISTED, md.persistenceStatus());
        }
    }

    /** Expected: records purged from the local queue never reached a broker: _PURGE_QUEUE, NOT_PERSISTED. */
    @Test
    void purgedQueuedRecordIsNotPersisted() throws Exception {
        try (Producer p = Producer.create(config().lingerMs(60_000))) {
            CompletableFuture<RecordMetadata> f = p.send(new ProducerRecord("t", 0, null, VALUE));
            p.purge(PurgeScope.QUEUED);
            DeliveryFailedException e = failure(f);
            assertEquals(KafkaError._PURGE_QUEUE, e.error());
            assertEquals(PersistenceStatus.NOT_PERSISTED, e.persistenceStatus());
            assertEquals("t", e.topic());
            assertEquals(0, e.partition());
            assertTrue(e.latencyMicros() >= 0, "latency " + e.latencyMicros());
            assertTrue(e.getMessage().contains("NOT_PERSISTED"), e.getMessage());
        }
    }

    /** Expected: a record for a partition the topic does not have fails _UNKNOWN_PARTITION, NOT_PERSISTED. */
    @Test
    void unknownPartitionIsNotPersisted() throws Exception {
        try (Producer p = Producer.create(config())) {
            CompletableFuture<RecordMetadata> f;
            try {
                // Before the first Metadata response the record waits for the partition count,
                // then fails in its delivery report; after it, produce refuses it at once.
                f = p.send(new ProducerRecord("t", 7, null, VALUE));
            } catch (KafkaException refused) {
                assertEquals(KafkaError._UNKNOWN_PARTITION, refused.error());
                return;
            }
            DeliveryFailedException e = failure(f);
            assertEquals(KafkaError._UNKNOWN_PARTITION, e.error());
            assertEquals(PersistenceStatus.NOT_PERSISTED, e.persistenceStatus());
        }
    }

    /** Expected: a broker that refuses the Produce request (TOPIC_AUTHORIZATION_FAILED, permanent) did not write it: NOT_PERSISTED. */
    @Test
    void brokerRefusalIsNotPersisted() throws Exception {
        cluster.pushRequestErrors(ApiKey.PRODUCE, KafkaError.TOPIC_AUTHORIZATION_FAILED);
        try (Producer p = Producer.create(config())) {
            DeliveryFailedException e = failure(p.send(new ProducerRecord("t", 0, null, VALUE)));
            assertEquals(KafkaError.TOPIC_AUTHORIZATION_FAILED, e.error());
            assertEquals(PersistenceStatus.NOT_PERSISTED, e.persistenceStatus());
        }
    }

    /**
     * Expected: a record sent whose response does not come before message.timeout.ms fails
     * _MSG_TIMED_OUT and is POSSIBLY_PERSISTED — the broker may have written it. Provoked as
     * librdkafka's test 0068 does: the broker answers the Produce request after 6 s, the
     * message times out after 2 s.
     */
    @Test
    void timeoutAfterSendIsPossiblyPersisted() throws Exception {
        cluster.broker(1).pushRequestErrors(ApiKey.PRODUCE, RequestError.delay(Duration.ofSeconds(6)));
        try (Producer p = Producer.create(config().messageTimeoutMs(2000))) {
            p.partitionsFor("t", Duration.ofSeconds(10)); // connected, so the record is sent at once
            DeliveryFailedException e = failure(p.send(new ProducerRecord("t", 0, null, VALUE)));
            assertEquals(KafkaError._MSG_TIMED_OUT, e.error());
            assertEquals(PersistenceStatus.POSSIBLY_PERSISTED, e.persistenceStatus());
            assertTrue(e.latencyMicros() >= 1_500_000, "latency " + e.latencyMicros());
        }
    }

    /** Expected: the fast path's reused report view gives the same status and latency, read inside the listener. */
    @Test
    void fastPathReportCarriesStatusAndLatency() throws Exception {
        AtomicReference<RecordMetadata> delivered = new AtomicReference<>();
        AtomicReference<String> purged = new AtomicReference<>();
        CompletableFuture<Void> both = new CompletableFuture<>();
        DeliveryListener listener = r -> {
            if (r.opaque() == 1) delivered.set(r.toMetadata());
            else purged.set(r.error() + " " + r.persistenceStatus() + " " + (r.latencyMicros() >= 0));
            if (delivered.get() != null && purged.get() != null) both.complete(null);
        };
        try (Producer p = Producer.create(config(), ProducerOptions.defaults().withDeliveryListener(listener))) {
            p.produce("t", 0, null, VALUE, 1);
            p.flush(Duration.ofSeconds(30));
            try (Producer slow = Producer.create(config().lingerMs(60_000),
                    ProducerOptions.defaults().withDeliveryListener(listener))) {
                slow.produce("t", 0, null, VALUE, 2);
                slow.purge(PurgeScope.QUEUED);
                both.get(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(PersistenceStatus.PERSISTED, delivered.get().persistenceStatus());
        assertTrue(delivered.get().latencyMicros() >= 0);
        assertEquals("_PURGE_QUEUE NOT_PERSISTED true", purged.get());
    }

    /** Expected: a DeliveryCallback written against KafkaException gets the failure as before; it is a DeliveryFailedException. */
    @Test
    void failedRecordIsAKafkaExceptionForExistingCallbacks() throws Exception {
        AtomicReference<KafkaException> seen = new AtomicReference<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (Producer p = Producer.create(config().lingerMs(60_000))) {
            p.send(new ProducerRecord("t", 0, null, VALUE), (md, error) -> {
                assertNull(md);
                seen.set(error);
                done.complete(null);
            });
            p.purge(PurgeScope.QUEUED);
            done.get(30, TimeUnit.SECONDS);
        }
        assertNotNull(seen.get());
        assertEquals(KafkaError._PURGE_QUEUE, seen.get().error());
        assertInstanceOf(DeliveryFailedException.class, seen.get());
    }
}
