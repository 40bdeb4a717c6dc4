package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Client-level events a consumer gets from the shared client core: OAUTHBEARER refresh, fatal errors with their details. */
@Timeout(60)
class ConsumerClientEventsTest {

    @Test
    void tokenRefreshReachesTheConsumersListenerWhichSetsAToken() throws Exception {
        CountDownLatch refreshed = new CountDownLatch(1);
        AtomicReference<String> config = new AtomicReference<>();
        KafkaConfig kc = KafkaConfig.create().bootstrapServers("127.0.0.1:1").set("log_level", 0L).groupId("oauth")
                .set("security.protocol", "SASL_PLAINTEXT").set("sasl.mechanisms", "OAUTHBEARER")
                .set("sasl.oauthbearer.config", "scope=consumer");
        ClientListener listener = new ClientListener() {
            @Override
            public void onOAuthBearerTokenRefresh(String c) {
                config.set(c);
                refreshed.countDown();
            }
        };
        try (Consumer consumer = Consumer.create(kc, ConsumerOptions.defaults().withListener(listener)
                .withOAuthBearerTokenRefresh(true))) {
            consumer.subscribe(List.of("t"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (refreshed.getCount() > 0) {
                assertTrue(System.nanoTime() < deadline, "token refresh event within 30 s");
                consumer.poll(Duration.ofMillis(100)); // the refresh is served by the consumer's polls
            }
            assertEquals("scope=consumer", config.get());
            consumer.setOAuthBearerToken("header.payload.signature", Instant.now().plusSeconds(3600), "alice", Map.of());
            KafkaException bad = assertThrows(KafkaException.class, () -> consumer.setOAuthBearerToken(
                    "header.payload.signature", Instant.now().plusSeconds(3600), "alice", Map.of("auth", "x")));
            assertTrue(bad.getMessage().startsWith("setOAuthBearerToken failed"), bad.getMessage());
            consumer.setOAuthBearerTokenFailure("identity provider unreachable");
        }
    }

    /**
     * librdkafka hands a consumer's fatal error to the application as a consume error
     * (_FATAL) on the consumer queue: poll throws it with the underlying code and reason from
     * {@code rd_kafka_fatal_error}, flagged fatal; close still destroys the client.
     */
    @Test
    void aFatalErrorIsThrownByPollWithTheUnderlyingCodeAndReason() {
        List<KafkaException> told = new CopyOnWriteArrayList<>();
        String name;
        try (MockCluster cluster = MockCluster.start(1);
             Consumer consumer = Consumer.create(ConsumerTestSupport.config(cluster, "fatal"),
                     ConsumerOptions.defaults().withListener(ClientListener.onError(told::add)))) {
            name = consumer.name();
            consumer.core.client.rd().raiseTestFatalError(KafkaError.FENCED_INSTANCE_ID.code(), "fenced by the test");
            KafkaException thrown = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (thrown == null) {
                assertTrue(System.nanoTime() < deadline, "poll throws the fatal error within 30 s; listener told " + told);
                try {
                    consumer.poll(Duration.ofMillis(100));
                } catch (KafkaException e) {
                    thrown = e;
                }
            }
            assertTrue(thrown.isFatal(), thrown.toString());
            assertEquals(KafkaError.FENCED_INSTANCE_ID, thrown.error(), "the underlying error, not _FATAL: " + thrown);
            assertTrue(thrown.getMessage().contains("fenced by the test"), thrown.getMessage());
            assertTrue(thrown.getMessage().contains("consumer can no longer be used"), thrown.getMessage());
        }
        assertTrue(!dev.jrdkafka.internal.client.LiveClients.isLive(name), "closed and destroyed after the fatal error");
    }
}
