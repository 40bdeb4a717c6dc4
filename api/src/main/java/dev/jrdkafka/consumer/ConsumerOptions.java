package dev.jrdkafka.consumer;

import dev.jrdkafka.ClientListener;
import java.util.Objects;

/**
 * How a {@link Consumer} behaves on the Java side (librdkafka's settings are in the
 * configuration). Immutable.
 *
 * @param offsetCommitListener null: none (librdkafka logs failed commits as warnings)
 * @param partitionEofListener null: none (EOF is skipped)
 * @param oauthBearerTokenRefresh whether {@link ClientListener#onOAuthBearerTokenRefresh} is
 *        called (it then replaces librdkafka's own token handling)
 */
public record ConsumerOptions(RebalanceListener rebalanceListener, ClientListener listener,
                              OffsetCommitListener offsetCommitListener, PartitionEofListener partitionEofListener,
                              boolean oauthBearerTokenRefresh) {
    public ConsumerOptions {
        Objects.requireNonNull(rebalanceListener, "rebalanceListener");
        Objects.requireNonNull(listener, "listener");
    }

    public ConsumerOptions(RebalanceListener rebalanceListener, ClientListener listener) {
        this(rebalanceListener, listener, null, null, false);
    }

    public static ConsumerOptions defaults() {
        return new ConsumerOptions(new RebalanceListener() {}, new ClientListener() {});
    }

    public ConsumerOptions withRebalanceListener(RebalanceListener l) {
        return new ConsumerOptions(l, listener, offsetCommitListener, partitionEofListener, oauthBearerTokenRefresh);
    }

    public ConsumerOptions withListener(ClientListener l) {
        return new ConsumerOptions(rebalanceListener, l, offsetCommitListener, partitionEofListener, oauthBearerTokenRefresh);
    }

    /**
     * Told the outcome of every offset commit: auto-commits, {@link Consumer#commitAsync},
     * {@link Consumer#commitSync}, and those librdkafka makes on revocation and close. It
     * runs on the thread that polls, inside {@link Consumer#poll}/{@link Consumer#pollBatch}
     * (or in {@link Consumer#close}), never on a librdkafka thread.
     */
    public ConsumerOptions withOffsetCommitListener(OffsetCommitListener l) {
        return new ConsumerOptions(rebalanceListener, listener, l, partitionEofListener, oauthBearerTokenRefresh);
    }

    /**
     * Told when a partition's end is reached; needs {@code enable.partition.eof=true} in the
     * configuration (librdkafka reports nothing otherwise). Runs on the thread that polls.
     */
    public ConsumerOptions withPartitionEofListener(PartitionEofListener l) {
        return new ConsumerOptions(rebalanceListener, listener, offsetCommitListener, l, oauthBearerTokenRefresh);
    }

    /** Calls {@link ClientListener#onOAuthBearerTokenRefresh} when a token is due (answer with {@code Consumer.setOAuthBearerToken}). */
    public ConsumerOptions withOAuthBearerTokenRefresh(boolean on) {
        return new ConsumerOptions(rebalanceListener, listener, offsetCommitListener, partitionEofListener, on);
    }
}
