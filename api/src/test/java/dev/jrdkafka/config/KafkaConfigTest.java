package dev.jrdkafka.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.internal.rd.RdConf;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

    /** What librdkafka reports for {@code name} after creating a real conf from {@code config.toMap()}. */
    private static String librdkafkaValue(KafkaConfig config, String name) {
        try (RdConf conf = RdConf.create(config.toMap())) {
            return conf.get(name);
        }
    }

    private static void assertContains(String haystack, String... needles) {
        for (String needle : needles) {
            assertTrue(haystack.contains(needle), () -> "expected \"" + needle + "\" in:\n" + haystack);
        }
    }

    // ---- set / get ----

    @Test
    void anEmptyTransactionalIdIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaConfig.create().transactionalId(""));
        assertTrue(e.getMessage().contains("transactionalId must not be empty"), e.getMessage());
    }

    @Test
    void setAndGet() {
        KafkaConfig config = KafkaConfig.create()
                .set("bootstrap.servers", "localhost:9092")
                .set("queue.buffering.max.messages", 1000)
                .set("enable.idempotence", true);
        assertEquals(Optional.of("localhost:9092"), config.get("bootstrap.servers"));
        assertEquals(Optional.of("1000"), config.get("queue.buffering.max.messages"));
        assertEquals(Optional.of("true"), config.get("enable.idempotence"));
        assertEquals(Optional.empty(), config.get("client.id"));
        assertEquals("1000", librdkafkaValue(config, "queue.buffering.max.messages"));
        assertEquals("true", librdkafkaValue(config, "enable.idempotence"));
    }

    @Test
    void removeUnsets() {
        KafkaConfig config = KafkaConfig.create().clientId("a").groupId("g");
        config.remove("client.id").remove("not.there");
        assertEquals(Map.of("group.id", "g"), config.toMap());
    }

    @Test
    void unknownKeyCarriesLibrdkafkasWordsAndTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.create().set("no.such.thing", "1"));
        assertEquals("no.such.thing", e.key());
        assertContains(e.getMessage(), "No such configuration property", "no.such.thing");
    }

    @Test
    void unknownKafkaClientsKeyGetsAHint() {
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.create().set("buffer.memory", "1000"));
        assertContains(e.getMessage(), "No such configuration property", "buffer.memory", "queue.buffering.max.kbytes");
    }

    @Test
    void invalidValuesCarryLibrdkafkasMessageAndTheKey() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("acks", "maybe");
        cases.put("linger.ms", "-5");
        cases.put("compression.type", "brotli");
        cases.put("enable.idempotence", "perhaps");
        cases.put("partitioner", "crc64");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> KafkaConfig.create().set(c.getKey(), c.getValue()), c.toString());
            assertEquals(c.getKey(), e.key());
            assertContains(e.getMessage(), c.getKey(), c.getValue());
            assertTrue(e.getMessage().matches("(?s).*(Invalid value|outside allowed range|Expected bool).*"),
                    e.getMessage());
        }
        ConfigException range = assertThrows(ConfigException.class, () -> KafkaConfig.create().set("linger.ms", "-5"));
        assertContains(range.getMessage(), "is outside allowed range");
        assertFalse(range.getMessage().endsWith("\n"));
    }

    @Test
    void aRefusedSetLeavesTheConfigUnchanged() {
        KafkaConfig config = KafkaConfig.create().acks(Acks.LEADER);
        assertThrows(ConfigException.class, () -> config.set("acks", "maybe"));
        assertEquals(Map.of("acks", "1"), config.toMap());
    }

    @Test
    void topicLevelPropertiesAreAccepted() {
        KafkaConfig config = KafkaConfig.create()
                .set("acks", "all")
                .set("partitioner", "murmur2_random")
                .set("message.timeout.ms", 30_000)
                .set("auto.offset.reset", "earliest");
        assertEquals("-1", librdkafkaValue(config, "acks"));
        assertEquals("murmur2_random", librdkafkaValue(config, "partitioner"));
        assertEquals("30000", librdkafkaValue(config, "message.timeout.ms"));
        assertThrows(ConfigException.class, () -> KafkaConfig.create().set("message.timeout.ms", -1));
    }

    @Test
    void callbackPropertiesAreNotStrings() {
        for (String key : List.of("dr_cb", "log_cb", "opaque", "ut_handle_ProduceResponse", "ssl_key")) {
            ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.create().set(key, "x"), key);
            assertContains(e.getMessage(), key, "not a string property");
        }
    }

    @Test
    void numbersLibrdkafkaWouldMisreadAreRefused() {
        // librdkafka itself takes all of these, reading 30, 8, 1 and 5.
        for (String value : List.of("30s", "010", "1e6", "4294967301")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> KafkaConfig.create().set("session.timeout.ms", value), value);
            assertContains(e.getMessage(), "session.timeout.ms", "librdkafka would read");
        }
        // ...but the ways numbers legitimately differ are fine.
        KafkaConfig ok = KafkaConfig.create()
                .set("session.timeout.ms", " 45000")
                .set("batch.size", "0x10000")
                .set("linger.ms", "0.5")
                .set("queue.buffering.max.kbytes", "1024.0")
                .set("client.id", "007")
                .set("acks", "-1");
        assertEquals("65536", librdkafkaValue(ok, "batch.size"));
        assertEquals("0.5", librdkafkaValue(ok, "linger.ms"));
        assertEquals("007", librdkafkaValue(ok, "client.id"));
    }

    @Test
    void nullsAreRefusedNamingTheArgument() {
        KafkaConfig config = KafkaConfig.create();
        assertContains(assertThrows(NullPointerException.class, () -> config.set(null, "x")).getMessage(), "key");
        assertContains(assertThrows(NullPointerException.class, () -> config.set("client.id", null)).getMessage(), "value");
        assertContains(assertThrows(NullPointerException.class, () -> config.get(null)).getMessage(), "key");
        assertContains(assertThrows(NullPointerException.class, () -> config.remove(null)).getMessage(), "key");
        assertContains(assertThrows(NullPointerException.class, () -> config.acks(null)).getMessage(), "acks");
        assertContains(assertThrows(NullPointerException.class,
                () -> KafkaConfig.from((Map<String, ?>) null)).getMessage(), "properties");
        assertContains(assertThrows(NullPointerException.class,
                () -> KafkaConfig.from(Map.of(), null)).getMessage(), "unknownKeys");
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        assertContains(assertThrows(NullPointerException.class, () -> KafkaConfig.from(nullKey)).getMessage(), "null key");
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("client.id", null);
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.from(nullValue));
        assertEquals("client.id", e.key());
        assertContains(e.getMessage(), "client.id", "null");
    }

    @Test
    void nulCharactersAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.create().set("client.id", "a\0b"));
        assertContains(e.getMessage(), "client.id", "NUL");
        assertThrows(IllegalArgumentException.class, () -> KafkaConfig.create().set("client\0.id", "a"));
    }

    // ---- typed helpers, read back from a real librdkafka conf ----

    @Test
    void typedHelpersProduceLibrdkafkasStrings() {
        KafkaConfig config = KafkaConfig.create()
                .bootstrapServers("127.0.0.1:9092")
                .clientId("svc")
                .acks(Acks.ALL)
                .lingerMs(20)
                .batchSize(65536)
                .batchNumMessages(5000)
                .compression(Compression.ZSTD)
                .enableIdempotence(true)
                .transactionalId("tx-1")
                .partitioner(Partitioner.MURMUR2_RANDOM)
                .messageTimeoutMs(60_000)
                .queueBufferingMaxMessages(200_000)
                .queueBufferingMaxKbytes(65_536)
                .groupId("group")
                .autoOffsetReset(OffsetReset.EARLIEST)
                .enableAutoCommit(false)
                .sessionTimeoutMs(30_000)
                .groupProtocol(GroupProtocol.CONSUMER)
                .debug("broker", "topic")
                .statisticsIntervalMs(1000)
                .securityProtocol(SecurityProtocol.SASL_SSL)
                .saslMechanism("SCRAM-SHA-512")
                .saslUsername("user")
                .saslPassword("pw");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("bootstrap.servers", "127.0.0.1:9092");
        expected.put("client.id", "svc");
        expected.put("acks", "-1");
        expected.put("request.required.acks", "-1");
        expected.put("linger.ms", "20");
        expected.put("queue.buffering.max.ms", "20");
        expected.put("batch.size", "65536");
        expected.put("batch.num.messages", "5000");
        expected.put("compression.codec", "zstd"); // compression.type is its alias
        expected.put("enable.idempotence", "true");
        expected.put("transactional.id", "tx-1");
        expected.put("partitioner", "murmur2_random");
        expected.put("message.timeout.ms", "60000");
        expected.put("queue.buffering.max.messages", "200000");
        expected.put("queue.buffering.max.kbytes", "65536");
        expected.put("group.id", "group");
        expected.put("auto.offset.reset", "smallest"); // librdkafka's first name for earliest
        expected.put("enable.auto.commit", "false");
        expected.put("session.timeout.ms", "30000");
        expected.put("group.protocol", "consumer");
        expected.put("debug", "broker,topic");
        expected.put("statistics.interval.ms", "1000");
        expected.put("security.protocol", "sasl_ssl");
        expected.put("sasl.mechanisms", "SCRAM-SHA-512");
        expected.put("sasl.username", "user");
        expected.put("sasl.password", "pw");
        try (RdConf conf = RdConf.create(config.toMap())) {
            expected.forEach((name, value) -> assertEquals(value, conf.get(name), name));
        }
        assertEquals("zstd", config.get("compression.type").orElseThrow());
        assertEquals("all", config.get("acks").orElseThrow());
    }

    @Test
    void everyEnumValueIsAcceptedByLibrdkafka() {
        List<Consumer<KafkaConfig>> setters = new java.util.ArrayList<>();
        for (Acks v : Acks.values()) setters.add(c -> c.acks(v));
        for (Compression v : Compression.values()) setters.add(c -> c.compression(v));
        for (Partitioner v : Partitioner.values()) setters.add(c -> c.partitioner(v));
        for (OffsetReset v : OffsetReset.values()) setters.add(c -> c.autoOffsetReset(v));
        for (GroupProtocol v : GroupProtocol.values()) setters.add(c -> c.groupProtocol(v));
        for (SecurityProtocol v : SecurityProtocol.values()) setters.add(c -> c.securityProtocol(v));
        for (Consumer<KafkaConfig> s : setters) s.accept(KafkaConfig.create());
        assertEquals("0", librdkafkaValue(KafkaConfig.create().acks(Acks.NONE), "acks"));
        assertEquals("1", librdkafkaValue(KafkaConfig.create().acks(Acks.LEADER), "acks"));
        assertEquals("fnv1a_random", librdkafkaValue(KafkaConfig.create().partitioner(Partitioner.FNV1A_RANDOM), "partitioner"));
    }

    @Test
    void debugNeedsAContext() {
        assertThrows(IllegalArgumentException.class, () -> KafkaConfig.create().debug());
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.create().debug("broker", "bogus"));
        assertContains(e.getMessage(), "debug", "bogus");
    }

    // ---- order, copy ----

    @Test
    void orderIsPreservedAndTheLastSetGoesLast() {
        KafkaConfig config = KafkaConfig.create()
                .set("linger.ms", 5)
                .set("client.id", "c")
                .set("queue.buffering.max.ms", 10)
                .set("bootstrap.servers", "b:9092");
        assertEquals(List.of("linger.ms", "client.id", "queue.buffering.max.ms", "bootstrap.servers"),
                List.copyOf(config.toMap().keySet()));
        assertEquals("10", librdkafkaValue(config, "linger.ms"));
        config.set("linger.ms", 20); // moves to the end: it now wins over its alias
        assertEquals(List.of("client.id", "queue.buffering.max.ms", "bootstrap.servers", "linger.ms"),
                List.copyOf(config.toMap().keySet()));
        assertEquals("20", librdkafkaValue(config, "queue.buffering.max.ms"));
        assertEquals(List.copyOf(config.toMap().keySet()), List.copyOf(config.toRedactedMap().keySet()));
    }

    @Test
    void copyIsIndependent() {
        KafkaConfig original = KafkaConfig.from(Map.of("client.id", "a", "key.serializer", "x"), UnknownKeys.IGNORE);
        KafkaConfig copy = original.copy();
        copy.clientId("b").groupId("g").remove("key.serializer");
        original.lingerMs(7);
        assertEquals(Map.of("client.id", "a", "linger.ms", "7"), original.toMap());
        assertEquals(Set.of("key.serializer"), original.ignoredKeys());
        assertEquals(Map.of("client.id", "b", "group.id", "g"), copy.toMap());
        assertEquals(Set.of(), copy.ignoredKeys());
    }

    @Test
    void toMapIsAnUnmodifiableSnapshot() {
        KafkaConfig config = KafkaConfig.create().clientId("a");
        Map<String, String> map = config.toMap();
        assertThrows(UnsupportedOperationException.class, () -> map.put("x", "y"));
        config.clientId("b");
        assertEquals("a", map.get("client.id"));
    }

    // ---- kafka-clients maps ----

    @Test
    void fromKafkaClientsMapReportsEveryUnknownKeyOnceWithHints() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("acks", "all");
        props.put("linger.ms", 5);
        props.put("delivery.timeout.ms", 120_000); // librdkafka's alias of message.timeout.ms
        props.put("enable.idempotence", Boolean.TRUE);
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", Object.class);
        props.put("max.block.ms", 60_000L);
        props.put("buffer.memory", 33_554_432L);
        props.put("ssl.truststore.location", "/etc/kafka/truststore.jks");
        props.put("ssl.truststore.password", "trust-secret-123");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"u\" password=\"jaas-secret-456\";");
        props.put("interceptor.classes", List.of("a.B", "c.D"));
        props.put("partitioner.class", "x.Y");
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.from(props));
        assertNull(e.key());
        List<String> unknown = List.of("buffer.memory", "interceptor.classes", "key.serializer", "max.block.ms",
                "partitioner.class", "sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.password",
                "value.serializer");
        assertEquals(unknown, List.copyOf(e.problems().keySet()));
        String m = e.getMessage();
        assertContains(m, "pass UnknownKeys.IGNORE to ignore them", String.join(", ", unknown));
        assertContains(m, "ssl.ca.location", "queue.buffering.max.kbytes", "serialize before producing",
                "producer blocking is chosen per call", "sasl.username/sasl.password or sasl.oauthbearer.config",
                "partitioner=<name> or a Java partitioner on the producer");
        assertFalse(m.contains("trust-secret-123"), m);
        assertFalse(m.contains("jaas-secret-456"), m);
        assertFalse(m.contains("bootstrap.servers"), m);
    }

    @Test
    void ignorePolicyKeepsTheKnownKeysAndListsTheOthers() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.serializer", "x.Y");
        props.put("linger.ms", 5);
        props.put("max.block.ms", 60_000);
        props.put("delivery.timeout.ms", 120_000);
        props.put("sasl.jaas.config", "secret stuff");
        KafkaConfig config = KafkaConfig.from(props, UnknownKeys.IGNORE);
        assertEquals(List.of("bootstrap.servers", "linger.ms", "delivery.timeout.ms"), List.copyOf(config.toMap().keySet()));
        assertEquals(Set.of("key.serializer", "max.block.ms", "sasl.jaas.config"), config.ignoredKeys());
        assertEquals("120000", librdkafkaValue(config, "message.timeout.ms"));
        assertFalse(config.toString().contains("secret stuff"));
    }

    @Test
    void invalidValuesAreNeverIgnored() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("key.serializer", "x.Y");
        props.put("acks", "maybe");
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.from(props, UnknownKeys.IGNORE));
        assertEquals("acks", e.key());
        assertContains(e.getMessage(), "acks", "maybe", "Invalid value");
        assertFalse(e.getMessage().contains("key.serializer"), e.getMessage());
    }

    @Test
    void unknownAndInvalidTogetherAreOneException() {
        Map<String, Object> props = new HashMap<>();
        props.put("max.block.ms", 1);
        props.put("compression.type", "brotli");
        props.put("auto.offset.reset", "none");
        props.put("linger.ms", Duration.ofMillis(5));
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.from(props));
        assertNull(e.key());
        assertEquals(List.of("auto.offset.reset", "compression.type", "linger.ms", "max.block.ms"),
                List.copyOf(e.problems().keySet()));
        assertContains(e.getMessage(), "brotli", "\"error\"", "Duration", "toMillis", "max.block.ms",
                "pass UnknownKeys.IGNORE");
    }

    @Test
    void aSingleUnknownKeyFromAMapNamesIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.from(Map.of("max.block.ms", 5)));
        assertEquals("max.block.ms", e.key());
        assertContains(e.getMessage(), "max.block.ms", "UnknownKeys.IGNORE");
    }

    @Test
    void setAllIsAllOrNothing() {
        KafkaConfig config = KafkaConfig.create().clientId("a");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("group.id", "g");
        props.put("acks", "maybe");
        assertThrows(ConfigException.class, () -> config.setAll(props));
        assertEquals(Map.of("client.id", "a"), config.toMap());
        config.setAll(Map.of("group.id", "g"));
        assertEquals(Map.of("client.id", "a", "group.id", "g"), config.toMap());
    }

    @Test
    void valuesOfAnyUsualTypeBecomeStrings() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("enable.auto.commit", false);
        props.put("session.timeout.ms", 45_000);
        props.put("fetch.max.bytes", 52_428_800L);
        props.put("linger.ms", 2.5d);
        props.put("partition.assignment.strategy", List.of("range", "roundrobin"));
        props.put("client.id", new StringBuilder("sb"));
        props.put("acks", Acks.LEADER);
        props.put("security.protocol", "SASL_SSL"); // kafka-clients' spelling; librdkafka ignores case
        KafkaConfig config = KafkaConfig.from(props);
        assertEquals("false", config.get("enable.auto.commit").orElseThrow());
        assertEquals("45000", config.get("session.timeout.ms").orElseThrow());
        assertEquals("2.5", config.get("linger.ms").orElseThrow());
        assertEquals("range,roundrobin", config.get("partition.assignment.strategy").orElseThrow());
        assertEquals("sb", config.get("client.id").orElseThrow());
        assertEquals("1", config.get("acks").orElseThrow());
        assertEquals("sasl_ssl", librdkafkaValue(config, "security.protocol"));
        assertEquals("range,roundrobin", librdkafkaValue(config, "partition.assignment.strategy"));

        ConfigException array = assertThrows(ConfigException.class,
                () -> KafkaConfig.from(Map.of("bootstrap.servers", new String[] {"a:1"})));
        assertContains(array.getMessage(), "bootstrap.servers", "array");
    }

    @Test
    void fromPropertiesIncludingDefaultsAndNonStringValues() {
        Properties defaults = new Properties();
        defaults.setProperty("client.id", "default-id");
        defaults.setProperty("group.id", "g");
        Properties props = new Properties(defaults);
        props.setProperty("bootstrap.servers", "localhost:9092");
        props.put("linger.ms", 5); // kafka-clients users do this
        props.setProperty("client.id", "mine");
        KafkaConfig config = KafkaConfig.from(props);
        assertEquals(Map.of("bootstrap.servers", "localhost:9092", "client.id", "mine", "group.id", "g", "linger.ms", "5"),
                config.toMap());

        Properties kafkaClients = new Properties();
        kafkaClients.setProperty("group.id", "g");
        kafkaClients.setProperty("key.deserializer", "x.Y");
        kafkaClients.setProperty("value.deserializer", "x.Y");
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.from(kafkaClients));
        assertContains(e.getMessage(), "key.deserializer", "value.deserializer", "deserialize after consuming");
        assertEquals(Set.of("key.deserializer", "value.deserializer"),
                KafkaConfig.from(kafkaClients, UnknownKeys.IGNORE).ignoredKeys());

        Properties badKey = new Properties();
        badKey.put(5, "x");
        assertThrows(IllegalArgumentException.class, () -> KafkaConfig.from(badKey));
    }

    // ---- secrets ----

    private static final Map<String, String> SECRETS = Map.of(
            "sasl.password", "sasl-pw-value",
            "ssl.key.password", "key-pw-value",
            "ssl.keystore.password", "keystore-pw-value",
            "sasl.oauthbearer.client.secret", "client-secret-value",
            "ssl.key.pem", "-----BEGIN PRIVATE KEY-----\nMIIsecretkeymaterial\n-----END PRIVATE KEY-----",
            "sasl.oauthbearer.config", "principal=admin secret=oauth-config-value");

    @Test
    void secretsAreRedactedInToStringAndToRedactedMap() {
        KafkaConfig config = KafkaConfig.create().bootstrapServers("localhost:9092");
        Map<String, String> set = new LinkedHashMap<>();
        SECRETS.forEach((key, value) -> {
            try {
                config.set(key, value);
                set.put(key, value);
            } catch (ConfigException e) {
                // The bundled build has no libcurl, so the OIDC properties are "not supported
                // in this build": a failed set of a secret, which must not show it either.
                assertContains(e.getMessage(), key, "not supported in this build");
                assertFalse(e.getMessage().contains(value), e.getMessage());
            }
        });
        assertTrue(set.keySet().containsAll(List.of("sasl.password", "ssl.key.password", "ssl.keystore.password",
                "ssl.key.pem", "sasl.oauthbearer.config")), set.toString());
        config.saslUsername("the-user");
        String text = config.toString();
        Map<String, String> redacted = config.toRedactedMap();
        for (Map.Entry<String, String> s : set.entrySet()) {
            assertFalse(text.contains(s.getValue()), text);
            assertFalse(text.contains("secretkeymaterial"), text);
            assertEquals(KafkaConfig.REDACTED, redacted.get(s.getKey()), s.getKey());
            assertEquals(s.getValue(), config.toMap().get(s.getKey()), s.getKey());
        }
        for (String key : SECRETS.keySet()) assertTrue(KafkaConfig.isSensitive(key), key);
        assertFalse(text.contains("the-user"), "librdkafka marks sasl.username sensitive: " + text);
        assertContains(text, "bootstrap.servers=localhost:9092", "sasl.password=" + KafkaConfig.REDACTED);
        assertEquals("localhost:9092", redacted.get("bootstrap.servers"));
        for (String key : List.of("sasl.jaas.config", "ssl.truststore.password", "ssl.keystore.key", "ssl_key",
                "sasl.oauthbearer.client.credentials.client.secret", "sasl.oauthbearer.assertion.private.key.passphrase",
                "some.plugin.api.secret", "ssl.certificate.pem")) {
            assertTrue(KafkaConfig.isSensitive(key), key);
        }
        for (String key : List.of("bootstrap.servers", "acks", "ssl.ca.location", "sasl.mechanism")) {
            assertFalse(KafkaConfig.isSensitive(key), key);
        }
    }

    @Test
    void failedSetsOfSecretsNeverEchoTheValue() {
        String secret = "hunter2-very-secret";
        // A value C cannot hold.
        ConfigException nul = assertThrows(ConfigException.class,
                () -> KafkaConfig.create().set("sasl.password", secret + "\0x"));
        assertFalse(nul.getMessage().contains("hunter2"), nul.getMessage());
        // kafka-clients secrets librdkafka refuses.
        for (String key : List.of("sasl.jaas.config", "ssl.truststore.password", "ssl.keystore.key")) {
            ConfigException e = assertThrows(ConfigException.class, () -> KafkaConfig.create().set(key, secret), key);
            assertContains(e.getMessage(), key);
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            ConfigException fromMap = assertThrows(ConfigException.class, () -> KafkaConfig.from(Map.of(key, secret)));
            assertFalse(fromMap.getMessage().contains("hunter2"), fromMap.getMessage());
        }
        // Values of the wrong type.
        for (Object bad : List.of(Duration.ofSeconds(1), new char[] {'h', 'u', 'n', 't', 'e', 'r', '2'})) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> KafkaConfig.from(Map.of("ssl.key.password", bad)));
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertFalse(e.getMessage().contains("PT1S"), e.getMessage());
        }
    }

    @Test
    void scrubbingRemovesEveryCopyOfASecretEvenCutShort() {
        assertEquals("Invalid value for \"x\": [redacted] and [redacted]",
                KafkaConfig.scrub("Invalid value for \"x\": hunter22 and hunter22", "hunter22"));
        assertEquals("Invalid value for \"x\": [redacted]",
                KafkaConfig.scrub("Invalid value for \"x\": hunter", "hunter22-cut-off-by-errstr"));
        assertEquals("no value here", KafkaConfig.scrub("no value here", "hunter22"));
    }
}
