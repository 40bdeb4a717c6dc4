package dev.jrdkafka;

import java.util.EnumSet;
import java.util.Set;

/**
 * A librdkafka error: the code, librdkafka's message, and how librdkafka classifies it
 * ({@code rd_kafka_error_is_fatal}, {@code _is_retriable}, {@code _txn_requires_abort}).
 * The failed operation is in the message, not in the type.
 */
public class KafkaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** librdkafka's classification of an error. */
    public enum Flag {
        /** The client can no longer be used: close it. */
        FATAL,
        /** Retrying the same operation may succeed. */
        RETRIABLE,
        /** The current transaction must be aborted before the producer can go on. */
        TRANSACTION_REQUIRES_ABORT
    }

    private final transient KafkaError error;
    private final int code;
    private final Set<Flag> flags;

    public KafkaException(KafkaError error, String message) {
        this(error.code(), message);
    }

    public KafkaException(int code, String message) {
        this(code, message, Set.of());
    }

    protected KafkaException(int code, String message, Set<Flag> flags) {
        super(message);
        this.code = code;
        this.error = KafkaError.fromCode(code);
        this.flags = flags.isEmpty() ? Set.of() : Set.copyOf(flags);
    }

    /** An error with librdkafka's flags. */
    public static KafkaException of(int code, String message, Flag... flags) {
        return new KafkaException(code, message, flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags));
    }

    /** An error after which the client can no longer be used. */
    public static KafkaException fatal(int code, String message) {
        return of(code, message, Flag.FATAL);
    }

    /** An error that may go away if the operation is tried again. */
    public static KafkaException retriable(int code, String message) {
        return of(code, message, Flag.RETRIABLE);
    }

    /** The error; {@link KafkaError#UNKNOWN} if the code is newer than this jrdkafka. */
    public KafkaError error() {
        return error;
    }

    /** The raw {@code rd_kafka_resp_err_t} code. */
    public int code() {
        return code;
    }

    /** librdkafka's classification of this error (empty for most). */
    public Set<Flag> flags() {
        return flags;
    }

    /** The client can no longer be used (e.g. an idempotent producer's fatal error): close it. */
    public boolean isFatal() {
        return flags.contains(Flag.FATAL);
    }

    /** Retrying the same operation may succeed. */
    public boolean isRetriable() {
        return flags.contains(Flag.RETRIABLE);
    }

    /** The current transaction must be aborted before the producer can go on. */
    public boolean transactionRequiresAbort() {
        return flags.contains(Flag.TRANSACTION_REQUIRES_ABORT);
    }
}
