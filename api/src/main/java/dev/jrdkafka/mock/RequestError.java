package dev.jrdkafka.mock;

import dev.jrdkafka.KafkaError;
import java.time.Duration;

/**
 * How a mock broker answers one request: with {@code error} ({@link KafkaError#NO_ERROR}
 * for a normal answer) after an extra delay of {@code rtt}. {@link KafkaError#_TRANSPORT}
 * is special: the broker closes the client's connection instead of answering.
 *
 * @param error the error code the response carries
 * @param rtt   extra delay before the response is sent, 0 to Integer.MAX_VALUE ms
 */
public record RequestError(KafkaError error, Duration rtt) {

    public RequestError {
        Arguments.notNull(error, "error");
        Arguments.millis(rtt, "rtt", 0);
    }

    /** {@code error}, answered without delay. */
    public static RequestError of(KafkaError error) {
        return new RequestError(error, Duration.ZERO);
    }

    /** {@code error}, answered after {@code rtt}. */
    public static RequestError of(KafkaError error, Duration rtt) {
        return new RequestError(error, rtt);
    }

    /** A normal answer, delayed by {@code rtt}. */
    public static RequestError delay(Duration rtt) {
        return new RequestError(KafkaError.NO_ERROR, rtt);
    }
}
