package dev.jrdkafka.producer;

import dev.jrdkafka.ClientListener;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Producer} behaves on the Java side (librdkafka's own settings are in the
 * configuration). Immutable; each {@code with…} returns a changed copy.
 *
 * @param pollerThread      serve delivery reports and events on a built-in daemon thread
 *                          (default); when false, call {@link Producer#poll} regularly
 * @param queueFullTimeout  how long produce waits for room when librdkafka's queue is full
 *                          ({@code queue.buffering.max.messages/kbytes}) before throwing
 *                          _QUEUE_FULL; {@link Duration#ZERO} throws at once. Default 60 s,
 *                          like kafka-clients' max.block.ms
 * @param deliveryListener  receives reports of records produced without a callback; null:
 *                          failures are logged at WARN, successes ignored
 * @param partitioner       a Java partitioner, or null for librdkafka's ({@code partitioner})
 * @param listener          errors, statistics, token refreshes
 * @param oauthBearerTokenRefresh deliver OAUTHBEARER token refreshes to the listener instead of
 *                          librdkafka's built-in handling
 */
public record ProducerOptions(boolean pollerThread, Duration queueFullTimeout, DeliveryListener deliveryListener,
                              Partitioner partitioner, ClientListener listener, boolean oauthBearerTokenRefresh) {
    public ProducerOptions {
        Objects.requireNonNull(queueFullTimeout, "queueFullTimeout");
        if (queueFullTimeout.isNegative()) throw new IllegalArgumentException("queueFullTimeout must be >= 0, got " + queueFullTimeout);
        Objects.requireNonNull(listener, "listener");
    }

    public static ProducerOptions defaults() {
        return new ProducerOptions(true, Duration.ofSeconds(60), null, null, new ClientListener() {}, false);
    }

    public ProducerOptions withPollerThread(boolean on) {
        return new ProducerOptions(on, queueFullTimeout, deliveryListener, partitioner, listener, oauthBearerTokenRefresh);
    }

    public ProducerOptions withQueueFullTimeout(Duration timeout) {
        return new ProducerOptions(pollerThread, timeout, deliveryListener, partitioner, listener, oauthBearerTokenRefresh);
    }

    public ProducerOptions withDeliveryListener(DeliveryListener l) {
        return new ProducerOptions(pollerThread, queueFullTimeout, l, partitioner, listener, oauthBearerTokenRefresh);
    }

    public ProducerOptions withPartitioner(Partitioner p) {
        return new ProducerOptions(pollerThread, queueFullTimeout, deliveryListener, p, listener, oauthBearerTokenRefresh);
    }

    public ProducerOptions withListener(ClientListener l) {
        return new ProducerOptions(pollerThread, queueFullTimeout, deliveryListener, partitioner, l, oauthBearerTokenRefresh);
    }

    public ProducerOptions withOAuthBearerTokenRefresh(boolean on) {
        return new ProducerOptions(pollerThread, queueFullTimeout, deliveryListener, partitioner, listener, on);
    }
}
