package dev.jrdkafka.config;

import java.io.Serial;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A configuration librdkafka refuses: an unknown property, a value it does not accept, or a
 * value that cannot be turned into a string. Messages carry librdkafka's own words and the
 * property's name, never the value of a secret (see {@link KafkaConfig#toRedactedMap()}).
 */
public final class ConfigException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String key;
    private final TreeMap<String, String> problems;

    /** About one property: {@code message} should name it. */
    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
        this.problems = new TreeMap<>();
        if (key != null) problems.put(key, message);
    }

    /** About several properties: {@code problems} maps each to what is wrong with it. */
    ConfigException(String message, Map<String, String> problems) {
        super(message);
        this.key = problems.size() == 1 ? problems.keySet().iterator().next() : null;
        this.problems = new TreeMap<>(problems);
    }

    /** The property this is about; null when it is about several (see {@link #problems()}). */
    public String key() {
        return key;
    }

    /** Each property refused and why, sorted by name; one entry for a single property. */
    public Map<String, String> problems() {
        return Collections.unmodifiableMap(problems);
    }
}
