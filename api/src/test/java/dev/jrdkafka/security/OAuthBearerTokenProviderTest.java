package dev.jrdkafka.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The token provider without a broker: librdkafka asks for the first token when the client
 * is created, on its background thread, for every client kind and without any poll; the
 * provider cannot close its own client; close waits for a call in progress and does not
 * call it again. (The broker side is in integration-tests' OAuthBearerIT.)
 */
@Timeout(60)
class OAuthBearerTokenProviderTest {
    /** Nothing listens there: the token is asked for before any connection succeeds. */
    static KafkaConfig config() {
        return KafkaConfig.create().bootstrapServers("127.0.0.1:9").set("security.protocol", "sasl_plaintext")
                .saslMechanism("OAUTHBEARER").set("log_level", 0L);
    }

    static OAuthBearerToken token() {
        return new OAuthBearerToken("header.payload.signature", Instant.now().plusSeconds(60), "alice");
    }

    @Test
    void everyClientKindAsksOnLibrdkafkasThreadWithoutPolling() throws Exception {
        for (int kind = 0; kind < 3; kind++) {
            CountDownLatch asked = new CountDownLatch(1);
            AtomicReference<String> thread = new AtomicReference<>();
            KafkaConfig c = config().set("sasl.oauthbearer.config", "scope=test").oauthBearerTokenProvider(cfg -> {
                assertEquals("scope=test", cfg);
                thread.set(Thread.currentThread().getName());
                asked.countDown();
                return token();
            });
            AutoCloseable client = switch (kind) {
                case 0 -> Producer.create(c, ProducerOptions.defaults().withPollerThread(false));
                case 1 -> Consumer.create(c);
                default -> Admin.create(c);
            };
            try (client) {
                assertTrue(asked.await(10, TimeUnit.SECONDS), "client kind " + kind + " never asked for a token");
                assertFalse(thread.get().equals(Thread.currentThread().getName()), "not the creating thread: " + thread.get());
            }
        }
    }

    @Test
    void theProviderCannotCloseItsOwnClient() throws Exception {
        AtomicReference<Producer> producer = new AtomicReference<>();
        AtomicReference<Throwable> closeFailure = new AtomicReference<>();
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(1);
        KafkaConfig c = config().oauthBearerTokenProvider(cfg -> {
            created.await(10, TimeUnit.SECONDS);
            try {
                producer.get().close();
            } catch (Throwable t) {
                closeFailure.set(t);
            }
            tried.countDown();
            return token();
        });
        try (Producer p = Producer.create(c, ProducerOptions.defaults().withPollerThread(false))) {
            producer.set(p);
            created.countDown();
            assertTrue(tried.await(10, TimeUnit.SECONDS));
            assertTrue(closeFailure.get() instanceof IllegalStateException, String.valueOf(closeFailure.get()));
            assertFalse(p.outstanding() < 0);
        }
    }

    @Test
    void closeWaitsForACallInProgress() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        KafkaConfig c = config().oauthBearerTokenProvider(cfg -> {
            inside.countDown();
            Thread.sleep(500);
            return token();
        });
        Producer p = Producer.create(c, ProducerOptions.defaults().withPollerThread(false));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        p.close(Duration.ofSeconds(10));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000);
    }

    @Test
    void aThrowingProviderIsReportedToLibrdkafkaAndCloseStillWorks() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        KafkaConfig c = config().oauthBearerTokenProvider(cfg -> {
            asked.countDown();
            throw new IllegalStateException("no token today");
        });
        try (Admin a = Admin.create(c)) {
            assertTrue(asked.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void refusesConflictingSetups() {
        KafkaConfig noMechanism = config().remove("sasl.mechanism").oauthBearerTokenProvider(cfg -> token());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Producer.create(noMechanism)).getMessage()
                .contains("sasl.mechanism=OAUTHBEARER"));
        KafkaConfig plaintext = config().set("security.protocol", "plaintext").oauthBearerTokenProvider(cfg -> token());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Admin.create(plaintext)).getMessage()
                .contains("security.protocol"));
        KafkaConfig withRefreshEvents = config().oauthBearerTokenProvider(cfg -> token());
        assertThrows(IllegalArgumentException.class,
                () -> Producer.create(withRefreshEvents, ProducerOptions.defaults().withOAuthBearerTokenRefresh(true)));
    }
}
