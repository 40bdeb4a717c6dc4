package dev.jrdkafka.mock;

import dev.jrdkafka.cluster.NewTopic;
import java.time.Duration;

/**
 * Argument checks shared by the mock package. Each failure is an
 * {@link IllegalArgumentException} naming the argument and its value: librdkafka's mock
 * checks few of its inputs, and some unchecked ones (a negative partition, a NULL string)
 * would corrupt memory or crash the process.
 */
final class Arguments {
    /** Kafka's longest topic name. */
    static final int MAX_TOPIC_LENGTH = 249;

    private Arguments() {}

    /** A Kafka topic name: 1 to 249 of {@code [a-zA-Z0-9._-]}, not "." or "..". */
    static String topic(String topic) {
        if (topic == null) throw new IllegalArgumentException("topic must not be null");
        if (!NewTopic.isLegalName(topic)) {
            throw new IllegalArgumentException("illegal topic name '" + topic
                    + "': Kafka allows 1 to " + MAX_TOPIC_LENGTH + " of [a-zA-Z0-9._-], not '.' or '..'");
        }
        return topic;
    }

    /** A partition index, 0 to {@link MockCluster#MAX_PARTITIONS} - 1. */
    static int partition(int partition) {
        if (partition < 0 || partition >= MockCluster.MAX_PARTITIONS) {
            throw new IllegalArgumentException("partition must be 0 to " + (MockCluster.MAX_PARTITIONS - 1) + ", got " + partition);
        }
        return partition;
    }

    /** A Kafka ApiKey: 0 to 32767 (an int16 on the wire). */
    static short apiKey(int apiKey) {
        if (apiKey < 0 || apiKey > Short.MAX_VALUE) {
            throw new IllegalArgumentException("ApiKey must be 0 to " + Short.MAX_VALUE + ", got " + apiKey);
        }
        return (short) apiKey;
    }

    /** A non-null, non-empty identifier (group id, member id, host...) without NUL characters. */
    static String name(String value, String what) {
        if (value == null) throw new IllegalArgumentException(what + " must not be null");
        if (value.isEmpty()) throw new IllegalArgumentException(what + " must not be empty");
        if (value.indexOf('\0') >= 0) throw new IllegalArgumentException(what + " must not contain NUL: '" + value + "'");
        return value;
    }

    /** A duration in whole milliseconds, {@code min} ms to Integer.MAX_VALUE ms. */
    static int millis(Duration duration, String what, int min) {
        if (duration == null) throw new IllegalArgumentException(what + " must not be null");
        long ms;
        try {
            ms = duration.toMillis();
        } catch (ArithmeticException e) {
            ms = Long.MAX_VALUE;
        }
        if (duration.isNegative() || ms < min || ms > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be " + min + " ms to " + Integer.MAX_VALUE + " ms, got " + duration);
        }
        return (int) ms;
    }

    /** {@code value} itself, refusing null. */
    static <T> T notNull(T value, String what) {
        if (value == null) throw new IllegalArgumentException(what + " must not be null");
        return value;
    }
}
