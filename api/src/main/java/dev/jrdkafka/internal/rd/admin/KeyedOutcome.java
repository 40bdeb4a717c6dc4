package dev.jrdkafka.internal.rd.admin;

/**
 * One resource's outcome in an admin result, keyed by anything (a config resource, a
 * partition...): the error code (0: succeeded) with librdkafka's text, or the value read.
 */
public record KeyedOutcome<K, V>(K key, int error, String message, V value) {
    public static <K, V> KeyedOutcome<K, V> ok(K key, V value) {
        return new KeyedOutcome<>(key, 0, null, value);
    }

    public static <K, V> KeyedOutcome<K, V> failed(K key, int error, String message) {
        return new KeyedOutcome<>(key, error, message, null);
    }
}
