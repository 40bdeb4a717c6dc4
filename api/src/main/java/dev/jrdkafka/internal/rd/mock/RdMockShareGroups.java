package dev.jrdkafka.internal.rd.mock;

import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_sharegroup_set_auto_offset_reset;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_sharegroup_set_heartbeat_interval;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_sharegroup_set_max_delivery_attempts;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_sharegroup_set_record_lock_duration;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_mock_sharegroup_set_session_timeout;

/** Share groups (KIP-932) of the mock cluster: the {@code rd_kafka_mock_sharegroup_*} settings the tests use. */
public final class RdMockShareGroups {
    private RdMockShareGroups() {}

    /** {@code rd_kafka_mock_sharegroup_set_auto_offset_reset}: where a share-partition starts (mock default: latest). */
    public static void setAutoOffsetResetEarliest(RdMockCluster cluster, boolean earliest) {
        rd_kafka_mock_sharegroup_set_auto_offset_reset(cluster.live(), earliest ? 1 : 0);
    }

    /** {@code rd_kafka_mock_sharegroup_set_record_lock_duration} (0: the session timeout). */
    public static void setRecordLockDuration(RdMockCluster cluster, int ms) {
        rd_kafka_mock_sharegroup_set_record_lock_duration(cluster.live(), ms);
    }

    /** {@code rd_kafka_mock_sharegroup_set_max_delivery_attempts} (default 5; 0 unlimited). */
    public static void setMaxDeliveryAttempts(RdMockCluster cluster, int attempts) {
        rd_kafka_mock_sharegroup_set_max_delivery_attempts(cluster.live(), attempts);
    }

    /** {@code rd_kafka_mock_sharegroup_set_session_timeout}. */
    public static void setSessionTimeout(RdMockCluster cluster, int ms) {
        rd_kafka_mock_sharegroup_set_session_timeout(cluster.live(), ms);
    }

    /** {@code rd_kafka_mock_sharegroup_set_heartbeat_interval}. */
    public static void setHeartbeatInterval(RdMockCluster cluster, int ms) {
        rd_kafka_mock_sharegroup_set_heartbeat_interval(cluster.live(), ms);
    }
}
