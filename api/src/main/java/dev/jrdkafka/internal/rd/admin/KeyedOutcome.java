package dev.jrdkafka.internal.rd.admin;

/**
 * One resource's outcome in an admin result, for resources that are not named by a string
 * (an ACL binding, a filter...): its key, the error code (0: succeeded) with librdkafka's
 * text, and the value read on success.
 */
public record KeyedOutcome<K, V>(K key, int error, String message, V value) {
    static <K, V> KeyedOutcome<K, V> ok(K key, V value) {
        return new KeyedOutcome<>(key, 0, null, value);
    }
}
