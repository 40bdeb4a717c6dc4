package dev.jrdkafka.mock;

import java.util.Optional;

/**
 * The Kafka protocol requests librdkafka's mock broker implements, by ApiKey. Methods that
 * take an {@code ApiKey} also take the raw {@code int}, for any other request type.
 */
public enum ApiKey {
    PRODUCE(0, "Produce"),
    FETCH(1, "Fetch"),
    LIST_OFFSETS(2, "ListOffsets"),
    METADATA(3, "Metadata"),
    OFFSET_COMMIT(8, "OffsetCommit"),
    OFFSET_FETCH(9, "OffsetFetch"),
    FIND_COORDINATOR(10, "FindCoordinator"),
    JOIN_GROUP(11, "JoinGroup"),
    HEARTBEAT(12, "Heartbeat"),
    LEAVE_GROUP(13, "LeaveGroup"),
    SYNC_GROUP(14, "SyncGroup"),
    API_VERSIONS(18, "ApiVersions"),
    INIT_PRODUCER_ID(22, "InitProducerId"),
    OFFSET_FOR_LEADER_EPOCH(23, "OffsetForLeaderEpoch"),
    ADD_PARTITIONS_TO_TXN(24, "AddPartitionsToTxn"),
    ADD_OFFSETS_TO_TXN(25, "AddOffsetsToTxn"),
    END_TXN(26, "EndTxn"),
    TXN_OFFSET_COMMIT(28, "TxnOffsetCommit"),
    /** KIP-848 consumer group protocol. */
    CONSUMER_GROUP_HEARTBEAT(68, "ConsumerGroupHeartbeat"),
    /** KIP-714 client telemetry. */
    GET_TELEMETRY_SUBSCRIPTIONS(71, "GetTelemetrySubscriptions"),
    /** KIP-714 client telemetry. */
    PUSH_TELEMETRY(72, "PushTelemetry"),
    /** KIP-932 share groups (librdkafka 2.15.0). */
    SHARE_GROUP_HEARTBEAT(76, "ShareGroupHeartbeat"),
    /** KIP-932 share groups (librdkafka 2.15.0). */
    SHARE_FETCH(78, "ShareFetch"),
    /** KIP-932 share groups (librdkafka 2.15.0). */
    SHARE_ACKNOWLEDGE(79, "ShareAcknowledge");

    private final int code;
    private final String kafkaName;

    ApiKey(int code, String kafkaName) {
        this.code = code;
        this.kafkaName = kafkaName;
    }

    /** The ApiKey number on the wire. */
    public int code() {
        return code;
    }

    /** The request's name in the Kafka protocol, e.g. "Produce". */
    public String kafkaName() {
        return kafkaName;
    }

    /** The constant for {@code code}, or empty for a request type not listed here. */
    public static Optional<ApiKey> fromCode(int code) {
        for (ApiKey key : values()) {
            if (key.code == code) return Optional.of(key);
        }
        return Optional.empty();
    }

    /** "Produce (0)", or "ApiKey 57" for an unlisted code. */
    static String describe(int code) {
        return fromCode(code).map(k -> k.kafkaName + " (" + code + ")").orElse("ApiKey " + code);
    }
}
