package dev.jrdkafka;

/**
 * A librdkafka error: the code, librdkafka's message, and how librdkafka classifies it
 * ({@code rd_kafka_error_is_fatal}, {@code _is_retriable}, {@code _txn_requires_abort}).
 * The failed operation is in the message, not in the type.
 */
public class KafkaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient KafkaError error;
    private final int code;
    private final boolean fatal;
    private final boolean retriable;
    private final boolean transactionRequiresAbort;

    public KafkaException(KafkaError error, String message) {
        this(error.code(), message, false, false, false);
    }

    public KafkaException(int code, String message, boolean fatal, boolean retriable,
                          boolean transactionRequiresAbort) {
        super(message);
        this.code = code;
        this.error = KafkaError.fromCode(code);
        this.fatal = fatal;
        this.retriable = retriable;
        this.transactionRequiresAbort = transactionRequiresAbort;
    }

    /** The error; {@link KafkaError#UNKNOWN} if the code is newer than this jrdkafka. */
    public KafkaError error() {
        return error;
    }

    /** The raw {@code rd_kafka_resp_err_t} code. */
    public int code() {
        return code;
    }

    /** The client can no longer be used (e.g. an idempotent producer's fatal error): close it. */
    public boolean isFatal() {
        return fatal;
    }

    /** Retrying the same operation may succeed. */
    public boolean isRetriable() {
        return retriable;
    }

    /** The current transaction must be aborted before the producer can go on. */
    public boolean transactionRequiresAbort() {
        return transactionRequiresAbort;
    }
}
