package dev.jrdkafka.internal.rd.admin;

/**
 * One resource's outcome in an admin result, keyed by whatever identifies the resource (a
 * topic name, a partition...): its value, or an error code (0: succeeded) with librdkafka's text.
 */
public record Outcome<K, V>(K key, V value, int error, String message) {
    public static <K, V> Outcome<K, V> ok(K key, V value) {
        return new Outcome<>(key, value, 0, null);
    }

    public static <K, V> Outcome<K, V> failed(K key, int error, String message) {
        return new Outcome<>(key, null, error, message);
    }
}
