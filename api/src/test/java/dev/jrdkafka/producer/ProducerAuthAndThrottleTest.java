package dev.jrdkafka.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.bindings.rd_kafka_conf_set_throttle_cb$throttle_cb;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.internal.rd.client.EventSink;
import dev.jrdkafka.internal.rd.client.RdThrottle;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** OAUTHBEARER token refresh round trip, and the throttle upcall's contract. */
class ProducerAuthAndThrottleTest {

    @Test
    void tokenRefreshReachesTheListenerWhichSetsAToken() throws Exception {
        CountDownLatch refreshed = new CountDownLatch(1);
        AtomicReference<String> config = new AtomicReference<>();
        KafkaConfig kc = KafkaConfig.create().bootstrapServers("127.0.0.1:1").set("log_level", 0L)
                .set("security.protocol", "SASL_PLAINTEXT").set("sasl.mechanisms", "OAUTHBEARER")
                .set("sasl.oauthbearer.config", "scope=test");
        ClientListener listener = new ClientListener() {
            @Override
            public void onOAuthBearerTokenRefresh(String c) {
                config.set(c);
                refreshed.countDown();
            }
        };
        try (Producer producer = Producer.create(kc, ProducerOptions.defaults().withListener(listener)
                .withOAuthBearerTokenRefresh(true))) {
            ProducerTestSupport.await(refreshed, 30, "token refresh event");
            assertEquals("scope=test", config.get());
            producer.setOAuthBearerToken("header.payload.signature", Instant.now().plusSeconds(3600), "alice",
                    Map.of("traceId", "abc"));
            KafkaException bad = assertThrows(KafkaException.class, () -> producer.setOAuthBearerToken(
                    "header.payload.signature", Instant.now().plusSeconds(3600), "alice", Map.of("auth", "x")));
            assertTrue(bad.getMessage().startsWith("setOAuthBearerToken failed: Cannot explicitly set the reserved `auth`"),
                    bad.getMessage());
            producer.setOAuthBearerTokenFailure("identity provider unreachable");
        }
    }

    @Test
    void throttleReportsReachTheListenerAndItsExceptionsStayInJava() {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        EventSink sink = new EventSink() {
            @Override public void onDelivery(dev.jrdkafka.internal.rd.client.DeliveryReportView report) {}
            @Override public void onError(int code, String reason, boolean fatal) {}
            @Override public void onLog(int level, String facility, String message) {}
            @Override public void onStats(String json) {}
            @Override public void onOAuthBearerTokenRefresh(String c) {}
            @Override public void onThrottle(String broker, int id, int ms) {
                seen.add(broker + "/" + id + "=" + ms);
                if (ms > 1000) throw new IllegalStateException("listener failure (expected by the test)");
            }
            @Override public void onCallbackFailure(String callback, Throwable failure) {
                failures.add(callback + ": " + failure.getMessage());
            }
        };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = RdThrottle.stub(sink, arena);
            // librdkafka calls it like this while the main queue is served.
            rd_kafka_conf_set_throttle_cb$throttle_cb.invoke(stub, MemorySegment.NULL, arena.allocateFrom("b1:9092/1"),
                    1, 250, MemorySegment.NULL);
            rd_kafka_conf_set_throttle_cb$throttle_cb.invoke(stub, MemorySegment.NULL, arena.allocateFrom("b2:9092/2"),
                    2, 5000, MemorySegment.NULL);
        }
        assertEquals(List.of("b1:9092/1/1=250", "b2:9092/2/2=5000"), seen);
        assertEquals(List.of("throttle listener: listener failure (expected by the test)"), failures);
    }

    @Test
    void producersInstallTheThrottleCallbackAndStillWork() throws Exception {
        try (var cluster = dev.jrdkafka.mock.MockCluster.start(1);
             Producer producer = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()),
                     ProducerOptions.defaults().withListener(new ClientListener() {
                         @Override
                         public void onThrottle(String brokerName, int brokerId, Duration throttleTime) {}
                     }))) {
            producer.send(new ProducerRecord("throttle", new byte[1])).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
