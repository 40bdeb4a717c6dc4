package dev.jrdkafka;

import java.util.Objects;

/**
 * A consumer group member's identity, for committing consumed offsets inside a producer's
 * transaction ({@code sendOffsetsToTransaction}). A consumer reports its own; for a plain
 * group id (generation unknown) use {@link #forGroup(String)}.
 *
 * @param generationId the classic protocol's generation id, or the member epoch with
 *                     group.protocol=consumer; -1 when unknown (the coordinator then
 *                     cannot fence a zombie member)
 * @param memberId     "" when unknown
 * @param groupInstanceId null unless static membership is used
 */
public record ConsumerGroupMetadata(String groupId, int generationId, String memberId, String groupInstanceId) {
    public ConsumerGroupMetadata {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }

    public static ConsumerGroupMetadata forGroup(String groupId) {
        return new ConsumerGroupMetadata(groupId, -1, "", null);
    }
}
