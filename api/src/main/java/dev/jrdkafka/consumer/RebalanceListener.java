package dev.jrdkafka.consumer;

import dev.jrdkafka.TopicPartition;
import java.util.Collection;

/**
 * Group membership changes, called on the thread inside {@link Consumer#poll}. After each
 * call jrdkafka performs the assignment change the active rebalance protocol requires —
 * {@code assign}/{@code unassign} for EAGER, {@code incremental_assign}/{@code _unassign}
 * for COOPERATIVE and the KIP-848 consumer protocol — so a listener only reacts (commit on
 * revoke, seek on assign); it must not assign itself.
 */
public interface RebalanceListener {
    /** Partitions now assigned to this member (for cooperative protocols: the added ones). */
    default void onPartitionsAssigned(Consumer consumer, Collection<TopicPartition> partitions) {}

    /** Partitions taken away in an orderly rebalance: commit what was processed. */
    default void onPartitionsRevoked(Consumer consumer, Collection<TopicPartition> partitions) {}

    /**
     * Partitions lost without an orderly handover (session timeout, fencing): they may
     * already belong to another member, so do not commit for them. Default: revoked.
     */
    default void onPartitionsLost(Consumer consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }
}
