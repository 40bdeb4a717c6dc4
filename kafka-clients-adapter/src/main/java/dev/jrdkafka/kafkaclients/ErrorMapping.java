package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.KafkaError;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.protocol.Errors;

/**
 * librdkafka error codes to kafka-clients exceptions ({@code org.apache.kafka.common.errors.*}).
 *
 * <p>Broker codes (≥ 0) are the Kafka protocol's own: kafka-clients' {@link Errors} table maps
 * them, so every broker error becomes exactly the class kafka-clients would throw (retriable
 * ones extend {@link org.apache.kafka.common.errors.RetriableException}). librdkafka's local
 * codes (&lt; 0) are mapped by {@link #LOCAL} below; unlisted ones become a plain
 * {@link org.apache.kafka.common.KafkaException}. The jrdkafka exception is always the
 * {@linkplain Throwable#getCause() cause}, so its code and flags stay reachable.
 *
 * <p>Producer fencing: librdkafka reports a fenced transactional producer as a fatal
 * {@code _FENCED} (or the broker's {@code PRODUCER_FENCED}/{@code INVALID_PRODUCER_EPOCH});
 * kafka-clients throws {@link ProducerFencedException} for those, so {@link Side#PRODUCER}
 * does too. For a consumer {@code _FENCED} means a static member replaced by another with the
 * same {@code group.instance.id}: {@link FencedInstanceIdException}.
 */
public final class ErrorMapping {
    private ErrorMapping() {}

    /** Which client kind saw the error: the same code means different things to each. */
    public enum Side { PRODUCER, CONSUMER, ADMIN }

    /** librdkafka's local errors that have a kafka-clients counterpart. */
    static final Map<KafkaError, Function<String, RuntimeException>> LOCAL = new EnumMap<>(KafkaError.class);

    static {
        LOCAL.put(KafkaError._MSG_TIMED_OUT, TimeoutException::new);
        LOCAL.put(KafkaError._TIMED_OUT, TimeoutException::new);
        LOCAL.put(KafkaError._TIMED_OUT_QUEUE, TimeoutException::new);
        LOCAL.put(KafkaError._QUEUE_FULL, BufferExhaustedException::new);
        LOCAL.put(KafkaError._TRANSPORT, NetworkException::new);
        LOCAL.put(KafkaError._FAIL, NetworkException::new);
        LOCAL.put(KafkaError._ALL_BROKERS_DOWN, NetworkException::new);
        LOCAL.put(KafkaError._RESOLVE, NetworkException::new);
        LOCAL.put(KafkaError._UNKNOWN_BROKER, BrokerNotAvailableException::new);
        LOCAL.put(KafkaError._UNKNOWN_TOPIC, UnknownTopicOrPartitionException::new);
        LOCAL.put(KafkaError._UNKNOWN_PARTITION, UnknownTopicOrPartitionException::new);
        LOCAL.put(KafkaError._ISR_INSUFF, NotEnoughReplicasException::new);
        LOCAL.put(KafkaError._WAIT_COORD, CoordinatorNotAvailableException::new);
        LOCAL.put(KafkaError._UNKNOWN_GROUP, GroupIdNotFoundException::new);
        LOCAL.put(KafkaError._BAD_MSG, CorruptRecordException::new);
        LOCAL.put(KafkaError._BAD_COMPRESSION, CorruptRecordException::new);
        LOCAL.put(KafkaError._SSL, SslAuthenticationException::new);
        LOCAL.put(KafkaError._AUTHENTICATION, AuthenticationException::new);
        LOCAL.put(KafkaError._NOT_IMPLEMENTED, UnsupportedVersionException::new);
        LOCAL.put(KafkaError._UNSUPPORTED_FEATURE, UnsupportedVersionException::new);
        LOCAL.put(KafkaError._KEY_SERIALIZATION, SerializationException::new);
        LOCAL.put(KafkaError._VALUE_SERIALIZATION, SerializationException::new);
        LOCAL.put(KafkaError._KEY_DESERIALIZATION, SerializationException::new);
        LOCAL.put(KafkaError._VALUE_DESERIALIZATION, SerializationException::new);
        LOCAL.put(KafkaError._PURGE_QUEUE, TransactionAbortedException::new);
        LOCAL.put(KafkaError._PURGE_INFLIGHT, TransactionAbortedException::new);
        LOCAL.put(KafkaError._INTR, InterruptException::new);
        LOCAL.put(KafkaError._INVALID_ARG, InvalidConfigurationException::new);
        LOCAL.put(KafkaError._AUTO_OFFSET_RESET, m -> new OffsetOutOfRangeException(m, Map.of()));
        LOCAL.put(KafkaError._STATE, IllegalStateException::new);
        LOCAL.put(KafkaError._PREV_IN_PROGRESS, IllegalStateException::new);
    }

    /** The kafka-clients exception for {@code e}, with {@code e} as its cause. */
    public static RuntimeException toKafkaClients(dev.jrdkafka.KafkaException e, Side side) {
        RuntimeException mapped = map(e.code(), e.isFatal(), e.getMessage(), side);
        try {
            mapped.initCause(e);
        } catch (IllegalStateException | IllegalArgumentException alreadySet) {
            mapped.addSuppressed(e);
        }
        return mapped;
    }

    /** Any throwable from jrdkafka: its own exceptions mapped, others returned as they are. */
    public static RuntimeException toKafkaClients(RuntimeException e, Side side) {
        return e instanceof dev.jrdkafka.KafkaException k ? toKafkaClients(k, side) : e;
    }

    static RuntimeException map(int code, boolean fatal, String message, Side side) {
        KafkaError error = KafkaError.fromCode(code);
        if (side == Side.PRODUCER && (error == KafkaError._FENCED || error == KafkaError.PRODUCER_FENCED
                || (fatal && error == KafkaError.INVALID_PRODUCER_EPOCH))) {
            return new ProducerFencedException(message);
        }
        if (error == KafkaError._FENCED) return new FencedInstanceIdException(message);
        if (error == KafkaError.SASL_AUTHENTICATION_FAILED) return new SaslAuthenticationException(message);
        if (code >= 0) {
            Errors errors = Errors.forCode((short) code);
            if (errors != Errors.NONE) return errors.exception(message);
        }
        Function<String, RuntimeException> local = LOCAL.get(error);
        if (local != null) return local.apply(message);
        return new org.apache.kafka.common.KafkaException(message);
    }
}
