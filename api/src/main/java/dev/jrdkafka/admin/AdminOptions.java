package dev.jrdkafka.admin;

import dev.jrdkafka.cluster.GroupState;
import dev.jrdkafka.cluster.GroupType;
import dev.jrdkafka.internal.client.Timeouts;
import dev.jrdkafka.internal.rd.admin.RdAdminOptions;
import java.time.Duration;
import java.util.Set;

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
 * @param matchGroupStates ListConsumerGroups: only groups in these states (empty: any)
 * @param matchGroupTypes  ListConsumerGroups: only groups of these types (empty: any)
 */
public record AdminOptions(Duration requestTimeout, Duration operationTimeout, boolean validateOnly, int brokerId,
                           boolean requireStableOffsets, boolean includeAuthorizedOperations, IsolationLevel isolationLevel,
                           Set<GroupState> matchGroupStates, Set<GroupType> matchGroupTypes) {
    /** ListOffsets' isolation level. */
    public enum IsolationLevel { READ_UNCOMMITTED, READ_COMMITTED }

    private static final AdminOptions DEFAULTS = new AdminOptions(null, null, false, -1, false, false, null, Set.of(), Set.of());

    public AdminOptions {
        if (requestTimeout != null) Timeouts.millis(requestTimeout, "requestTimeout");
        if (operationTimeout != null) Timeouts.millis(operationTimeout, "operationTimeout");
        if (brokerId < -1) throw new IllegalArgumentException("brokerId must be >= 0, or -1 for any; got " + brokerId);
        matchGroupStates = matchGroupStates == null ? Set.of() : dev.jrdkafka.internal.client.Args.set(matchGroupStates, "matchGroupStates");
        matchGroupTypes = matchGroupTypes == null ? Set.of() : dev.jrdkafka.internal.client.Args.set(matchGroupTypes, "matchGroupTypes");
        if (matchGroupTypes.contains(GroupType.UNKNOWN)) throw new IllegalArgumentException("matchGroupTypes: UNKNOWN is no type to match");
    }

    public static AdminOptions defaults() {
        return DEFAULTS;
    }

    public AdminOptions withRequestTimeout(Duration t) {
        return new AdminOptions(t, operationTimeout, validateOnly, brokerId, requireStableOffsets, includeAuthorizedOperations,
                isolationLevel, matchGroupStates, matchGroupTypes);
    }

    public AdminOptions withOperationTimeout(Duration t) {
        return new AdminOptions(requestTimeout, t, validateOnly, brokerId, requireStableOffsets, includeAuthorizedOperations,
                isolationLevel, matchGroupStates, matchGroupTypes);
    }

    public AdminOptions withValidateOnly(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, on, brokerId, requireStableOffsets, includeAuthorizedOperations,
                isolationLevel, matchGroupStates, matchGroupTypes);
    }

    public AdminOptions withBroker(int id) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, id, requireStableOffsets, includeAuthorizedOperations,
                isolationLevel, matchGroupStates, matchGroupTypes);
    }

    public AdminOptions withRequireStableOffsets(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, brokerId, on, includeAuthorizedOperations,
                isolationLevel, matchGroupStates, matchGroupTypes);
    }

    public AdminOptions withIncludeAuthorizedOperations(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, brokerId, requireStableOffsets, on,
                isolationLevel, matchGroupStates, matchGroupTypes);
    }

    public AdminOptions withIsolationLevel(IsolationLevel level) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, brokerId, requireStableOffsets, includeAuthorizedOperations,
                level, matchGroupStates, matchGroupTypes);
    }

    /** ListConsumerGroups lists only groups in one of {@code states} (none: any state). */
    public AdminOptions withMatchGroupStates(Set<GroupState> states) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, brokerId, requireStableOffsets, includeAuthorizedOperations,
                isolationLevel, states, matchGroupTypes);
    }

    /** ListConsumerGroups lists only groups of one of {@code types} (none: any type). */
    public AdminOptions withMatchGroupTypes(Set<GroupType> types) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, brokerId, requireStableOffsets, includeAuthorizedOperations,
                isolationLevel, matchGroupStates, types);
    }

    RdAdminOptions.Spec spec() {
        return new RdAdminOptions.Spec(requestTimeout == null ? -1 : Timeouts.millis(requestTimeout, "requestTimeout"),
                operationTimeout == null ? -1 : Timeouts.millis(operationTimeout, "operationTimeout"), validateOnly, brokerId,
                requireStableOffsets, includeAuthorizedOperations,
                matchGroupStates.stream().map(GroupState::code).sorted().toList(), matchGroupTypes.stream().map(GroupType::code).sorted().toList(),
                isolationLevel == null ? -1 : isolationLevel.ordinal());
    }
}
