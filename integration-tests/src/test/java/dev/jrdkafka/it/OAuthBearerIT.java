package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.Librdkafka;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.security.OAuthBearerToken;
import dev.jrdkafka.security.OAuthBearerTokenProvider;
import dev.jrdkafka.security.OidcClientCredentials;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.OAuthServer;
import dev.jrdkafka.testkit.SecuredBrokerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SASL/OAUTHBEARER against the broker's JWT validation (JWKS from the testkit's OAuth
 * server): tokens from a Java provider for every client kind, refreshed on librdkafka's
 * background thread although nobody polls, and OIDC where librdkafka was built with it.
 */
@ExtendWith(SecuredBrokerExtension.class)
@Timeout(120)
class OAuthBearerIT {
    /** Counts its calls and the threads it ran on; each token lives {@code lifetime}. */
    static final class CountingProvider implements OAuthBearerTokenProvider {
        final OAuthServer server;
        final Duration lifetime;
        final AtomicInteger calls = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        CountingProvider(OAuthServer server, Duration lifetime) {
            this.server = server;
            this.lifetime = lifetime;
        }

        @Override
        public OAuthBearerToken token(String config) {
            calls.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            Instant expiry = Instant.now().plus(lifetime);
            return new OAuthBearerToken(server.issueToken("alice", expiry), expiry, "alice");
        }
    }

    static KafkaConfig oauth(KafkaBroker broker, KafkaBroker.Listener listener, OAuthBearerTokenProvider provider) {
        return Secured.config(broker, listener).saslMechanism("OAUTHBEARER").oauthBearerTokenProvider(provider);
    }

    @ParameterizedTest
    @EnumSource(value = KafkaBroker.Listener.class, names = {"SASL_PLAINTEXT", "SASL_SSL"})
    void providerServesEveryClientKind(KafkaBroker.Listener listener, KafkaBroker broker) throws Exception {
        CountingProvider provider = new CountingProvider(broker.security().oauth(), Duration.ofMinutes(5));
        Secured.roundTrip(broker, oauth(broker, listener, provider), "oauth-" + listener);
        assertTrue(provider.calls.get() >= 3, "one token per client at least: " + provider.calls);
        String self = Thread.currentThread().getName();
        assertTrue(provider.threads.stream().noneMatch(self::equals), "called on librdkafka's thread: " + provider.threads);
    }

    /**
     * A producer without a poller thread that is never polled, and an Admin, keep fresh
     * tokens (lifetime 3 s: a refresh every 2.4 s) and work after several lifetimes.
     */
    @Test
    void idleProducerAndAdminKeepValidTokens(KafkaBroker broker) throws Exception {
        String topic = "sec-oauth-idle-" + System.nanoTime();
        broker.createTopic(topic, 1);
        CountingProvider forProducer = new CountingProvider(broker.security().oauth(), Duration.ofSeconds(3));
        CountingProvider forAdmin = new CountingProvider(broker.security().oauth(), Duration.ofSeconds(3));
        try (Producer p = Producer.create(oauth(broker, KafkaBroker.Listener.SASL_PLAINTEXT, forProducer),
                ProducerOptions.defaults().withPollerThread(false));
             Admin a = Admin.create(oauth(broker, KafkaBroker.Listener.SASL_PLAINTEXT, forAdmin))) {
            Thread.sleep(8_000); // nobody polls the producer meanwhile
            assertTrue(forProducer.calls.get() >= 3, "idle producer refreshed: " + forProducer.calls);
            assertTrue(forAdmin.calls.get() >= 3, "admin refreshed: " + forAdmin.calls);
            CompletableFuture<?> sent = p.send(new ProducerRecord(topic, 0, null, Clients.bytes("late"), 0, List.of()));
            p.flush(Duration.ofSeconds(30));
            sent.get(1, TimeUnit.SECONDS);
            assertEquals(1, describeClusterAcrossRefusedReauthentication(a).nodes().size());
        }
    }

    /**
     * describeCluster; once more if the first was cut with _TRANSPORT: Kafka 4.4 refuses
     * librdkafka's re-authentication and closes the connection (the known limit above), which
     * fails a request in flight at that moment (seen in a CI run). A valid token is what the
     * retry proves; anything else still fails.
     */
    private static dev.jrdkafka.cluster.ClusterDescription describeClusterAcrossRefusedReauthentication(Admin a)
            throws Exception {
        try {
            return a.describeCluster().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof KafkaException k) || k.error() != dev.jrdkafka.KafkaError._TRANSPORT) throw e;
            return a.describeCluster().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Tokens of 3 s (a refresh every 2.4 s): producing for 9 s crosses at least two refreshes
     * without a failed message (the re-authentications librdkafka attempts are refused by the
     * broker and the connections re-established: see the comment below).
     */
    @Test
    void producingAcrossRefreshesLosesNothing(KafkaBroker broker) throws Exception {
        String topic = "sec-oauth-refresh-" + System.nanoTime();
        broker.createTopic(topic, 1);
        CountingProvider provider = new CountingProvider(broker.security().oauth(), Duration.ofSeconds(3));
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        ClientListener listener = new ClientListener() {
            @Override
            public void onError(KafkaException error) {
                errors.add(error);
            }
        };
        List<CompletableFuture<?>> sent = new java.util.ArrayList<>();
        try (Producer p = Producer.create(oauth(broker, KafkaBroker.Listener.SASL_SSL, provider),
                ProducerOptions.defaults().withListener(listener))) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(9);
            int i = 0;
            while (System.nanoTime() - end < 0) {
                sent.add(p.send(new ProducerRecord(topic, 0, null, Clients.bytes("r" + i++), 0, List.of())));
                Thread.sleep(50);
            }
            p.flush(Duration.ofSeconds(30));
        }
        for (CompletableFuture<?> f : sent) f.get(1, TimeUnit.SECONDS); // throws on any failed message
        assertTrue(provider.calls.get() >= 3, "at least two refreshes after the first token: " + provider.calls);
        // librdkafka re-authenticates each session (KIP-368) before the token expires and Kafka
        // 4.4 refuses that (ILLEGAL_SASL_STATE); the connection is re-established with a fresh
        // login. Those refusals are expected here; anything else is a failure.
        // librdkafka 2.15.0 also reports _ALL_BROKERS_DOWN (not fatal) while that single broker's
        // connection is re-established; earlier CMake builds never raised it (librdkafka #5282).
        List<KafkaException> unexpected = errors.stream()
                .filter(e -> !e.getMessage().contains("Request not valid in current SASL state"))
                .filter(e -> !e.getMessage().contains("_ALL_BROKERS_DOWN"))
                // the refused session's connection cut during the next handshake (as AuthFailures
                // classes it: not a credential refusal; seen in a CI run)
                .filter(e -> !(e.getMessage().contains("handshake failed") && e.getMessage().contains("Broker transport failure")))
                .toList();
        System.out.println("OAUTHBEARER refresh under load: " + sent.size() + " records, " + provider.calls + " tokens, "
                + (errors.size() - unexpected.size()) + " refused re-authentications");
        assertTrue(unexpected.isEmpty(), "no other client error: " + unexpected);
        assertEquals(sent.size(), Clients.readAll(broker, List.of(new dev.jrdkafka.TopicPartition(topic, 0)), "read_uncommitted").size());
    }

    /** A token the broker cannot validate (expired) fails the first Admin call with an authentication error, fast. */
    @Test
    void rejectedTokenFailsFast(KafkaBroker broker) {
        OAuthServer server = broker.security().oauth();
        OAuthBearerTokenProvider expired = config -> new OAuthBearerToken(
                server.issueToken("alice", Instant.now().minusSeconds(3600)), Instant.now().plusSeconds(60), "alice");
        long start = System.nanoTime();
        try (Admin a = Admin.create(oauth(broker, KafkaBroker.Listener.SASL_PLAINTEXT, expired))) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> a.describeCluster().get(30, TimeUnit.SECONDS));
            KafkaException k = (KafkaException) e.getCause();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("OAUTHBEARER rejected token: " + k.error() + " after " + ms + " ms: " + k.getMessage());
            assertTrue(k.error() == KafkaError._AUTHENTICATION || k.error() == KafkaError.SASL_AUTHENTICATION_FAILED, k.toString());
            assertTrue(ms < 10_000, "failed after " + ms + " ms");
        }
    }

    /**
     * OIDC without libcurl: {@code OidcClientCredentials} from librdkafka's own OIDC property
     * names fetches tokens from the testkit's token endpoint (client-credentials grant) for a
     * producer, a consumer and an Admin, and the broker validates them against its JWKS.
     */
    @Test
    void oidcClientCredentialsFromJava(KafkaBroker broker) throws Exception {
        OAuthServer server = broker.security().oauth();
        int before = server.tokenRequests();
        OidcClientCredentials oidc = OidcClientCredentials.fromProperties(Map.of(
                "sasl.oauthbearer.token.endpoint.url", server.tokenUrl(),
                "sasl.oauthbearer.client.id", OAuthServer.CLIENT_ID,
                "sasl.oauthbearer.client.secret", OAuthServer.CLIENT_SECRET,
                "sasl.oauthbearer.scope", "kafka"));
        KafkaConfig c = Secured.config(broker, KafkaBroker.Listener.SASL_PLAINTEXT).saslMechanism("OAUTHBEARER")
                .oauthBearerTokenProvider(oidc);
        Secured.roundTrip(broker, c, "oidc-java");
        try (Admin admin = Admin.create(c)) {
            assertFalse(admin.describeCluster().get(30, TimeUnit.SECONDS).nodes().isEmpty());
        }
        assertTrue(server.tokenRequests() - before >= 3, "a token per client: " + (server.tokenRequests() - before));
    }

    /** librdkafka's own OIDC client-credentials flow against the testkit's token endpoint (needs the oidc feature). */
    @Test
    void oidcThroughTheTestTokenEndpoint(KafkaBroker broker) throws Exception {
        assumeTrue(Librdkafka.builtinFeatures().contains("oidc"),
                "this librdkafka build has no oidc feature (build with -DJRDKAFKA_WITH_CURL=ON; oidcClientCredentialsFromJava "
                        + "covers OIDC without it): " + Librdkafka.builtinFeatures());
        OAuthServer server = broker.security().oauth();
        int before = server.tokenRequests();
        KafkaConfig c = Secured.config(broker, KafkaBroker.Listener.SASL_PLAINTEXT).saslMechanism("OAUTHBEARER")
                .set("sasl.oauthbearer.method", "oidc")
                .set("sasl.oauthbearer.client.id", OAuthServer.CLIENT_ID)
                .set("sasl.oauthbearer.client.secret", OAuthServer.CLIENT_SECRET)
                .set("sasl.oauthbearer.token.endpoint.url", server.tokenUrl());
        Secured.roundTrip(broker, c, "oidc");
        assertNotEquals(before, server.tokenRequests());
    }
}
