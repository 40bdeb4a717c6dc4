package dev.jrdkafka.admin;

import dev.jrdkafka.internal.client.Timeouts;
import dev.jrdkafka.internal.rd.admin.RdAdminOptions;
import java.time.Duration;
import java.util.List;

/**
 * Options of one admin call ({@code rd_kafka_AdminOptions_t}); each call uses the ones that
 * apply to it and librdkafka refuses the others with a clear error. Immutable; start from
 * {@link #defaults()}.
 *
 * @param requestTimeout   the whole request, broker lookup included (null: {@code socket.timeout.ms})
 * @param operationTimeout how long the broker may wait for the operation to finish on the
 *                         cluster, e.g. a topic created everywhere (null: librdkafka's default)
 * @param validateOnly     ask the broker to check the request without applying it
 * @param brokerId         send the request to this broker (-1: librdkafka chooses)
 * @param requireStableOffsets       ListConsumerGroupOffsets: wait for pending transactional offsets
 * @param includeAuthorizedOperations Describe* calls: also return the operations this client may do
 * @param isolationLevel   ListOffsets: READ_COMMITTED hides uncommitted transactional records
 */
public record AdminOptions(Duration requestTimeout, Duration operationTimeout, boolean validateOnly, int brokerId,
                           boolean requireStableOffsets, boolean includeAuthorizedOperations, IsolationLevel isolationLevel) {
    /** ListOffsets' isolation level. */
    public enum IsolationLevel { READ_UNCOMMITTED, READ_COMMITTED }

    private static final AdminOptions DEFAULTS = new AdminOptions(null, null, false, -1, false, false, null);

    public AdminOptions {
        if (requestTimeout != null) Timeouts.millis(requestTimeout, "requestTimeout");
        if (operationTimeout != null) Timeouts.millis(operationTimeout, "operationTimeout");
        if (brokerId < -1) throw new IllegalArgumentException("brokerId must be >= 0, or -1 for any; got " + brokerId);
    }

    public static AdminOptions defaults() {
        return DEFAULTS;
    }

    public AdminOptions withRequestTimeout(Duration t) {
        return new AdminOptions(t, operationTimeout, validateOnly, brokerId, requireStableOffsets, includeAuthorizedOperations, isolationLevel);
    }

    public AdminOptions withOperationTimeout(Duration t) {
        return new AdminOptions(requestTimeout, t, validateOnly, brokerId, requireStableOffsets, includeAuthorizedOperations, isolationLevel);
    }

    public AdminOptions withValidateOnly(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, on, brokerId, requireStableOffsets, includeAuthorizedOperations, isolationLevel);
    }

    public AdminOptions withBroker(int id) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, id, requireStableOffsets, includeAuthorizedOperations, isolationLevel);
    }

    public AdminOptions withRequireStableOffsets(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, brokerId, on, includeAuthorizedOperations, isolationLevel);
    }

    public AdminOptions withIncludeAuthorizedOperations(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, brokerId, requireStableOffsets, on, isolationLevel);
    }

    public AdminOptions withIsolationLevel(IsolationLevel level) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, brokerId, requireStableOffsets, includeAuthorizedOperations, level);
    }

    RdAdminOptions.Spec spec() {
        return new RdAdminOptions.Spec(requestTimeout == null ? -1 : Timeouts.millis(requestTimeout, "requestTimeout"),
                operationTimeout == null ? -1 : Timeouts.millis(operationTimeout, "operationTimeout"), validateOnly, brokerId,
                requireStableOffsets, includeAuthorizedOperations, List.of(), List.of(),
                isolationLevel == null ? -1 : isolationLevel.ordinal());
    }
}
