package dev.jrdkafka.config;

/**
 * What {@link KafkaConfig#from(java.util.Map, UnknownKeys)} does with keys librdkafka does not
 * know, typically kafka-clients-only ones such as {@code key.serializer} or
 * {@code max.block.ms}. Invalid values of known keys are never ignored.
 */
public enum UnknownKeys {
    /** Refuse the whole map with one {@link ConfigException} listing every unknown key (the default). */
    FAIL,
    /** Leave unknown keys out; {@link KafkaConfig#ignoredKeys()} lists them. */
    IGNORE
}
