package dev.jrdkafka.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What jrdkafka knows about property names beyond librdkafka's own checks: secrets and kafka-clients keys. */
final class ConfigKeys {
    private ConfigKeys() {}

    static final String REDACTED = "[redacted]";

    /**
     * Properties librdkafka marks {@code _RK_SENSITIVE} in librdkafka 2.15.0
     * {@code src/rdkafka_conf.c} ({@code grep -n _RK_SENSITIVE src/rdkafka_conf.c}), plus the
     * alias {@code sasl.oauthbearer.client.credentials.client.secret} of one of them.
     */
    static final Set<String> LIBRDKAFKA_SENSITIVE = Set.of(
            "ssl.key.location",
            "ssl.key.password",
            "ssl.key.pem",
            "ssl_key",
            "ssl.ca.pem",
            "ssl.keystore.password",
            "sasl.username",
            "sasl.password",
            "sasl.oauthbearer.config",
            "sasl.oauthbearer.client.secret",
            "sasl.oauthbearer.client.credentials.client.secret",
            "sasl.oauthbearer.assertion.private.key.file",
            "sasl.oauthbearer.assertion.private.key.passphrase",
            "sasl.oauthbearer.assertion.private.key.pem");

    /** Secrets of kafka-clients that librdkafka does not know but users bring in their maps. */
    static final Set<String> KAFKA_CLIENTS_SENSITIVE = Set.of(
            "sasl.jaas.config", "ssl.truststore.password", "ssl.keystore.key", "ssl.truststore.certificates");

    /** Name fragments that mark a secret in any property, including plugins' own. */
    private static final String[] SENSITIVE_FRAGMENTS = {"password", "passphrase", "secret", ".pem", "jaas", "private.key"};

    /** Whether the value of {@code key} is a secret, never to be shown. */
    static boolean isSensitive(String key) {
        if (LIBRDKAFKA_SENSITIVE.contains(key) || KAFKA_CLIENTS_SENSITIVE.contains(key)) return true;
        String k = key.toLowerCase(Locale.ROOT);
        for (String fragment : SENSITIVE_FRAGMENTS) {
            if (k.contains(fragment)) return true;
        }
        return false;
    }

    /** What to do instead, for kafka-clients keys librdkafka does not know. */
    static final Map<String, String> KAFKA_CLIENTS_HINTS = Map.ofEntries(
            Map.entry("key.serializer", "jrdkafka takes bytes; serialize before producing"),
            Map.entry("value.serializer", "jrdkafka takes bytes; serialize before producing"),
            Map.entry("key.deserializer", "jrdkafka returns bytes; deserialize after consuming"),
            Map.entry("value.deserializer", "jrdkafka returns bytes; deserialize after consuming"),
            Map.entry("max.block.ms", "no equivalent (producer blocking is chosen per call)"),
            Map.entry("buffer.memory", "use queue.buffering.max.kbytes (in kilobytes)"),
            Map.entry("max.request.size", "use message.max.bytes"),
            Map.entry("send.buffer.bytes", "use socket.send.buffer.bytes"),
            Map.entry("receive.buffer.bytes", "use socket.receive.buffer.bytes"),
            Map.entry("partitioner.class", "use partitioner=<name> or a Java partitioner on the producer"),
            Map.entry("partitioner.ignore.keys", "use partitioner=random"),
            Map.entry("interceptor.classes", "no equivalent (librdkafka's interceptors are C plugins: plugin.library.paths)"),
            Map.entry("ssl.truststore.location", "use ssl.ca.location (a PEM file)"),
            Map.entry("ssl.truststore.type", "librdkafka reads PEM: ssl.ca.location or ssl.ca.pem"),
            Map.entry("ssl.truststore.password", "not needed: ssl.ca.location takes a PEM file"),
            Map.entry("ssl.truststore.certificates", "use ssl.ca.pem"),
            Map.entry("ssl.keystore.type", "ssl.keystore.location takes PKCS#12 only; or ssl.certificate.location"
                    + " and ssl.key.location (PEM)"),
            Map.entry("ssl.keystore.key", "use ssl.key.pem"),
            Map.entry("ssl.keystore.certificate.chain", "use ssl.certificate.pem"),
            Map.entry("sasl.jaas.config", "use sasl.username/sasl.password or sasl.oauthbearer.config"),
            Map.entry("compression.gzip.level", "use compression.level"),
            Map.entry("compression.lz4.level", "use compression.level"),
            Map.entry("compression.zstd.level", "use compression.level"),
            Map.entry("default.api.timeout.ms", "no equivalent (librdkafka takes timeouts per call)"),
            Map.entry("metric.reporters", "no equivalent; see statistics.interval.ms"));

    /** For values kafka-clients accepts and librdkafka spells differently: key -> (value -> hint). */
    static String valueHint(String key, String value) {
        return switch (key) {
            case "auto.offset.reset" -> value.strip().equalsIgnoreCase("none")
                    ? "kafka-clients' \"none\" is \"error\" in librdkafka" : null;
            case "ssl.endpoint.identification.algorithm" -> value.isBlank()
                    ? "to turn hostname verification off, librdkafka takes \"none\"" : null;
            default -> null;
        };
    }
}
