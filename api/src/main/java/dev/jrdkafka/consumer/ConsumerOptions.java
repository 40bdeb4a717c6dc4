package dev.jrdkafka.consumer;

import dev.jrdkafka.ClientListener;
import java.util.Objects;

/**
 * How a {@link Consumer} behaves on the Java side (librdkafka's settings are in the
 * configuration). Immutable.
 */
public record ConsumerOptions(RebalanceListener rebalanceListener, ClientListener listener) {
    public ConsumerOptions {
        Objects.requireNonNull(rebalanceListener, "rebalanceListener");
        Objects.requireNonNull(listener, "listener");
    }

    public static ConsumerOptions defaults() {
        return new ConsumerOptions(new RebalanceListener() {}, new ClientListener() {});
    }

    public ConsumerOptions withRebalanceListener(RebalanceListener l) {
        return new ConsumerOptions(l, listener);
    }

    public ConsumerOptions withListener(ClientListener l) {
        return new ConsumerOptions(rebalanceListener, l);
    }
}
