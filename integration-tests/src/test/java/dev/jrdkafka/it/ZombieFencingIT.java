package dev.jrdkafka.it;

import dev.jrdkafka.OffsetAndMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.ConsumerGroupMetadata;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Zombie fencing through the group metadata: a member's identity taken before a rebalance
 * (an older generation) must not commit offsets in a transaction, since another member may
 * own those partitions now. The group coordinator refuses the TxnOffsetCommit; librdkafka
 * makes it an abortable transaction error. The mock cluster does not check generations.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(90)
class ZombieFencingIT {
    static final String IN = "fence-in";
    static final String OUT = "fence-out";
    static final String GROUP = "fence-group";
    static final Duration T = Duration.ofSeconds(30);

    @Test
    void offsetsSentWithAnEarlierGenerationAreRefusedAndTheTransactionMustBeAborted(KafkaBroker broker) {
        broker.createTopic(IN, 2);
        broker.createTopic(OUT, 1);
        TopicPartition in0 = new TopicPartition(IN, 0);
        TopicPartition in1 = new TopicPartition(IN, 1);
        try (Consumer a = Consumer.create(member(broker));
             Consumer b = Consumer.create(member(broker));
             Producer producer = Producer.create(Clients.config(broker).transactionalId("fence-txn"))) {
            a.subscribe(List.of(IN));
            Clients.pollUntil(a, T, "a owns both partitions", () -> a.assignment().equals(Set.of(in0, in1)));
            ConsumerGroupMetadata stale = a.groupMetadata();

            // b joins: a rebalance, and a new generation for a (both must poll to rejoin).
            b.subscribe(List.of(IN));
            Clients.pollUntil(a, T, "the group rebalanced to two members", () -> {
                b.poll(Duration.ofMillis(50));
                return a.assignment().size() == 1 && b.assignment().size() == 1;
            });
            ConsumerGroupMetadata current = a.groupMetadata();
            assertEquals(stale.memberId(), current.memberId(), "the same member");
            assertTrue(current.generationId() > stale.generationId(), stale + " then " + current);
            TopicPartition owned = a.assignment().iterator().next();

            producer.initTransactions(T);
            producer.beginTransaction();
            producer.send(new ProducerRecord(OUT, 0, null, Clients.bytes("from a zombie")));
            KafkaException e = assertThrows(KafkaException.class,
                    () -> producer.sendOffsetsToTransaction(Map.of(owned, new OffsetAndMetadata(1)), stale, T));
            assertEquals(KafkaError.ILLEGAL_GENERATION, e.error(), e.toString());
            assertTrue(e.transactionRequiresAbort(), "the transaction must be aborted: " + e);
            assertFalse(e.isFatal(), "abortable, not fatal: " + e);
            producer.abortTransaction(T);

            // The producer goes on; with the current identity the same offsets commit.
            producer.beginTransaction();
            producer.sendOffsetsToTransaction(Map.of(owned, new OffsetAndMetadata(1)), a.groupMetadata(), T);
            producer.commitTransaction(T);
            assertEquals(Map.of(owned, new OffsetAndMetadata(1)), a.committed(List.of(owned), T));
        }
        List<String> visible = Clients.readAll(broker, List.of(new TopicPartition(OUT, 0)), "read_committed").stream()
                .map(r -> Clients.text(r.value())).toList();
        assertEquals(List.of(), visible, "the zombie's record was aborted");
    }

    /** Heartbeats every 100 ms so that a member hears of a rebalance at once (default: 3 s). */
    private static dev.jrdkafka.config.KafkaConfig member(KafkaBroker broker) {
        return Clients.consumer(broker, GROUP, "read_committed").set("heartbeat.interval.ms", 100L);
    }
}
