package dev.jrdkafka.consumer.share;

import dev.jrdkafka.ClientListener;
import java.util.Objects;

/**
 * How a {@link ShareConsumer} behaves on the Java side (librdkafka's settings are in the
 * configuration). Immutable.
 *
 * <p>Preview: librdkafka 2.15.0 marks the share consumer as a preview, so this API may change.
 *
 * @param listener errors, statistics and throttling, called on the thread that calls the
 *        consumer (inside its calls); OAUTHBEARER token refresh is not offered to share
 *        consumers yet (librdkafka's own handling applies)
 * @param acknowledgementCommitListener null: none (failed acknowledgements are logged as warnings)
 */
public record ShareConsumerOptions(ClientListener listener, AcknowledgementCommitListener acknowledgementCommitListener) {
    public ShareConsumerOptions {
        Objects.requireNonNull(listener, "listener");
    }

    public static ShareConsumerOptions defaults() {
        return new ShareConsumerOptions(new ClientListener() {}, null);
    }

    public ShareConsumerOptions withListener(ClientListener l) {
        return new ShareConsumerOptions(l, acknowledgementCommitListener);
    }

    /** See {@link AcknowledgementCommitListener}. */
    public ShareConsumerOptions withAcknowledgementCommitListener(AcknowledgementCommitListener l) {
        return new ShareConsumerOptions(listener, l);
    }
}
