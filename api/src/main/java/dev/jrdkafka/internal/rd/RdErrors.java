package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.KafkaException;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;

/** Turns librdkafka's error codes and {@code rd_kafka_error_t} objects into exceptions. */
public final class RdErrors {
    private RdErrors() {}

    /** For an {@code rd_kafka_resp_err_t} result: throws unless it is 0 (NO_ERROR). */
    public static void check(int code, String operation) {
        if (code != 0) throw fromCode(code, operation);
    }

    public static KafkaException fromCode(int code, String operation) {
        return new KafkaException(code, operation + " failed: " + describe(code));
    }

    /** "description (NAME)" for a code, from librdkafka. */
    public static String describe(int code) {
        Rd.library();
        return Rd.cString(rd_kafka_err2str(code)) + " (" + name(code) + ")";
    }

    /** librdkafka's name of a code, e.g. "_TIMED_OUT". */
    public static String name(int code) {
        Rd.library();
        return Rd.cString(rd_kafka_err2name(code));
    }

    /**
     * For an {@code rd_kafka_error_t *} result: NULL means success; otherwise it is read,
     * destroyed, and thrown with its flags.
     */
    public static void check(MemorySegment error, String operation) {
        if (!error.equals(MemorySegment.NULL)) throw fromError(error, operation);
    }

    /** Reads and destroys an {@code rd_kafka_error_t}. */
    public static KafkaException fromError(MemorySegment error, String operation) {
        try {
            int code = rd_kafka_error_code(error);
            String text = Rd.cString(rd_kafka_error_string(error));
            EnumSet<KafkaException.Flag> flags = EnumSet.noneOf(KafkaException.Flag.class);
            if (rd_kafka_error_is_fatal(error) != 0) flags.add(KafkaException.Flag.FATAL);
            if (rd_kafka_error_is_retriable(error) != 0) flags.add(KafkaException.Flag.RETRIABLE);
            if (rd_kafka_error_txn_requires_abort(error) != 0) flags.add(KafkaException.Flag.TRANSACTION_REQUIRES_ABORT);
            return KafkaException.of(code, operation + " failed: " + text + " (" + name(code) + ")",
                    flags.toArray(KafkaException.Flag[]::new));
        } finally {
            rd_kafka_error_destroy(error);
        }
    }
}
