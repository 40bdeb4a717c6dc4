package dev.jrdkafka.internal.rd.mock;

import dev.jrdkafka.internal.rd.RdErrors;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_set_apiversion;

import java.util.Map;

/**
 * The Kafka APIs librdkafka 2.15.0's mock broker implements, with the version ranges it
 * implements ({@code rd_kafka_mock_api_handlers} in {@code rdkafka_mock_handlers.c}), and
 * {@code rd_kafka_mock_set_apiversion}. A range wider than the implemented one would let
 * clients send versions the mock cannot parse, so callers keep within it.
 */
public final class RdMockApis {
    /** ApiKey to {min, max} implemented version. */
    private static final Map<Integer, int[]> IMPLEMENTED = Map.ofEntries(
            Map.entry(0, new int[] {0, 10}),   // Produce
            Map.entry(1, new int[] {0, 16}),   // Fetch
            Map.entry(2, new int[] {0, 7}),    // ListOffsets
            Map.entry(3, new int[] {0, 12}),   // Metadata
            Map.entry(8, new int[] {0, 9}),    // OffsetCommit
            Map.entry(9, new int[] {0, 6}),    // OffsetFetch
            Map.entry(10, new int[] {0, 3}),   // FindCoordinator
            Map.entry(11, new int[] {0, 6}),   // JoinGroup
            Map.entry(12, new int[] {0, 5}),   // Heartbeat
            Map.entry(13, new int[] {0, 4}),   // LeaveGroup
            Map.entry(14, new int[] {0, 4}),   // SyncGroup
            Map.entry(18, new int[] {0, 2}),   // ApiVersion
            Map.entry(22, new int[] {0, 4}),   // InitProducerId
            Map.entry(23, new int[] {2, 2}),   // OffsetForLeaderEpoch
            Map.entry(24, new int[] {0, 1}),   // AddPartitionsToTxn
            Map.entry(25, new int[] {0, 1}),   // AddOffsetsToTxn
            Map.entry(26, new int[] {0, 1}),   // EndTxn
            Map.entry(28, new int[] {0, 3}),   // TxnOffsetCommit
            Map.entry(68, new int[] {1, 1}),   // ConsumerGroupHeartbeat
            Map.entry(71, new int[] {0, 0}),   // GetTelemetrySubscriptions
            Map.entry(72, new int[] {0, 0}),   // PushTelemetry
            Map.entry(76, new int[] {1, 1}),   // ShareGroupHeartbeat (2.15.0)
            Map.entry(78, new int[] {1, 1}),   // ShareFetch (2.15.0)
            Map.entry(79, new int[] {1, 1}));  // ShareAcknowledge (2.15.0)

    private RdMockApis() {}

    /** Whether the mock broker has a handler for {@code apiKey}. */
    public static boolean implemented(int apiKey) {
        return IMPLEMENTED.containsKey(apiKey);
    }

    /** The lowest version the mock implements for {@code apiKey}; -1 if none. */
    public static int minVersion(int apiKey) {
        int[] range = IMPLEMENTED.get(apiKey);
        return range == null ? -1 : range[0];
    }

    /** The highest version the mock implements for {@code apiKey}; -1 if none. */
    public static int maxVersion(int apiKey) {
        int[] range = IMPLEMENTED.get(apiKey);
        return range == null ? -1 : range[1];
    }

    /** {@code rd_kafka_mock_set_apiversion}: the range advertised in ApiVersions and accepted; -1, -1 disables. */
    public static void setVersions(RdMockCluster cluster, short apiKey, short min, short max) {
        RdErrors.check(rd_kafka_mock_set_apiversion(cluster.live(), apiKey, min, max),
                "rd_kafka_mock_set_apiversion(" + apiKey + ")");
    }
}
