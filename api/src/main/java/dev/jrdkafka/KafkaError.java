package dev.jrdkafka;

import java.util.HashMap;
import java.util.Map;

/**
 * Every error code of librdkafka 2.15.0 ({@code rd_kafka_resp_err_t}), named as librdkafka
 * names it without the {@code RD_KAFKA_RESP_ERR_} prefix: negative codes starting with an
 * underscore are raised by librdkafka itself ({@link #isLocal()}), the others are Kafka
 * protocol errors returned by brokers.
 *
 * <p>Written from {@code rd_kafka_get_err_descs()}; {@code KafkaErrorTest} checks, against the
 * loaded library, that every named code is here with the same name and description.
 */
public enum KafkaError {
    /** Local: Bad message format */
    _BAD_MSG(-199, "Local: Bad message format"),
    /** Local: Invalid compressed data */
    _BAD_COMPRESSION(-198, "Local: Invalid compressed data"),
    /** Local: Broker handle destroyed for termination */
    _DESTROY(-197, "Local: Broker handle destroyed for termination"),
    /** Local: Communication failure with broker */
    _FAIL(-196, "Local: Communication failure with broker"),
    /** Local: Broker transport failure */
    _TRANSPORT(-195, "Local: Broker transport failure"),
    /** Local: Critical system resource failure */
    _CRIT_SYS_RESOURCE(-194, "Local: Critical system resource failure"),
    /** Local: Host resolution failure */
    _RESOLVE(-193, "Local: Host resolution failure"),
    /** Local: Message timed out */
    _MSG_TIMED_OUT(-192, "Local: Message timed out"),
    /** Broker: No more messages */
    _PARTITION_EOF(-191, "Broker: No more messages"),
    /** Local: Unknown partition */
    _UNKNOWN_PARTITION(-190, "Local: Unknown partition"),
    /** Local: File or filesystem error */
    _FS(-189, "Local: File or filesystem error"),
    /** Local: Unknown topic */
    _UNKNOWN_TOPIC(-188, "Local: Unknown topic"),
    /** Local: All broker connections are down */
    _ALL_BROKERS_DOWN(-187, "Local: All broker connections are down"),
    /** Local: Invalid argument or configuration */
    _INVALID_ARG(-186, "Local: Invalid argument or configuration"),
    /** Local: Timed out */
    _TIMED_OUT(-185, "Local: Timed out"),
    /** Local: Queue full */
    _QUEUE_FULL(-184, "Local: Queue full"),
    /** Local: ISR count insufficient */
    _ISR_INSUFF(-183, "Local: ISR count insufficient"),
    /** Local: Broker node update */
    _NODE_UPDATE(-182, "Local: Broker node update"),
    /** Local: SSL error */
    _SSL(-181, "Local: SSL error"),
    /** Local: Waiting for coordinator */
    _WAIT_COORD(-180, "Local: Waiting for coordinator"),
    /** Local: Unknown group */
    _UNKNOWN_GROUP(-179, "Local: Unknown group"),
    /** Local: Operation in progress */
    _IN_PROGRESS(-178, "Local: Operation in progress"),
    /** Local: Previous operation in progress */
    _PREV_IN_PROGRESS(-177, "Local: Previous operation in progress"),
    /** Local: Existing subscription */
    _EXISTING_SUBSCRIPTION(-176, "Local: Existing subscription"),
    /** Local: Assign partitions */
    _ASSIGN_PARTITIONS(-175, "Local: Assign partitions"),
    /** Local: Revoke partitions */
    _REVOKE_PARTITIONS(-174, "Local: Revoke partitions"),
    /** Local: Conflicting use */
    _CONFLICT(-173, "Local: Conflicting use"),
    /** Local: Erroneous state */
    _STATE(-172, "Local: Erroneous state"),
    /** Local: Unknown protocol */
    _UNKNOWN_PROTOCOL(-171, "Local: Unknown protocol"),
    /** Local: Not implemented */
    _NOT_IMPLEMENTED(-170, "Local: Not implemented"),
    /** Local: Authentication failure */
    _AUTHENTICATION(-169, "Local: Authentication failure"),
    /** Local: No offset stored */
    _NO_OFFSET(-168, "Local: No offset stored"),
    /** Local: Outdated */
    _OUTDATED(-167, "Local: Outdated"),
    /** Local: Timed out in queue */
    _TIMED_OUT_QUEUE(-166, "Local: Timed out in queue"),
    /** Local: Required feature not supported by broker */
    _UNSUPPORTED_FEATURE(-165, "Local: Required feature not supported by broker"),
    /** Local: Awaiting cache update */
    _WAIT_CACHE(-164, "Local: Awaiting cache update"),
    /** Local: Operation interrupted */
    _INTR(-163, "Local: Operation interrupted"),
    /** Local: Key serialization error */
    _KEY_SERIALIZATION(-162, "Local: Key serialization error"),
    /** Local: Value serialization error */
    _VALUE_SERIALIZATION(-161, "Local: Value serialization error"),
    /** Local: Key deserialization error */
    _KEY_DESERIALIZATION(-160, "Local: Key deserialization error"),
    /** Local: Value deserialization error */
    _VALUE_DESERIALIZATION(-159, "Local: Value deserialization error"),
    /** Local: Partial response */
    _PARTIAL(-158, "Local: Partial response"),
    /** Local: Read-only object */
    _READ_ONLY(-157, "Local: Read-only object"),
    /** Local: No such entry */
    _NOENT(-156, "Local: No such entry"),
    /** Local: Read underflow */
    _UNDERFLOW(-155, "Local: Read underflow"),
    /** Local: Invalid type */
    _INVALID_TYPE(-154, "Local: Invalid type"),
    /** Local: Retry operation */
    _RETRY(-153, "Local: Retry operation"),
    /** Local: Purged in queue */
    _PURGE_QUEUE(-152, "Local: Purged in queue"),
    /** Local: Purged in flight */
    _PURGE_INFLIGHT(-151, "Local: Purged in flight"),
    /** Local: Fatal error */
    _FATAL(-150, "Local: Fatal error"),
    /** Local: Inconsistent state */
    _INCONSISTENT(-149, "Local: Inconsistent state"),
    /** Local: Gap-less ordering would not be guaranteed if proceeding */
    _GAPLESS_GUARANTEE(-148, "Local: Gap-less ordering would not be guaranteed if proceeding"),
    /** Local: Maximum application poll interval (max.poll.interval.ms) exceeded */
    _MAX_POLL_EXCEEDED(-147, "Local: Maximum application poll interval (max.poll.interval.ms) exceeded"),
    /** Local: Unknown broker */
    _UNKNOWN_BROKER(-146, "Local: Unknown broker"),
    /** Local: Functionality not configured */
    _NOT_CONFIGURED(-145, "Local: Functionality not configured"),
    /** Local: This instance has been fenced by a newer instance */
    _FENCED(-144, "Local: This instance has been fenced by a newer instance"),
    /** Local: Application generated error */
    _APPLICATION(-143, "Local: Application generated error"),
    /** Local: Group partition assignment lost */
    _ASSIGNMENT_LOST(-142, "Local: Group partition assignment lost"),
    /** Local: No operation performed */
    _NOOP(-141, "Local: No operation performed"),
    /** Local: No offset to automatically reset to */
    _AUTO_OFFSET_RESET(-140, "Local: No offset to automatically reset to"),
    /** Local: Partition log truncation detected */
    _LOG_TRUNCATION(-139, "Local: Partition log truncation detected"),
    /** Local: an invalid record in the same batch caused the failure of this message too */
    _INVALID_DIFFERENT_RECORD(-138, "Local: an invalid record in the same batch caused the failure of this message too"),
    /** Local: Broker handle destroyed without termination */
    _DESTROY_BROKER(-137, "Local: Broker handle destroyed without termination"),
    /** Unknown broker error */
    UNKNOWN(-1, "Unknown broker error"),
    /** Success */
    NO_ERROR(0, "Success"),
    /** Broker: Offset out of range */
    OFFSET_OUT_OF_RANGE(1, "Broker: Offset out of range"),
    /** Broker: Invalid message */
    INVALID_MSG(2, "Broker: Invalid message"),
    /** Broker: Unknown topic or partition */
    UNKNOWN_TOPIC_OR_PART(3, "Broker: Unknown topic or partition"),
    /** Broker: Invalid message size */
    INVALID_MSG_SIZE(4, "Broker: Invalid message size"),
    /** Broker: Leader not available */
    LEADER_NOT_AVAILABLE(5, "Broker: Leader not available"),
    /** Broker: Not leader for partition */
    NOT_LEADER_FOR_PARTITION(6, "Broker: Not leader for partition"),
    /** Broker: Request timed out */
    REQUEST_TIMED_OUT(7, "Broker: Request timed out"),
    /** Broker: Broker not available */
    BROKER_NOT_AVAILABLE(8, "Broker: Broker not available"),
    /** Broker: Replica not available */
    REPLICA_NOT_AVAILABLE(9, "Broker: Replica not available"),
    /** Broker: Message size too large */
    MSG_SIZE_TOO_LARGE(10, "Broker: Message size too large"),
    /** Broker: StaleControllerEpochCode */
    STALE_CTRL_EPOCH(11, "Broker: StaleControllerEpochCode"),
    /** Broker: Offset metadata string too large */
    OFFSET_METADATA_TOO_LARGE(12, "Broker: Offset metadata string too large"),
    /** Broker: Broker disconnected before response received */
    NETWORK_EXCEPTION(13, "Broker: Broker disconnected before response received"),
    /** Broker: Coordinator load in progress */
    COORDINATOR_LOAD_IN_PROGRESS(14, "Broker: Coordinator load in progress"),
    /** Broker: Coordinator not available */
    COORDINATOR_NOT_AVAILABLE(15, "Broker: Coordinator not available"),
    /** Broker: Not coordinator */
    NOT_COORDINATOR(16, "Broker: Not coordinator"),
    /** Broker: Invalid topic */
    TOPIC_EXCEPTION(17, "Broker: Invalid topic"),
    /** Broker: Message batch larger than configured server segment size */
    RECORD_LIST_TOO_LARGE(18, "Broker: Message batch larger than configured server segment size"),
    /** Broker: Not enough in-sync replicas */
    NOT_ENOUGH_REPLICAS(19, "Broker: Not enough in-sync replicas"),
    /** Broker: Message(s) written to insufficient number of in-sync replicas */
    NOT_ENOUGH_REPLICAS_AFTER_APPEND(20, "Broker: Message(s) written to insufficient number of in-sync replicas"),
    /** Broker: Invalid required acks value */
    INVALID_REQUIRED_ACKS(21, "Broker: Invalid required acks value"),
    /** Broker: Specified group generation id is not valid */
    ILLEGAL_GENERATION(22, "Broker: Specified group generation id is not valid"),
    /** Broker: Inconsistent group protocol */
    INCONSISTENT_GROUP_PROTOCOL(23, "Broker: Inconsistent group protocol"),
    /** Broker: Invalid group.id */
    INVALID_GROUP_ID(24, "Broker: Invalid group.id"),
    /** Broker: Unknown member */
    UNKNOWN_MEMBER_ID(25, "Broker: Unknown member"),
    /** Broker: Invalid session timeout */
    INVALID_SESSION_TIMEOUT(26, "Broker: Invalid session timeout"),
    /** Broker: Group rebalance in progress */
    REBALANCE_IN_PROGRESS(27, "Broker: Group rebalance in progress"),
    /** Broker: Commit offset data size is not valid */
    INVALID_COMMIT_OFFSET_SIZE(28, "Broker: Commit offset data size is not valid"),
    /** Broker: Topic authorization failed */
    TOPIC_AUTHORIZATION_FAILED(29, "Broker: Topic authorization failed"),
    /** Broker: Group authorization failed */
    GROUP_AUTHORIZATION_FAILED(30, "Broker: Group authorization failed"),
    /** Broker: Cluster authorization failed */
    CLUSTER_AUTHORIZATION_FAILED(31, "Broker: Cluster authorization failed"),
    /** Broker: Invalid timestamp */
    INVALID_TIMESTAMP(32, "Broker: Invalid timestamp"),
    /** Broker: Unsupported SASL mechanism */
    UNSUPPORTED_SASL_MECHANISM(33, "Broker: Unsupported SASL mechanism"),
    /** Broker: Request not valid in current SASL state */
    ILLEGAL_SASL_STATE(34, "Broker: Request not valid in current SASL state"),
    /** Broker: API version not supported */
    UNSUPPORTED_VERSION(35, "Broker: API version not supported"),
    /** Broker: Topic already exists */
    TOPIC_ALREADY_EXISTS(36, "Broker: Topic already exists"),
    /** Broker: Invalid number of partitions */
    INVALID_PARTITIONS(37, "Broker: Invalid number of partitions"),
    /** Broker: Invalid replication factor */
    INVALID_REPLICATION_FACTOR(38, "Broker: Invalid replication factor"),
    /** Broker: Invalid replica assignment */
    INVALID_REPLICA_ASSIGNMENT(39, "Broker: Invalid replica assignment"),
    /** Broker: Configuration is invalid */
    INVALID_CONFIG(40, "Broker: Configuration is invalid"),
    /** Broker: Not controller for cluster */
    NOT_CONTROLLER(41, "Broker: Not controller for cluster"),
    /** Broker: Invalid request */
    INVALID_REQUEST(42, "Broker: Invalid request"),
    /** Broker: Message format on broker does not support request */
    UNSUPPORTED_FOR_MESSAGE_FORMAT(43, "Broker: Message format on broker does not support request"),
    /** Broker: Policy violation */
    POLICY_VIOLATION(44, "Broker: Policy violation"),
    /** Broker: Broker received an out of order sequence number */
    OUT_OF_ORDER_SEQUENCE_NUMBER(45, "Broker: Broker received an out of order sequence number"),
    /** Broker: Broker received a duplicate sequence number */
    DUPLICATE_SEQUENCE_NUMBER(46, "Broker: Broker received a duplicate sequence number"),
    /** Broker: Producer attempted an operation with an old epoch */
    INVALID_PRODUCER_EPOCH(47, "Broker: Producer attempted an operation with an old epoch"),
    /** Broker: Producer attempted a transactional operation in an invalid state */
    INVALID_TXN_STATE(48, "Broker: Producer attempted a transactional operation in an invalid state"),
    /** Broker: Producer attempted to use a producer id which is not currently assigned to its transactional id */
    INVALID_PRODUCER_ID_MAPPING(49, "Broker: Producer attempted to use a producer id which is not currently assigned to its transactional id"),
    /** Broker: Transaction timeout is larger than the maximum value allowed by the broker's max.transaction.timeout.ms */
    INVALID_TRANSACTION_TIMEOUT(50, "Broker: Transaction timeout is larger than the maximum value allowed by the broker's max.transaction.timeout.ms"),
    /** Broker: Producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing */
    CONCURRENT_TRANSACTIONS(51, "Broker: Producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing"),
    /** Broker: Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator for a given producer */
    TRANSACTION_COORDINATOR_FENCED(52, "Broker: Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator for a given producer"),
    /** Broker: Transactional Id authorization failed */
    TRANSACTIONAL_ID_AUTHORIZATION_FAILED(53, "Broker: Transactional Id authorization failed"),
    /** Broker: Security features are disabled */
    SECURITY_DISABLED(54, "Broker: Security features are disabled"),
    /** Broker: Operation not attempted */
    OPERATION_NOT_ATTEMPTED(55, "Broker: Operation not attempted"),
    /** Broker: Disk error when trying to access log file on disk */
    KAFKA_STORAGE_ERROR(56, "Broker: Disk error when trying to access log file on disk"),
    /** Broker: The user-specified log directory is not found in the broker config */
    LOG_DIR_NOT_FOUND(57, "Broker: The user-specified log directory is not found in the broker config"),
    /** Broker: SASL Authentication failed */
    SASL_AUTHENTICATION_FAILED(58, "Broker: SASL Authentication failed"),
    /** Broker: Unknown Producer Id */
    UNKNOWN_PRODUCER_ID(59, "Broker: Unknown Producer Id"),
    /** Broker: Partition reassignment is in progress */
    REASSIGNMENT_IN_PROGRESS(60, "Broker: Partition reassignment is in progress"),
    /** Broker: Delegation Token feature is not enabled */
    DELEGATION_TOKEN_AUTH_DISABLED(61, "Broker: Delegation Token feature is not enabled"),
    /** Broker: Delegation Token is not found on server */
    DELEGATION_TOKEN_NOT_FOUND(62, "Broker: Delegation Token is not found on server"),
    /** Broker: Specified Principal is not valid Owner/Renewer */
    DELEGATION_TOKEN_OWNER_MISMATCH(63, "Broker: Specified Principal is not valid Owner/Renewer"),
    /** Broker: Delegation Token requests are not allowed on this connection */
    DELEGATION_TOKEN_REQUEST_NOT_ALLOWED(64, "Broker: Delegation Token requests are not allowed on this connection"),
    /** Broker: Delegation Token authorization failed */
    DELEGATION_TOKEN_AUTHORIZATION_FAILED(65, "Broker: Delegation Token authorization failed"),
    /** Broker: Delegation Token is expired */
    DELEGATION_TOKEN_EXPIRED(66, "Broker: Delegation Token is expired"),
    /** Broker: Supplied principalType is not supported */
    INVALID_PRINCIPAL_TYPE(67, "Broker: Supplied principalType is not supported"),
    /** Broker: The group is not empty */
    NON_EMPTY_GROUP(68, "Broker: The group is not empty"),
    /** Broker: The group id does not exist */
    GROUP_ID_NOT_FOUND(69, "Broker: The group id does not exist"),
    /** Broker: The fetch session ID was not found */
    FETCH_SESSION_ID_NOT_FOUND(70, "Broker: The fetch session ID was not found"),
    /** Broker: The fetch session epoch is invalid */
    INVALID_FETCH_SESSION_EPOCH(71, "Broker: The fetch session epoch is invalid"),
    /** Broker: No matching listener */
    LISTENER_NOT_FOUND(72, "Broker: No matching listener"),
    /** Broker: Topic deletion is disabled */
    TOPIC_DELETION_DISABLED(73, "Broker: Topic deletion is disabled"),
    /** Broker: Leader epoch is older than broker epoch */
    FENCED_LEADER_EPOCH(74, "Broker: Leader epoch is older than broker epoch"),
    /** Broker: Leader epoch is newer than broker epoch */
    UNKNOWN_LEADER_EPOCH(75, "Broker: Leader epoch is newer than broker epoch"),
    /** Broker: Unsupported compression type */
    UNSUPPORTED_COMPRESSION_TYPE(76, "Broker: Unsupported compression type"),
    /** Broker: Broker epoch has changed */
    STALE_BROKER_EPOCH(77, "Broker: Broker epoch has changed"),
    /** Broker: Leader high watermark is not caught up */
    OFFSET_NOT_AVAILABLE(78, "Broker: Leader high watermark is not caught up"),
    /** Broker: Group member needs a valid member ID */
    MEMBER_ID_REQUIRED(79, "Broker: Group member needs a valid member ID"),
    /** Broker: Preferred leader was not available */
    PREFERRED_LEADER_NOT_AVAILABLE(80, "Broker: Preferred leader was not available"),
    /** Broker: Consumer group has reached maximum size */
    GROUP_MAX_SIZE_REACHED(81, "Broker: Consumer group has reached maximum size"),
    /** Broker: Static consumer fenced by other consumer with same group.instance.id */
    FENCED_INSTANCE_ID(82, "Broker: Static consumer fenced by other consumer with same group.instance.id"),
    /** Broker: Eligible partition leaders are not available */
    ELIGIBLE_LEADERS_NOT_AVAILABLE(83, "Broker: Eligible partition leaders are not available"),
    /** Broker: Leader election not needed for topic partition */
    ELECTION_NOT_NEEDED(84, "Broker: Leader election not needed for topic partition"),
    /** Broker: No partition reassignment is in progress */
    NO_REASSIGNMENT_IN_PROGRESS(85, "Broker: No partition reassignment is in progress"),
    /** Broker: Deleting offsets of a topic while the consumer group is subscribed to it */
    GROUP_SUBSCRIBED_TO_TOPIC(86, "Broker: Deleting offsets of a topic while the consumer group is subscribed to it"),
    /** Broker: Broker failed to validate record */
    INVALID_RECORD(87, "Broker: Broker failed to validate record"),
    /** Broker: There are unstable offsets that need to be cleared */
    UNSTABLE_OFFSET_COMMIT(88, "Broker: There are unstable offsets that need to be cleared"),
    /** Broker: Throttling quota has been exceeded */
    THROTTLING_QUOTA_EXCEEDED(89, "Broker: Throttling quota has been exceeded"),
    /** Broker: There is a newer producer with the same transactionalId which fences the current one */
    PRODUCER_FENCED(90, "Broker: There is a newer producer with the same transactionalId which fences the current one"),
    /** Broker: Request illegally referred to resource that does not exist */
    RESOURCE_NOT_FOUND(91, "Broker: Request illegally referred to resource that does not exist"),
    /** Broker: Request illegally referred to the same resource twice */
    DUPLICATE_RESOURCE(92, "Broker: Request illegally referred to the same resource twice"),
    /** Broker: Requested credential would not meet criteria for acceptability */
    UNACCEPTABLE_CREDENTIAL(93, "Broker: Requested credential would not meet criteria for acceptability"),
    /** Broker: Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters */
    INCONSISTENT_VOTER_SET(94, "Broker: Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters"),
    /** Broker: Invalid update version */
    INVALID_UPDATE_VERSION(95, "Broker: Invalid update version"),
    /** Broker: Unable to update finalized features due to server error */
    FEATURE_UPDATE_FAILED(96, "Broker: Unable to update finalized features due to server error"),
    /** Broker: Request principal deserialization failed during forwarding */
    PRINCIPAL_DESERIALIZATION_FAILURE(97, "Broker: Request principal deserialization failed during forwarding"),
    /** Broker: Unknown topic id */
    UNKNOWN_TOPIC_ID(100, "Broker: Unknown topic id"),
    /** Broker: The log's topic ID did not match the topic ID in the request */
    INCONSISTENT_TOPIC_ID(103, "Broker: The log's topic ID did not match the topic ID in the request"),
    /** Broker: The member epoch is fenced by the group coordinator */
    FENCED_MEMBER_EPOCH(110, "Broker: The member epoch is fenced by the group coordinator"),
    /** Broker: The instance ID is still used by another member in the consumer group */
    UNRELEASED_INSTANCE_ID(111, "Broker: The instance ID is still used by another member in the consumer group"),
    /** Broker: The assignor or its version range is not supported by the consumer group */
    UNSUPPORTED_ASSIGNOR(112, "Broker: The assignor or its version range is not supported by the consumer group"),
    /** Broker: The member epoch is stale */
    STALE_MEMBER_EPOCH(113, "Broker: The member epoch is stale"),
    /** Broker: The request was sent to an endpoint of the wrong type */
    MISMATCHED_ENDPOINT_TYPE(114, "Broker: The request was sent to an endpoint of the wrong type"),
    /** Broker: This endpoint type is not supported yet */
    UNSUPPORTED_ENDPOINT_TYPE(115, "Broker: This endpoint type is not supported yet"),
    /** Broker: This controller ID is not known */
    UNKNOWN_CONTROLLER_ID(116, "Broker: This controller ID is not known"),
    /** Broker: Client sent a push telemetry request with an invalid or outdated subscription ID */
    UNKNOWN_SUBSCRIPTION_ID(117, "Broker: Client sent a push telemetry request with an invalid or outdated subscription ID"),
    /** Broker: Client sent a push telemetry request larger than the maximum size the broker will accept */
    TELEMETRY_TOO_LARGE(118, "Broker: Client sent a push telemetry request larger than the maximum size the broker will accept"),
    /** Broker: The controller has considered the broker registration to be invalid */
    INVALID_REGISTRATION(119, "Broker: The controller has considered the broker registration to be invalid"),
    /** Broker: The server encountered an error with the transaction */
    TRANSACTION_ABORTABLE(120, "Broker: The server encountered an error with the transaction"),
    /** Broker: The record state is invalid */
    INVALID_RECORD_STATE(121, "Broker: The record state is invalid"),
    /** Broker: The share session was not found */
    SHARE_SESSION_NOT_FOUND(122, "Broker: The share session was not found"),
    /** Broker: The share session epoch is invalid */
    INVALID_SHARE_SESSION_EPOCH(123, "Broker: The share session epoch is invalid"),
    /** Broker: The share-group state epoch did not match */
    FENCED_STATE_EPOCH(124, "Broker: The share-group state epoch did not match"),
    /** Broker: The voter key doesn't match the receiving replica's key */
    INVALID_VOTER_KEY(125, "Broker: The voter key doesn't match the receiving replica's key"),
    /** Broker: The voter is already part of the set of voters */
    DUPLICATE_VOTER(126, "Broker: The voter is already part of the set of voters"),
    /** Broker: The voter is not part of the set of voters */
    VOTER_NOT_FOUND(127, "Broker: The voter is not part of the set of voters"),
    /** Broker: The regular expression is not valid */
    INVALID_REGULAR_EXPRESSION(128, "Broker: The regular expression is not valid"),
    /** Broker: Client metadata is stale, client should rebootstrap to obtain new metadata */
    REBOOTSTRAP_REQUIRED(129, "Broker: Client metadata is stale, client should rebootstrap to obtain new metadata"),
    /** Broker: The supplied topology is invalid */
    STREAMS_INVALID_TOPOLOGY(130, "Broker: The supplied topology is invalid"),
    /** Broker: The supplied topology epoch is invalid */
    STREAMS_INVALID_TOPOLOGY_EPOCH(131, "Broker: The supplied topology epoch is invalid"),
    /** Broker: The supplied topology epoch is outdated */
    STREAMS_TOPOLOGY_FENCED(132, "Broker: The supplied topology epoch is outdated"),
    /** Broker: The limit of share sessions has been reached */
    SHARE_SESSION_LIMIT_REACHED(133, "Broker: The limit of share sessions has been reached");

    private static final Map<Integer, KafkaError> BY_CODE = new HashMap<>();

    static {
        for (KafkaError e : values()) BY_CODE.put(e.code, e);
    }

    private final int code;
    private final String description;

    KafkaError(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The numeric {@code rd_kafka_resp_err_t} value. */
    public int code() {
        return code;
    }

    /** librdkafka's description ({@code rd_kafka_err2str}). */
    public String description() {
        return description;
    }

    /** Whether librdkafka raised it locally (negative codes) rather than a broker. */
    public boolean isLocal() {
        return code < 0;
    }

    /**
     * The constant for {@code code}, or {@link #UNKNOWN} for a code this version of jrdkafka
     * does not know (a newer librdkafka); {@link KafkaException#code()} keeps the raw code.
     */
    public static KafkaError fromCode(int code) {
        KafkaError e = BY_CODE.get(code);
        return e != null ? e : UNKNOWN;
    }
}
