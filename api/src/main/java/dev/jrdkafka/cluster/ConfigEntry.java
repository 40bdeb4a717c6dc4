package dev.jrdkafka.cluster;

import java.util.List;
import java.util.Objects;

/**
 * One configuration of a {@link ConfigResource} as DescribeConfigs returns it.
 *
 * @param value    the value; null for a sensitive one (never sent by the broker) or one with none
 * @param synonyms the values it overrides or falls back on, most specific first (empty if the
 *                 broker sent none)
 */
public record ConfigEntry(String name, String value, ConfigSource source, boolean isReadOnly, boolean isDefault,
                          boolean isSensitive, List<Synonym> synonyms) {
    /** A synonym of an entry: another name or level the same setting has (e.g. a broker default of a topic config). */
    public record Synonym(String name, String value, ConfigSource source) {}

    public ConfigEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        synonyms = List.copyOf(synonyms);
    }
}
