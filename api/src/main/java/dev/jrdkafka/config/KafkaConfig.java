package dev.jrdkafka.config;

import dev.jrdkafka.internal.rd.RdConfValidation;
import dev.jrdkafka.security.CertificateVerifier;
import dev.jrdkafka.security.ClientCertificate;
import dev.jrdkafka.security.OAuthBearerTokenProvider;
import dev.jrdkafka.security.SecuritySettings;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A librdkafka configuration: ordered property → value strings, validated at set time.
 *
 * <p>Property names and values are librdkafka's, as listed in its
 * <a href="https://github.com/confluentinc/librdkafka/blob/v2.15.0/CONFIGURATION.md">CONFIGURATION.md</a>,
 * global and topic-level alike ({@code acks}, {@code partitioner} and
 * {@code message.timeout.ms} are topic-level; they apply to every topic the client uses).
 * Every {@code set} hands the property to librdkafka at once, on a scratch configuration, and
 * an unknown name or a refused value throws a {@link ConfigException} carrying librdkafka's
 * own message and the property's name. Checks librdkafka makes only when a client is created
 * (such as {@code transactional.id} needing {@code enable.idempotence}) come from the client's
 * constructor instead.
 *
 * <p><b>Order.</b> Properties reach librdkafka in the order they were set, and setting a
 * property again moves it to the end: the last set wins, also between aliases such as
 * {@code linger.ms} and {@code queue.buffering.max.ms}.
 *
 * <p><b>kafka-clients maps.</b> {@link #from(Map)} takes the {@code Map} or
 * {@link Properties} a kafka-clients application already has. Most of its keys are
 * librdkafka's too; the others ({@code key.serializer}, {@code max.block.ms}…) are reported
 * all at once, with what to use instead, unless {@link UnknownKeys#IGNORE} is given.
 *
 * <p><b>Secrets.</b> {@link #toString()} and {@link #toRedactedMap()} show {@value #REDACTED}
 * for the values of sensitive properties (those librdkafka marks sensitive, and any name with
 * {@code password}, {@code secret}, {@code .pem}, …); exception messages never show them.
 * {@link #toMap()} is the unredacted configuration for librdkafka.
 *
 * <p><b>Java security objects.</b> Besides properties, a configuration can carry an
 * OAUTHBEARER token provider, a client certificate from a {@link KeyStore} or PEM, trusted CA
 * certificates and a certificate verifier ({@link #security()}); every client kind applies
 * them. They are not properties: {@link #toMap()} does not contain them, and
 * {@link #toString()} only says which are set.
 *
 * <p>Mutable and not thread-safe; {@link #copy()} makes an independent copy.
 */
public final class KafkaConfig {
    /** What {@link #toRedactedMap()} shows for a secret value. */
    public static final String REDACTED = ConfigKeys.REDACTED;

    private static final String PLUGIN_LIBRARY_PATHS = "plugin.library.paths";

    private final LinkedHashMap<String, String> properties;
    private final TreeSet<String> ignored;
    private SecuritySettings security = SecuritySettings.none();

    private KafkaConfig(LinkedHashMap<String, String> properties, TreeSet<String> ignored) {
        this.properties = properties;
        this.ignored = ignored;
    }

    /** An empty configuration: librdkafka's defaults. */
    public static KafkaConfig create() {
        return new KafkaConfig(new LinkedHashMap<>(), new TreeSet<>());
    }

    /**
     * A configuration from a kafka-clients style map, every key checked by librdkafka. Keys
     * librdkafka does not know fail the whole map: one {@link ConfigException} lists them all,
     * sorted, with hints for common kafka-clients keys. Values are turned into strings as
     * {@link #setAll(Map, UnknownKeys)} describes.
     */
    public static KafkaConfig from(Map<String, ?> properties) {
        return from(properties, UnknownKeys.FAIL);
    }

    /** {@link #from(Map)} for {@link Properties}, including their defaults; keys must be strings. */
    public static KafkaConfig from(Properties properties) {
        return from(properties, UnknownKeys.FAIL);
    }

    /** {@link #from(Map, UnknownKeys)} for {@link Properties}, including their defaults; keys must be strings. */
    public static KafkaConfig from(Properties properties, UnknownKeys unknownKeys) {
        return from(asMap(properties), unknownKeys);
    }

    /**
     * {@link #from(Map)}, with a choice for unknown keys: {@link UnknownKeys#FAIL} refuses them,
     * {@link UnknownKeys#IGNORE} leaves them out and lists them in {@link #ignoredKeys()}.
     * Invalid values of known keys always fail.
     */
    public static KafkaConfig from(Map<String, ?> properties, UnknownKeys unknownKeys) {
        return create().setAll(properties, unknownKeys);
    }

    /**
     * Sets {@code key} to {@code value} after librdkafka accepted it. An empty value resets a
     * string property to librdkafka's default (librdkafka reads "" as unset).
     *
     * @throws ConfigException if librdkafka does not know {@code key} or refuses the value,
     *     if the property is a callback rather than a string (such as {@code dr_cb}), or if
     *     librdkafka would read a number differently from how it is written ({@code "5s"},
     *     {@code "010"}, {@code "1e6"})
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    public KafkaConfig set(String key, String value) {
        requireKey(key);
        Objects.requireNonNull(value, "value is null (remove(key) unsets a property)");
        requireNoNul(key, value);
        if (key.equals("transactional.id") && value.isEmpty()) {
            throw new ConfigException(key, "transactional.id must not be empty: librdkafka would treat the producer as not "
                    + "transactional; give a stable, unique id per producer instance (remove(key) unsets it)");
        }
        RdConfValidation.Result result = RdConfValidation.check(pluginPathsFor(key), key, value);
        if (!result.ok()) throw new ConfigException(key, describe(key, value, result));
        put(key, value);
        return this;
    }

    /** {@link #set(String, String)} with the decimal number. */
    public KafkaConfig set(String key, long value) {
        return set(key, Long.toString(value));
    }

    /** {@link #set(String, String)} with {@code "true"} or {@code "false"}. */
    public KafkaConfig set(String key, boolean value) {
        return set(key, Boolean.toString(value));
    }

    /** {@link #setAll(Map, UnknownKeys)} with {@link UnknownKeys#FAIL}. */
    public KafkaConfig setAll(Map<String, ?> properties) {
        return setAll(properties, UnknownKeys.FAIL);
    }

    /**
     * Sets every entry of {@code properties}, in its iteration order, or none of them: all
     * entries are checked by librdkafka first and every problem is reported in one
     * {@link ConfigException} (its {@link ConfigException#problems()} lists them). Values
     * become strings: {@link String} and other {@link CharSequence}s as they are, numbers and
     * booleans by {@code String.valueOf}, this package's enums by their {@code value()}, a
     * {@link Class} by its name, a {@link Iterable} (such as a {@link List}) comma-joined.
     * {@link Duration}s, arrays and kafka-clients' {@code Password} are refused (librdkafka
     * takes milliseconds as plain numbers; give {@code password.value()}).
     *
     * @param unknownKeys what to do with keys librdkafka does not know
     */
    public KafkaConfig setAll(Map<String, ?> properties, UnknownKeys unknownKeys) {
        Objects.requireNonNull(properties, "properties is null");
        Objects.requireNonNull(unknownKeys, "unknownKeys is null");

        LinkedHashMap<String, String> accepted = new LinkedHashMap<>();
        TreeMap<String, String> unknown = new TreeMap<>();
        TreeMap<String, String> invalid = new TreeMap<>();

        String pluginPaths = this.properties.get(PLUGIN_LIBRARY_PATHS);
        if (properties.containsKey(PLUGIN_LIBRARY_PATHS)) {
            // Loaded first, so that the plugins' own properties are known; a problem with it
            // is reported in the loop below.
            pluginPaths = null;
            try {
                String value = valueString(PLUGIN_LIBRARY_PATHS, properties.get(PLUGIN_LIBRARY_PATHS));
                if (RdConfValidation.check(null, PLUGIN_LIBRARY_PATHS, value).ok()) pluginPaths = value;
            } catch (ConfigException e) {
                // reported below
            }
        }

        try (RdConfValidation validation = RdConfValidation.open(pluginPaths)) {
            for (Map.Entry<String, ?> e : properties.entrySet()) {
                String key = e.getKey();
                if (key == null) throw new NullPointerException("properties contain a null key");
                String value;
                String conversionProblem = null;
                try {
                    value = valueString(key, e.getValue());
                    requireNoNul(key, value);
                } catch (ConfigException ce) {
                    conversionProblem = ce.getMessage();
                    value = ""; // still ask librdkafka whether it knows the key
                }
                RdConfValidation.Result r = validation.check(key, value);
                if (isUnknown(key, r)) {
                    unknown.put(key, unknownReason(key));
                } else if (conversionProblem != null) {
                    invalid.put(key, conversionProblem);
                } else if (!r.ok()) {
                    invalid.put(key, describe(key, value, r));
                } else {
                    accepted.put(key, value);
                }
            }
        }

        boolean failUnknown = unknownKeys == UnknownKeys.FAIL && !unknown.isEmpty();
        if (failUnknown || !invalid.isEmpty()) {
            throw refusal(failUnknown ? unknown : Map.of(), invalid);
        }
        accepted.forEach(this::put);
        ignored.addAll(unknown.keySet());
        return this;
    }

    /** The value set for {@code key}, as given (not librdkafka's default, not resolved through aliases). */
    public Optional<String> get(String key) {
        requireKey(key);
        return Optional.ofNullable(properties.get(key));
    }

    /** Unsets {@code key}: librdkafka's default applies again. Also forgets it as ignored. */
    public KafkaConfig remove(String key) {
        requireKey(key);
        properties.remove(key);
        ignored.remove(key);
        return this;
    }

    /** The keys {@link UnknownKeys#IGNORE} left out, sorted; unmodifiable. */
    public Set<String> ignoredKeys() {
        return Collections.unmodifiableSet(new TreeSet<>(ignored));
    }

    /** An independent copy. */
    public KafkaConfig copy() {
        KafkaConfig c = new KafkaConfig(new LinkedHashMap<>(properties), new TreeSet<>(ignored));
        c.security = security;
        return c;
    }

    /**
     * The properties in the order librdkafka should apply them, unredacted: <b>this contains
     * secrets</b> (passwords, private keys). It is what jrdkafka's clients hand to
     * librdkafka; to log or show a configuration use {@link #toRedactedMap()}. An unmodifiable
     * copy.
     */
    public Map<String, String> toMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * This configuration as librdkafka holds it ({@code rd_kafka_conf_dump} and
     * {@code rd_kafka_topic_conf_dump}): every property with its effective value, defaults
     * included, in librdkafka's order; what {@code kcat -X dump} prints. Secrets are NOT
     * redacted (as in {@link #toMap()}).
     */
    public EffectiveConfig effectiveConfig() {
        try (dev.jrdkafka.internal.rd.RdConf conf = dev.jrdkafka.internal.rd.RdConf.create(toMap())) {
            return new EffectiveConfig(conf.dump(), conf.dumpTopic());
        }
    }

    /**
     * librdkafka's table of every configuration property: name, client (C/P), range, default,
     * importance and description, as Markdown ({@code rd_kafka_conf_properties_show}; what
     * {@code kcat -X list} prints).
     */
    public static String propertiesTable() {
        return dev.jrdkafka.internal.rd.RdConf.propertiesTable();
    }

    /** {@link #toMap()} with the value of every sensitive property replaced by {@value #REDACTED}. */
    public Map<String, String> toRedactedMap() {
        LinkedHashMap<String, String> redacted = new LinkedHashMap<>();
        properties.forEach((k, v) -> redacted.put(k, ConfigKeys.isSensitive(k) ? REDACTED : v));
        return Collections.unmodifiableMap(redacted);
    }

    /** Whether jrdkafka treats the value of {@code key} as a secret: redacted, never in messages. */
    public static boolean isSensitive(String key) {
        return ConfigKeys.isSensitive(requireKey(key));
    }

    /** The redacted properties, in order, and the ignored keys if any. */
    @Override
    public String toString() {
        return "KafkaConfig" + toRedactedMap() + (ignored.isEmpty() ? "" : " ignored " + ignored)
                + (security.isEmpty() ? "" : " " + security);
    }

    // ---- typed helpers for common properties ----

    /** {@code bootstrap.servers}: initial brokers, {@code host:port[,host:port…]}. */
    public KafkaConfig bootstrapServers(String servers) {
        return set("bootstrap.servers", servers);
    }

    /** {@code client.id}: the client's name in broker logs and metrics. */
    public KafkaConfig clientId(String clientId) {
        return set("client.id", clientId);
    }

    /** {@code acks}: replicas that must have a record before it counts as delivered. */
    public KafkaConfig acks(Acks acks) {
        return set("acks", Objects.requireNonNull(acks, "acks is null").value());
    }

    /** {@code linger.ms}: how long the producer waits to fill a batch (librdkafka's default: 5). */
    public KafkaConfig lingerMs(long ms) {
        return set("linger.ms", ms);
    }

    /** {@code batch.size}: the largest batch in bytes. */
    public KafkaConfig batchSize(int bytes) {
        return set("batch.size", bytes);
    }

    /** {@code batch.num.messages}: the most messages in one batch. */
    public KafkaConfig batchNumMessages(int messages) {
        return set("batch.num.messages", messages);
    }

    /** {@code compression.type}: how batches are compressed. */
    public KafkaConfig compression(Compression compression) {
        return set("compression.type", Objects.requireNonNull(compression, "compression is null").value());
    }

    /** {@code enable.idempotence}: exactly-once, in-order delivery per partition. */
    public KafkaConfig enableIdempotence(boolean enable) {
        return set("enable.idempotence", enable);
    }

    /** {@code transactional.id}: makes the producer transactional (needs idempotence). */
    public KafkaConfig transactionalId(String transactionalId) {
        java.util.Objects.requireNonNull(transactionalId, "transactionalId");
        if (transactionalId.isEmpty()) {
            throw new IllegalArgumentException("transactionalId must not be empty: librdkafka would treat the producer "
                    + "as not transactional; give a stable, unique id per producer instance");
        }
        return set("transactional.id", transactionalId);
    }

    /**
     * {@code partitioner}: where keyed records go. Use {@link Partitioner#MURMUR2_RANDOM} to
     * place keys like kafka-clients does.
     */
    public KafkaConfig partitioner(Partitioner partitioner) {
        return set("partitioner", Objects.requireNonNull(partitioner, "partitioner is null").value());
    }

    /** {@code message.timeout.ms} (kafka-clients: {@code delivery.timeout.ms}): time to deliver a record, retries included; 0 is forever. */
    public KafkaConfig messageTimeoutMs(long ms) {
        return set("message.timeout.ms", ms);
    }

    /** {@code queue.buffering.max.messages}: the most records waiting in the producer. */
    public KafkaConfig queueBufferingMaxMessages(int messages) {
        return set("queue.buffering.max.messages", messages);
    }

    /** {@code queue.buffering.max.kbytes} (kafka-clients: {@code buffer.memory}, in bytes): the most kilobytes waiting in the producer. */
    public KafkaConfig queueBufferingMaxKbytes(int kbytes) {
        return set("queue.buffering.max.kbytes", kbytes);
    }

    /** {@code group.id}: the consumer group. */
    public KafkaConfig groupId(String groupId) {
        return set("group.id", groupId);
    }

    /** {@code auto.offset.reset}: where to start without a committed offset. */
    public KafkaConfig autoOffsetReset(OffsetReset reset) {
        return set("auto.offset.reset", Objects.requireNonNull(reset, "reset is null").value());
    }

    /** {@code enable.auto.commit}: commit consumed offsets periodically in the background. */
    public KafkaConfig enableAutoCommit(boolean enable) {
        return set("enable.auto.commit", enable);
    }

    /** {@code session.timeout.ms}: how long the group waits for a silent consumer (classic protocol). */
    public KafkaConfig sessionTimeoutMs(int ms) {
        return set("session.timeout.ms", ms);
    }

    /** {@code group.protocol}: classic or KIP-848's consumer protocol. */
    public KafkaConfig groupProtocol(GroupProtocol protocol) {
        return set("group.protocol", Objects.requireNonNull(protocol, "protocol is null").value());
    }

    /**
     * {@code debug}: librdkafka's debug contexts, such as {@code "broker"}, {@code "topic"},
     * {@code "msg"}, {@code "protocol"}, {@code "cgrp"} or {@code "all"}. {@code remove("debug")}
     * turns debugging off.
     */
    public KafkaConfig debug(String... contexts) {
        Objects.requireNonNull(contexts, "contexts is null");
        if (contexts.length == 0) {
            throw new IllegalArgumentException("debug() needs at least one context, such as \"all\";"
                    + " remove(\"debug\") turns debugging off");
        }
        List<String> list = new ArrayList<>(contexts.length);
        for (String c : contexts) list.add(Objects.requireNonNull(c, "a debug context is null"));
        return set("debug", String.join(",", list));
    }

    /** {@code statistics.interval.ms}: how often librdkafka emits statistics; 0 turns them off. */
    public KafkaConfig statisticsIntervalMs(long ms) {
        return set("statistics.interval.ms", ms);
    }

    /** {@code security.protocol}: plaintext, TLS, SASL or both. */
    public KafkaConfig securityProtocol(SecurityProtocol protocol) {
        return set("security.protocol", Objects.requireNonNull(protocol, "protocol is null").value());
    }

    /** {@code sasl.mechanism}: {@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}, {@code OAUTHBEARER} or {@code GSSAPI}. */
    public KafkaConfig saslMechanism(String mechanism) {
        return set("sasl.mechanism", mechanism);
    }

    /** {@code sasl.username} (sensitive: redacted) for PLAIN and SCRAM. */
    public KafkaConfig saslUsername(String username) {
        return set("sasl.username", username);
    }

    /** {@code sasl.password} (sensitive: redacted) for PLAIN and SCRAM. */
    public KafkaConfig saslPassword(String password) {
        return set("sasl.password", password);
    }

    // ---- security objects (not properties) ----

    /** The Java security objects set on this configuration (never null; empty if none). */
    public SecuritySettings security() {
        return security;
    }

    /**
     * SASL/OAUTHBEARER tokens from Java, for every client kind: {@code provider} is called
     * on librdkafka's background thread when the client starts and at 80% of each token's
     * lifetime, also if the application never polls (see {@link OAuthBearerTokenProvider}).
     * Needs {@code sasl.mechanism=OAUTHBEARER}; excludes {@code sasl.oauthbearer.method=oidc}
     * and the clients' {@code oauthBearerTokenRefresh} option. Null unsets it.
     */
    public KafkaConfig oauthBearerTokenProvider(OAuthBearerTokenProvider provider) {
        security = security.withTokenProvider(provider);
        return this;
    }

    /**
     * The client's TLS key and certificate chain (mutual TLS), from Java objects
     * ({@code rd_kafka_conf_set_ssl_cert}); replaces {@code ssl.key.*} and
     * {@code ssl.certificate.*}. Null unsets it.
     */
    public KafkaConfig sslClientCertificate(ClientCertificate certificate) {
        security = security.withClientCertificate(certificate);
        return this;
    }

    /** As {@link #sslClientCertificate}, from {@code keyStore}'s key entry {@code alias}. */
    public KafkaConfig sslKeyStore(KeyStore keyStore, String alias, char[] keyPassword) {
        return sslClientCertificate(ClientCertificate.fromKeyStore(keyStore, alias, keyPassword));
    }

    /**
     * The CA certificates to trust for the brokers' certificates, from Java objects;
     * replaces {@code ssl.ca.location}/{@code ssl.ca.pem}. Null unsets it.
     */
    public KafkaConfig sslTrustedCertificates(List<X509Certificate> certificates) {
        security = security.withTrustedCertificates(certificates);
        return this;
    }

    /** As {@link #sslTrustedCertificates}: every trusted-certificate entry of {@code trustStore}. */
    public KafkaConfig sslTrustStore(KeyStore trustStore) {
        return sslTrustedCertificates(SecuritySettings.trustedCertificates(Objects.requireNonNull(trustStore, "trustStore")));
    }

    /**
     * A Java check of each broker certificate (librdkafka's {@code ssl_cert_verify_cb}), e.g.
     * {@link CertificateVerifier#pinSha256}. Hostname verification stays on
     * ({@code ssl.endpoint.identification.algorithm=https} is librdkafka's default). Null
     * unsets it.
     */
    public KafkaConfig sslCertificateVerifier(CertificateVerifier verifier) {
        security = security.withCertificateVerifier(verifier);
        return this;
    }

    // ---- internals ----

    private void put(String key, String value) {
        properties.remove(key); // the last set goes last
        properties.put(key, value);
    }

    private String pluginPathsFor(String key) {
        return key.equals(PLUGIN_LIBRARY_PATHS) ? null : properties.get(PLUGIN_LIBRARY_PATHS);
    }

    private static String requireKey(String key) {
        return Objects.requireNonNull(key, "key is null");
    }

    private static void requireNoNul(String key, String value) {
        if (key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("key contains a NUL character, which librdkafka's C strings cannot hold");
        }
        if (value.indexOf('\0') >= 0) {
            throw new ConfigException(key, key + ": the value contains a NUL character, which librdkafka's C strings"
                    + " cannot hold");
        }
    }

    private static boolean isUnknown(String key, RdConfValidation.Result r) {
        return r.status() == RdConfValidation.Status.UNKNOWN
                || (r.status() == RdConfValidation.Status.INVALID && RdConfValidation.JAVA_CLIENT_ONLY_PROPERTIES.contains(key));
    }

    private static String unknownReason(String key) {
        String hint = ConfigKeys.KAFKA_CLIENTS_HINTS.get(key);
        return "unknown to librdkafka" + (hint == null ? "" : "; " + hint);
    }

    /** "key=value: librdkafka's message[; hint]", secrets redacted. */
    private static String describe(String key, String value, RdConfValidation.Result r) {
        boolean sensitive = ConfigKeys.isSensitive(key);
        String message = sensitive ? scrub(r.message(), value) : r.message();
        String hint = r.status() == RdConfValidation.Status.UNKNOWN
                ? ConfigKeys.KAFKA_CLIENTS_HINTS.get(key)
                : ConfigKeys.valueHint(key, value);
        if (hint == null && RdConfValidation.JAVA_CLIENT_ONLY_PROPERTIES.contains(key)) {
            hint = ConfigKeys.KAFKA_CLIENTS_HINTS.get(key);
        }
        if (hint == null && key.startsWith("sasl.oauthbearer.") && message != null && message.contains("libcurl")) {
            hint = "for OIDC, give the same settings to dev.jrdkafka.security.OidcClientCredentials (fromProperties takes "
                    + "these very keys) and set it with KafkaConfig.oauthBearerTokenProvider";
        }
        String shown = r.status() == RdConfValidation.Status.UNKNOWN ? key
                : key + "=" + (sensitive ? REDACTED : "\"" + value + "\"");
        if (hint != null) {
            message = message.endsWith(".")
                    ? message + " " + Character.toUpperCase(hint.charAt(0)) + hint.substring(1) + "."
                    : message + "; " + hint;
        }
        return shown + ": " + message;
    }

    /**
     * librdkafka's messages may quote the value (for example "Invalid value for configuration
     * property "x": value"); for a secret every copy is replaced, including a copy cut short
     * at the end of a truncated message.
     */
    static String scrub(String message, String secret) {
        String s = secret.strip();
        if (s.isEmpty() || message == null) return message;
        String out = message.replace(s, REDACTED);
        for (int len = Math.min(s.length() - 1, out.length()); len >= Math.min(4, s.length()); len--) {
            if (out.endsWith(s.substring(0, len))) {
                return out.substring(0, out.length() - len) + REDACTED;
            }
        }
        return out;
    }

    private static ConfigException refusal(Map<String, String> unknown, Map<String, String> invalid) {
        TreeMap<String, String> problems = new TreeMap<>(unknown);
        problems.putAll(invalid);
        if (problems.size() == 1) {
            Map.Entry<String, String> only = problems.firstEntry();
            String message = unknown.isEmpty()
                    ? only.getValue()
                    : only.getKey() + ": " + only.getValue() + " (pass UnknownKeys.IGNORE to ignore it)";
            return new ConfigException(message, problems);
        }
        StringBuilder sb = new StringBuilder("librdkafka refuses ").append(problems.size()).append(" configuration properties:");
        if (!unknown.isEmpty()) {
            sb.append("\n  ").append(unknown.size()).append(" unknown (pass UnknownKeys.IGNORE to ignore them): ")
                    .append(String.join(", ", unknown.keySet()));
            unknown.forEach((k, why) -> sb.append("\n    ").append(k).append(": ").append(why));
        }
        if (!invalid.isEmpty()) {
            sb.append("\n  ").append(invalid.size()).append(" invalid (never ignored):");
            invalid.forEach((k, why) -> sb.append("\n    ").append(why));
        }
        return new ConfigException(sb.toString(), problems);
    }

    /** A map value as librdkafka's string; ConfigException (never showing the value) if it has no string form. */
    private static String valueString(String key, Object value) {
        return switch (value) {
            case null -> throw new ConfigException(key, key + ": the value is null");
            case String s -> s;
            case CharSequence cs -> cs.toString();
            case Boolean b -> b.toString();
            case java.math.BigDecimal d -> d.toPlainString();
            case Number n -> n.toString();
            case Acks a -> a.value();
            case Compression c -> c.value();
            case Partitioner p -> p.value();
            case OffsetReset o -> o.value();
            case GroupProtocol g -> g.value();
            case SecurityProtocol sp -> sp.value();
            case Duration d -> throw new ConfigException(key, key + ": a java.time.Duration is not a librdkafka value;"
                    + " give a plain number of milliseconds (duration.toMillis())");
            case Class<?> c -> c.getName();
            case Iterable<?> it -> {
                List<String> parts = new ArrayList<>();
                for (Object o : it) parts.add(valueString(key, o));
                yield String.join(",", parts);
            }
            default -> {
                if (value.getClass().isArray()) {
                    throw new ConfigException(key, key + ": an array is not a librdkafka value; give a List or a"
                            + " comma-separated String");
                }
                if (value.getClass().getName().equals("org.apache.kafka.common.config.types.Password")) {
                    throw new ConfigException(key, key + ": a kafka-clients Password prints as [hidden];"
                            + " give password.value()");
                }
                yield String.valueOf(value);
            }
        };
    }

    private static Map<String, Object> asMap(Properties properties) {
        Objects.requireNonNull(properties, "properties is null");
        TreeMap<String, Object> map = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) map.put(name, properties.getProperty(name)); // with defaults
        for (Map.Entry<Object, Object> e : properties.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("properties contain a key that is not a String: " + e.getKey()
                        + " (" + e.getKey().getClass().getName() + ")");
            }
            map.put(key, e.getValue());
        }
        return map;
    }
}
