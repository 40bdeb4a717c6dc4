package dev.jrdkafka.kafkaclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.kafkaclients.ErrorMapping.Side;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
    private static RuntimeException map(KafkaError e, Side side, KafkaException.Flag... flags) {
        return ErrorMapping.toKafkaClients(KafkaException.of(e.code(), e.description(), flags), side);
    }

    @Test
    void brokerCodesBecomeKafkaClientsOwnClassesWithRetriabilityKept() {
        assertInstanceOf(NotLeaderOrFollowerException.class, map(KafkaError.NOT_LEADER_FOR_PARTITION, Side.PRODUCER));
        assertInstanceOf(RetriableException.class, map(KafkaError.NOT_LEADER_FOR_PARTITION, Side.PRODUCER));
        assertInstanceOf(RecordTooLargeException.class, map(KafkaError.MSG_SIZE_TOO_LARGE, Side.PRODUCER));
        assertFalse(map(KafkaError.MSG_SIZE_TOO_LARGE, Side.PRODUCER) instanceof RetriableException);
        assertInstanceOf(TopicAuthorizationException.class, map(KafkaError.TOPIC_AUTHORIZATION_FAILED, Side.CONSUMER));
        assertInstanceOf(UnknownTopicOrPartitionException.class, map(KafkaError.UNKNOWN_TOPIC_OR_PART, Side.CONSUMER));
        assertInstanceOf(SaslAuthenticationException.class, map(KafkaError.SASL_AUTHENTICATION_FAILED, Side.ADMIN));
    }

    @Test
    void localCodesHaveTheirCounterparts() {
        assertInstanceOf(TimeoutException.class, map(KafkaError._MSG_TIMED_OUT, Side.PRODUCER));
        assertInstanceOf(RetriableException.class, map(KafkaError._TIMED_OUT, Side.CONSUMER));
        assertInstanceOf(BufferExhaustedException.class, map(KafkaError._QUEUE_FULL, Side.PRODUCER));
        assertInstanceOf(NetworkException.class, map(KafkaError._TRANSPORT, Side.CONSUMER));
        assertInstanceOf(UnknownTopicOrPartitionException.class, map(KafkaError._UNKNOWN_TOPIC, Side.PRODUCER));
        assertInstanceOf(TransactionAbortedException.class, map(KafkaError._PURGE_QUEUE, Side.PRODUCER));
        assertInstanceOf(IllegalStateException.class, map(KafkaError._STATE, Side.PRODUCER));
        RuntimeException other = map(KafkaError._GAPLESS_GUARANTEE, Side.PRODUCER, KafkaException.Flag.FATAL);
        assertSame(org.apache.kafka.common.KafkaException.class, other.getClass());
    }

    @Test
    void fencingDependsOnTheSide() {
        assertInstanceOf(ProducerFencedException.class, map(KafkaError._FENCED, Side.PRODUCER, KafkaException.Flag.FATAL));
        assertInstanceOf(ProducerFencedException.class, map(KafkaError.PRODUCER_FENCED, Side.PRODUCER));
        assertInstanceOf(ProducerFencedException.class,
                map(KafkaError.INVALID_PRODUCER_EPOCH, Side.PRODUCER, KafkaException.Flag.FATAL));
        assertInstanceOf(FencedInstanceIdException.class, map(KafkaError._FENCED, Side.CONSUMER));
    }

    @Test
    void theJrdkafkaExceptionIsTheCauseAndTheMessageIsKept() {
        KafkaException original = KafkaException.retriable(KafkaError._TRANSPORT.code(), "broker 1 went away");
        RuntimeException mapped = ErrorMapping.toKafkaClients(original, Side.CONSUMER);
        assertSame(original, mapped.getCause());
        assertEquals("broker 1 went away", mapped.getMessage());
    }

    @Test
    void everyLibrdkafkaCodeMapsToSomething() {
        for (KafkaError e : KafkaError.values()) {
            if (e == KafkaError.NO_ERROR) continue;
            RuntimeException mapped = map(e, Side.CONSUMER);
            assertTrue(mapped instanceof org.apache.kafka.common.KafkaException || mapped instanceof IllegalStateException,
                    e + " -> " + mapped.getClass());
        }
    }
}
