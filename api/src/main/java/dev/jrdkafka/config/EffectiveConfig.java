package dev.jrdkafka.config;

import java.util.Map;

/**
 * A configuration as librdkafka holds it ({@link KafkaConfig#effectiveConfig()}): every
 * global and every topic-level property with its value, defaults included, in librdkafka's
 * order. Unmodifiable; secrets are not redacted.
 *
 * @param global the global properties ({@code rd_kafka_conf_dump})
 * @param topic the topic-level properties ({@code rd_kafka_topic_conf_dump})
 */
public record EffectiveConfig(Map<String, String> global, Map<String, String> topic) {
    public EffectiveConfig {
        global = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(global));
        topic = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topic));
    }
}
