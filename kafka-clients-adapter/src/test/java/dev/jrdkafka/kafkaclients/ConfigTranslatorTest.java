package dev.jrdkafka.kafkaclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.jrdkafka.Librdkafka;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.kafkaclients.ConfigTranslator.Role;
import dev.jrdkafka.kafkaclients.ConfigTranslator.Translation;
import dev.jrdkafka.security.OidcClientCredentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ConfigTranslatorTest {
    @Test
    void sameNamedKeysPassThroughAndJavaSideKeysStayInJava() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("bootstrap.servers", "127.0.0.1:9092");
        in.put("acks", "all");
        in.put("linger.ms", 5);
        in.put("batch.size", 65536);
        in.put("compression.type", "lz4");
        in.put("enable.idempotence", true);
        in.put("transactional.id", "tx-1");
        in.put("retries", Integer.MAX_VALUE);
        in.put("delivery.timeout.ms", 120000);
        in.put("request.timeout.ms", 30000);
        in.put("max.in.flight.requests.per.connection", 5);
        in.put("client.id", "my-app");
        in.put("key.serializer", StringSerializer.class);
        in.put("value.serializer", StringSerializer.class.getName());
        in.put("max.block.ms", 1000);
        Translation t = ConfigTranslator.translate(in, Role.PRODUCER);
        Map<String, String> rd = t.config().toMap();
        assertEquals("all", rd.get("acks"));
        assertEquals("5", rd.get("linger.ms"));
        assertEquals("65536", rd.get("batch.size"));
        assertEquals("lz4", rd.get("compression.type"));
        assertEquals("tx-1", rd.get("transactional.id"));
        assertEquals("120000", rd.get("delivery.timeout.ms"));
        assertEquals("my-app", rd.get("client.id"));
        assertEquals("murmur2_random", rd.get("partitioner"), "kafka-clients' key hashing");
        assertFalse(rd.containsKey("key.serializer"));
        assertEquals(StringSerializer.class, t.javaSide().get("key.serializer"));
        assertEquals(1000, t.javaSide().get("max.block.ms"));
        assertTrue(t.ignored().isEmpty());
    }

    @Test
    void renamedKeysAreRewritten() {
        Map<String, Object> in = Map.of("buffer.memory", 33554432L, "max.request.size", 2000000, "send.buffer.bytes", -1,
                "fetch.max.wait.ms", 200, "compression.type", "zstd", "compression.zstd.level", 7,
                "partition.assignment.strategy", List.of(CooperativeStickyAssignor.class),
                "auto.offset.reset", "none", "ssl.endpoint.identification.algorithm", "");
        Map<String, String> rd = ConfigTranslator.translate(in, Role.CONSUMER).config().toMap();
        assertEquals("32768", rd.get("queue.buffering.max.kbytes"));
        assertEquals("2000000", rd.get("message.max.bytes"));
        assertEquals("0", rd.get("socket.send.buffer.bytes"));
        assertEquals("200", rd.get("fetch.wait.max.ms"));
        assertEquals("7", rd.get("compression.level"));
        assertEquals("cooperative-sticky", rd.get("partition.assignment.strategy"));
        assertEquals("error", rd.get("auto.offset.reset"));
        assertEquals("none", rd.get("ssl.endpoint.identification.algorithm"));
        assertEquals("range,roundrobin", ConfigTranslator.assignors(RangeAssignor.class.getName() + ", roundrobin"));
    }

    @Test
    void jaasPlainAndScramBecomeUsernameAndPassword() {
        Map<String, Object> in = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", new Password("org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"alice\" password=\"s3cr\\\"et\";"));
        Map<String, String> rd = ConfigTranslator.translate(in, Role.CONSUMER).config().toMap();
        assertEquals("alice", rd.get("sasl.username"));
        assertEquals("s3cr\"et", rd.get("sasl.password"));
        assertEquals("SASL_SSL", rd.get("security.protocol"));
    }

    @Test
    void jaasOAuthBearerWithClientCredentialsBecomesOidc() {
        Map<String, Object> in = Map.of("sasl.mechanism", "OAUTHBEARER", "security.protocol", "SASL_SSL",
                "sasl.oauthbearer.token.endpoint.url", "https://127.0.0.1/token",
                "sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                        + " clientId=\"app\" clientSecret=\"xyz\" scope=\"kafka\";");
        KafkaConfig config = ConfigTranslator.translate(in, Role.PRODUCER).config();
        Map<String, String> rd = config.toMap();
        if (Librdkafka.builtinFeatures().contains("oidc")) {
            // librdkafka fetches the tokens itself.
            assertEquals("oidc", rd.get("sasl.oauthbearer.method"));
            assertEquals("app", rd.get("sasl.oauthbearer.client.id"));
            assertEquals("xyz", rd.get("sasl.oauthbearer.client.secret"));
            assertEquals("kafka", rd.get("sasl.oauthbearer.scope"));
            assertNull(config.security().tokenProvider());
        } else {
            // Built without libcurl (the default): the same grant in Java, and no OIDC keys left for librdkafka.
            OidcClientCredentials oidc = assertInstanceOf(OidcClientCredentials.class, config.security().tokenProvider());
            assertEquals("OidcClientCredentials[endpoint=https://127.0.0.1/token, clientId=app, scope=kafka, subClaim=sub,"
                    + " extensions=[], clientSecret=(redacted)]", oidc.toString());
            assertTrue(rd.keySet().stream().noneMatch(k -> k.startsWith("sasl.oauthbearer.")), rd.toString());
            assertEquals("OAUTHBEARER", rd.get("sasl.mechanism"));
        }
    }

    @Test
    void oidcWithoutClientSecretIsRefusedByName() {
        Map<String, Object> in = Map.of("sasl.mechanism", "OAUTHBEARER",
                "sasl.oauthbearer.token.endpoint.url", "http://127.0.0.1/token",
                "sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=\"app\";");
        assumeFalse(Librdkafka.builtinFeatures().contains("oidc"), "librdkafka checks OIDC settings itself when built with libcurl");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigTranslator.translate(in, Role.CONSUMER));
        assertTrue(e.getMessage().contains("sasl.oauthbearer.client.secret is required"), e.getMessage());
    }

    @Test
    void keysWithoutCounterpartAreRefusedTogetherWithHintsAndSecretsHidden() {
        Map<String, Object> in = Map.of("partitioner.class", "com.example.MyPartitioner", "metric.reporters", "x.Y",
                "no.such.key", "1", "sasl.jaas.config", "com.example.KerberosModule required secret=\"hunter2\";");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigTranslator.translate(in, Role.PRODUCER));
        String m = e.getMessage();
        assertTrue(m.contains("4 kafka-clients configuration key(s)"), m);
        assertTrue(m.contains("partitioner.class: librdkafka partitions in C"), m);
        assertTrue(m.contains("metric.reporters"), m);
        assertTrue(m.contains("no.such.key"), m);
        assertTrue(m.contains("sasl.jaas.config: login module KerberosModule"), m);
        assertTrue(m.contains(ConfigTranslator.UNSUPPORTED_KEYS + "=ignore"), m);
        assertFalse(m.contains("hunter2"), m);
    }

    @Test
    void theIgnoreOptionLeavesThemOutAndListsThem() {
        Map<String, Object> in = Map.of("partitioner.class", "com.example.MyPartitioner", "no.such.key", "1",
                ConfigTranslator.UNSUPPORTED_KEYS, "ignore", "acks", "1");
        Translation t = ConfigTranslator.translate(in, Role.PRODUCER);
        assertEquals(java.util.Set.of("no.such.key", "partitioner.class"), t.ignored());
        assertEquals("1", t.config().toMap().get("acks"));
    }

    @Test
    void invalidValuesOfKnownKeysAlwaysFail() {
        Map<String, Object> in = Map.of("acks", "sometimes", ConfigTranslator.UNSUPPORTED_KEYS, "ignore");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigTranslator.translate(in, Role.PRODUCER));
        assertTrue(e.getMessage().contains("acks"), e.getMessage());
    }

    @Test
    void javaKeyStoresBecomeSecurityObjects(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var ca = dev.jrdkafka.testkit.TestCa.create("adapter-test");
        java.nio.file.Path trust = dir.resolve("trust.p12");
        ca.writeTrustStore(trust, "changeit".toCharArray());
        Map<String, Object> in = Map.of("security.protocol", "SSL", "ssl.truststore.location", trust.toString(),
                "ssl.truststore.type", "PKCS12", "ssl.truststore.password", "changeit");
        Translation t = ConfigTranslator.translate(in, Role.CONSUMER);
        assertEquals(1, t.config().security().trustedCertificates().size());
        assertFalse(t.config().toMap().containsKey("ssl.truststore.location"));
        Map<String, Object> missing = Map.of("ssl.truststore.location", dir.resolve("nope.jks").toString());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigTranslator.translate(missing, Role.CONSUMER));
        assertTrue(e.getMessage().contains("ssl.truststore.location"), e.getMessage());
    }
}
