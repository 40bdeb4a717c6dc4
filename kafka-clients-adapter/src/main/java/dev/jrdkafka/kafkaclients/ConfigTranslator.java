package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.Librdkafka;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.config.UnknownKeys;
import dev.jrdkafka.security.OidcClientCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * kafka-clients configuration → jrdkafka's {@link KafkaConfig} (librdkafka properties and
 * Java security objects) plus what the adapter itself handles in Java (serializers,
 * interceptors, {@code max.poll.records}, timeouts). The table is in the module's README.
 *
 * <p>Keys librdkafka knows under the same name and meaning ({@code acks}, {@code linger.ms},
 * {@code batch.size}, {@code compression.type}, {@code enable.idempotence},
 * {@code transactional.id}, {@code retries}, {@code delivery.timeout.ms},
 * {@code request.timeout.ms}, {@code max.in.flight.requests.per.connection},
 * {@code group.id}, {@code enable.auto.commit}, {@code isolation.level},
 * {@code session.timeout.ms}, {@code security.protocol}, {@code sasl.mechanism},
 * {@code client.id}, …) pass through and librdkafka checks their values. Keys with another
 * name or form are rewritten; keys with no counterpart are refused, all of them in one
 * {@link ConfigException} with a hint each, unless {@value #UNSUPPORTED_KEYS}{@code =ignore}
 * is in the map (then they are left out and listed in {@link Translation#ignored()}).
 */
public final class ConfigTranslator {
    private ConfigTranslator() {}

    /** Adapter option: {@code fail} (default) or {@code ignore} keys with no librdkafka counterpart. */
    public static final String UNSUPPORTED_KEYS = "jrdkafka.unsupported.keys";
    /** Adapter option: how often librdkafka's statistics refresh {@code metrics()}, ms (default 5000; 0 = no metrics). */
    public static final String DEFAULT_STATISTICS_INTERVAL_MS = "5000";

    /** The client kind a configuration is for. */
    public enum Role { PRODUCER, CONSUMER, ADMIN }

    /** Keys the adapter handles in Java; never handed to librdkafka. */
    static final Set<String> JAVA_SIDE = Set.of("key.serializer", "value.serializer", "key.deserializer",
            "value.deserializer", "interceptor.classes", "max.poll.records", "default.api.timeout.ms", "max.block.ms",
            UNSUPPORTED_KEYS);

    /** kafka-clients keys with no librdkafka counterpart, and what to do instead. */
    static final Map<String, String> NO_COUNTERPART = Map.ofEntries(
            Map.entry("partitioner.class", "librdkafka partitions in C: use partitioner=murmur2_random (kafka-clients'"
                    + " key hashing, the adapter's default), consistent_random or random"),
            Map.entry("sasl.login.callback.handler.class", "no Java login callbacks; use sasl.jaas.config or librdkafka's"
                    + " sasl.oauthbearer.method=oidc"),
            Map.entry("sasl.client.callback.handler.class", "no Java SASL callbacks; use sasl.jaas.config"),
            Map.entry("sasl.login.class", "no Java login classes"),
            Map.entry("ssl.engine.factory.class", "librdkafka uses OpenSSL; give key and trust stores instead"),
            Map.entry("ssl.provider", "librdkafka uses OpenSSL"),
            Map.entry("ssl.protocol", "librdkafka negotiates TLS 1.2/1.3 with OpenSSL"),
            Map.entry("ssl.enabled.protocols", "librdkafka negotiates TLS 1.2/1.3 with OpenSSL"),
            Map.entry("ssl.cipher.suites", "use ssl.cipher.suites in OpenSSL syntax (librdkafka's property of that name"
                    + " is not the Java list)"),
            Map.entry("ssl.keymanager.algorithm", "librdkafka uses OpenSSL"),
            Map.entry("ssl.trustmanager.algorithm", "librdkafka uses OpenSSL"),
            Map.entry("ssl.secure.random.implementation", "librdkafka uses OpenSSL"),
            Map.entry("metric.reporters", "metrics() is fed by librdkafka's statistics (statistics.interval.ms); bind"
                    + " reporters to metrics() instead"),
            Map.entry("metrics.num.samples", "metrics come from librdkafka's statistics windows"),
            Map.entry("metrics.sample.window.ms", "use statistics.interval.ms"),
            Map.entry("metrics.recording.level", "metrics come from librdkafka's statistics"),
            Map.entry("auto.include.jmx.reporter", "no JMX reporter; bind metrics() (e.g. Micrometer KafkaClientMetrics)"),
            Map.entry("exclude.internal.topics", "librdkafka never subscribes internal topics by a regex"),
            Map.entry("security.providers", "librdkafka uses OpenSSL"),
            Map.entry("sasl.kerberos.min.time.before.relogin", "use sasl.kerberos.min.time.before.relogin (librdkafka)"));

    /** The result: librdkafka configuration, Java-side settings, and what was ignored. */
    public record Translation(KafkaConfig config, Map<String, Object> javaSide, Set<String> ignored) {
        /** The Java-side value of {@code key}, else {@code fallback}. */
        public Object javaSide(String key, Object fallback) {
            Object v = javaSide.get(key);
            return v == null ? fallback : v;
        }
    }

    public static Translation translate(Properties properties, Role role) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) map.put(name, properties.getProperty(name));
        properties.forEach((k, v) -> map.put(String.valueOf(k), v));
        return translate(map, role);
    }

    public static Translation translate(Map<String, ?> properties, Role role) {
        Map<String, Object> in = new LinkedHashMap<>();
        properties.forEach((k, v) -> in.put(k, v instanceof Password p ? p.value() : v));
        boolean ignoreUnsupported = "ignore".equalsIgnoreCase(String.valueOf(in.getOrDefault(UNSUPPORTED_KEYS, "fail")));

        Map<String, Object> rd = new LinkedHashMap<>();
        Map<String, Object> javaSide = new LinkedHashMap<>();
        TreeMap<String, String> refused = new TreeMap<>();
        Security security = new Security();

        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (value == null) continue; // kafka-clients treats a null value as unset
            if (JAVA_SIDE.contains(key)) {
                javaSide.put(key, value);
                continue;
            }
            String hint = NO_COUNTERPART.get(key);
            if (hint != null) {
                refused.put(key, hint);
                continue;
            }
            String s = value instanceof Class<?> c ? c.getName() : value instanceof List<?> l ? join(l) : String.valueOf(value);
            switch (key) {
                case "buffer.memory" -> rd.put("queue.buffering.max.kbytes", Long.toString((Long.parseLong(s.strip()) + 1023) / 1024));
                case "max.request.size" -> rd.put("message.max.bytes", s);
                case "send.buffer.bytes" -> rd.put("socket.send.buffer.bytes", s.strip().equals("-1") ? "0" : s);
                case "receive.buffer.bytes" -> rd.put("socket.receive.buffer.bytes", s.strip().equals("-1") ? "0" : s);
                case "fetch.max.wait.ms" -> rd.put("fetch.wait.max.ms", s);
                case "compression.gzip.level", "compression.lz4.level", "compression.zstd.level" -> {
                    String codec = key.split("\\.")[1];
                    if (codec.equalsIgnoreCase(String.valueOf(in.get("compression.type")))) rd.put("compression.level", s);
                }
                case "auto.offset.reset" -> {
                    String v = s.strip().toLowerCase(Locale.ROOT);
                    if (v.startsWith("by_duration")) {
                        refused.put(key, "librdkafka has no by_duration reset; use earliest/latest and offsetsForTimes");
                    } else {
                        rd.put(key, v.equals("none") ? "error" : v);
                    }
                }
                case "partition.assignment.strategy" -> {
                    String mapped = assignors(s);
                    if (mapped == null) {
                        refused.put(key, "librdkafka's assignors are range, roundrobin and cooperative-sticky"
                                + " (RangeAssignor, RoundRobinAssignor, CooperativeStickyAssignor); got " + s);
                    } else {
                        rd.put(key, mapped);
                    }
                }
                case "partitioner.ignore.keys" -> {
                    if (Boolean.parseBoolean(s.strip())) rd.put("partitioner", "random");
                }
                case "ssl.endpoint.identification.algorithm" -> rd.put(key, s.isBlank() ? "none" : s);
                case "sasl.jaas.config" -> security.jaas = s;
                case "ssl.truststore.location" -> security.trustLocation = s;
                case "ssl.truststore.type" -> security.trustType = s;
                case "ssl.truststore.password" -> security.trustPassword = s;
                case "ssl.truststore.certificates" -> rd.put("ssl.ca.pem", s);
                case "ssl.keystore.location" -> security.keyLocation = s;
                case "ssl.keystore.type" -> security.keyType = s;
                case "ssl.keystore.password" -> security.keyStorePassword = s;
                case "ssl.key.password" -> security.keyPassword = s;
                case "ssl.keystore.key" -> rd.put("ssl.key.pem", s);
                case "ssl.keystore.certificate.chain" -> rd.put("ssl.certificate.pem", s);
                case "sasl.oauthbearer.token.endpoint.url" -> {
                    rd.put(key, s);
                    security.oauthEndpoint = true;
                }
                default -> rd.put(key, value instanceof Class<?> c ? c.getName() : value);
            }
        }
        // kafka-clients' producer hashes keys with murmur2 (librdkafka's default is crc32-based).
        if (role == Role.PRODUCER && !rd.containsKey("partitioner")) rd.put("partitioner", "murmur2_random");
        if (!rd.containsKey("statistics.interval.ms")) rd.put("statistics.interval.ms", DEFAULT_STATISTICS_INTERVAL_MS);

        KafkaConfig config;
        try {
            security.applyProperties(rd, refused);
            config = KafkaConfig.from(rd, UnknownKeys.IGNORE);
            security.applyStores(config);
        } catch (dev.jrdkafka.config.ConfigException ce) {
            throw new ConfigException(ce.getMessage());
        } catch (IllegalArgumentException | IllegalStateException bad) {
            throw new ConfigException(bad.getMessage());
        }
        for (String unknown : config.ignoredKeys()) {
            refused.put(unknown, "no librdkafka counterpart (see librdkafka's CONFIGURATION.md for its properties)");
        }
        if (!refused.isEmpty() && !ignoreUnsupported) throw refusal(refused);
        return new Translation(config, Collections.unmodifiableMap(javaSide),
                Collections.unmodifiableSet(new java.util.TreeSet<>(refused.keySet())));
    }

    private static ConfigException refusal(Map<String, String> refused) {
        StringBuilder sb = new StringBuilder("jrdkafka cannot apply ").append(refused.size())
                .append(" kafka-clients configuration key(s) (set ").append(UNSUPPORTED_KEYS)
                .append("=ignore to leave them out):");
        refused.forEach((k, hint) -> sb.append("\n  ").append(k).append(": ").append(hint));
        return new ConfigException(sb.toString());
    }

    private static String join(List<?> values) {
        StringBuilder sb = new StringBuilder();
        for (Object o : values) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(o instanceof Class<?> c ? c.getName() : String.valueOf(o));
        }
        return sb.toString();
    }

    /** kafka-clients assignor classes (or librdkafka names) → librdkafka names; null if one has none. */
    static String assignors(String classes) {
        StringBuilder out = new StringBuilder();
        for (String raw : classes.split(",")) {
            String c = raw.strip();
            if (c.isEmpty()) continue;
            String simple = c.substring(c.lastIndexOf('.') + 1);
            String name = switch (simple) {
                case "RangeAssignor", "range" -> "range";
                case "RoundRobinAssignor", "roundrobin" -> "roundrobin";
                case "CooperativeStickyAssignor", "cooperative-sticky" -> "cooperative-sticky";
                default -> null;
            };
            if (name == null) return null;
            if (!out.isEmpty()) out.append(',');
            out.append(name);
        }
        return out.toString();
    }

    /** sasl.jaas.config and the Java key/trust stores: turned into librdkafka properties and security objects. */
    private static final class Security {
        String jaas;
        String trustLocation;
        String trustType;
        String trustPassword;
        String keyLocation;
        String keyType;
        String keyStorePassword;
        String keyPassword;
        boolean oauthEndpoint;
        private OidcClientCredentials oidc;
        private KeyStore trustStore;
        private KeyStore keyStore;

        void applyProperties(Map<String, Object> rd, Map<String, String> refused) {
            if (jaas != null) jaas(rd, refused);
            if ("oidc".equals(rd.get("sasl.oauthbearer.method")) && !nativeOidc()) oidc = javaOidc(rd);
            if (trustLocation != null) {
                String type = type(trustType);
                if (type.equals("PEM")) rd.put("ssl.ca.location", trustLocation);
                else trustStore = load(trustLocation, type, trustPassword, "ssl.truststore");
            }
            if (keyLocation != null) {
                String type = type(keyType);
                if (type.equals("PEM")) {
                    rd.put("ssl.certificate.location", keyLocation);
                    rd.put("ssl.key.location", keyLocation);
                    if (keyPassword != null) rd.put("ssl.key.password", keyPassword);
                } else {
                    keyStore = load(keyLocation, type, keyStorePassword, "ssl.keystore");
                }
            } else if (keyPassword != null) {
                rd.put("ssl.key.password", keyPassword); // for ssl.keystore.key (PEM)
            }
        }

        void applyStores(KafkaConfig config) {
            if (oidc != null) config.oauthBearerTokenProvider(oidc);
            if (trustStore != null) config.sslTrustStore(trustStore);
            if (keyStore != null) {
                String alias = keyAlias(keyStore);
                char[] password = (keyPassword != null ? keyPassword : keyStorePassword == null ? "" : keyStorePassword).toCharArray();
                config.sslKeyStore(keyStore, alias, password);
            }
        }

        private void jaas(Map<String, Object> rd, Map<String, String> refused) {
            JaasConfig j = JaasConfig.parse(jaas);
            Map<String, String> o = j.options();
            switch (j.simpleName()) {
                case "PlainLoginModule", "ScramLoginModule" -> {
                    if (!o.containsKey("username") || !o.containsKey("password")) {
                        throw new IllegalArgumentException("sasl.jaas.config: " + j.simpleName() + " needs username and password");
                    }
                    rd.put("sasl.username", o.get("username"));
                    rd.put("sasl.password", o.get("password"));
                }
                case "OAuthBearerLoginModule" -> {
                    if (o.containsKey("clientId") || oauthEndpoint) {
                        rd.put("sasl.oauthbearer.method", "oidc");
                        if (o.containsKey("clientId")) rd.put("sasl.oauthbearer.client.id", o.get("clientId"));
                        if (o.containsKey("clientSecret")) rd.put("sasl.oauthbearer.client.secret", o.get("clientSecret"));
                        if (o.containsKey("scope")) rd.put("sasl.oauthbearer.scope", o.get("scope"));
                    } else if (o.containsKey("unsecuredLoginStringClaim_sub")) {
                        rd.put("enable.sasl.oauthbearer.unsecure.jwt", "true");
                        rd.put("sasl.oauthbearer.config", "principal=" + o.get("unsecuredLoginStringClaim_sub"));
                    } else {
                        refused.put("sasl.jaas.config", "OAuthBearerLoginModule needs clientId/clientSecret with"
                                + " sasl.oauthbearer.token.endpoint.url (librdkafka's OIDC), or unsecuredLoginStringClaim_sub");
                    }
                }
                default -> refused.put("sasl.jaas.config", "login module " + j.simpleName() + " has no librdkafka counterpart"
                        + " (PLAIN, SCRAM and OAUTHBEARER are translated; GSSAPI uses librdkafka's sasl.kerberos.*)");
            }
        }

        /** librdkafka's OIDC properties, which {@link OidcClientCredentials#fromProperties} takes. */
        private static final List<String> OIDC_KEYS = List.of("sasl.oauthbearer.method", "sasl.oauthbearer.token.endpoint.url",
                "sasl.oauthbearer.client.id", "sasl.oauthbearer.client.secret", "sasl.oauthbearer.scope",
                "sasl.oauthbearer.sub.claim.name", "sasl.oauthbearer.extensions");

        /** Whether this librdkafka fetches OIDC tokens itself (built with libcurl: the {@code oidc} feature). */
        static boolean nativeOidc() {
            return Librdkafka.builtinFeatures().contains("oidc");
        }

        /**
         * The same client-credentials grant in Java for a librdkafka built without libcurl (the
         * default build), which refuses {@code sasl.oauthbearer.method=oidc}: the OIDC properties
         * move out of the librdkafka configuration into an {@link OidcClientCredentials}.
         */
        private static OidcClientCredentials javaOidc(Map<String, Object> rd) {
            Map<String, String> props = new LinkedHashMap<>();
            for (String key : OIDC_KEYS) {
                Object v = rd.remove(key);
                if (v != null) props.put(key, String.valueOf(v));
            }
            try {
                return OidcClientCredentials.fromProperties(props);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (kafka-clients: sasl.oauthbearer.token.endpoint.url and"
                        + " sasl.jaas.config's clientId, clientSecret, scope)", e);
            }
        }

        private static String type(String t) {
            return t == null ? "JKS" : t.strip().toUpperCase(Locale.ROOT);
        }

        private static KeyStore load(String location, String type, String password, String what) {
            try (InputStream in = Files.newInputStream(Path.of(location))) {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(in, password == null ? null : password.toCharArray());
                return ks;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException(what + ".location=" + location + " (" + what + ".type=" + type
                        + "): cannot load it: " + e.getMessage(), e);
            }
        }

        private static String keyAlias(KeyStore ks) {
            try {
                for (String alias : Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(alias)) return alias;
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("ssl.keystore.location: cannot read its entries: " + e.getMessage(), e);
            }
            throw new IllegalArgumentException("ssl.keystore.location: the key store has no private key entry");
        }
    }
}
