package dev.jrdkafka.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.ApiKey;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transactional producer refuses records (_STATE) outside an open transaction; when the
 * transaction has failed (librdkafka's AbortableError state) the exception says to abort it
 * and has transactionRequiresAbort().
 */
@Timeout(120)
class TransactionStateErrorTest {

    @Test
    void producingAfterTheTransactionFailedSaysToAbortIt() throws Exception {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.createTopic("txn-out", 3, 3);
            KafkaConfig config = ProducerTestSupport.config(cluster.bootstrapServers()).transactionalId("txn-state-test");
            try (Producer producer = Producer.create(config)) {
                producer.initTransactions(Duration.ofSeconds(30));

                KafkaException outside = assertThrows(KafkaException.class,
                        () -> producer.send(new ProducerRecord("txn-out", new byte[] {0})));
                assertEquals(KafkaError._STATE, outside.error());
                assertFalse(outside.transactionRequiresAbort(), outside.getMessage());
                assertTrue(outside.getMessage().contains("beginTransaction() first"), outside.getMessage());

                // As ConsumeTransformProduce provokes it: the transaction's AddPartitionsToTxn fails.
                producer.beginTransaction();
                cluster.pushRequestErrors(ApiKey.ADD_PARTITIONS_TO_TXN, KafkaError.TOPIC_AUTHORIZATION_FAILED);
                KafkaException failed = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (failed == null && System.nanoTime() - deadline < 0) {
                    try {
                        producer.send(new ProducerRecord("txn-out", new byte[] {1}));
                        Thread.sleep(10);
                    } catch (KafkaException e) {
                        failed = e;
                    }
                }
                assertTrue(failed != null, "send kept succeeding after the transaction failed");
                assertEquals(KafkaError._STATE, failed.error(), failed.getMessage());
                assertTrue(failed.transactionRequiresAbort(), failed.getMessage());
                assertFalse(failed.isFatal(), failed.getMessage());
                assertTrue(failed.getMessage().contains("abort the transaction"), failed.getMessage());

                // The fast path says the same.
                KafkaException fast = assertThrows(KafkaException.class,
                        () -> producer.produce("txn-out", 0, null, new byte[] {2}, 7));
                assertTrue(fast.transactionRequiresAbort(), fast.getMessage());
                assertTrue(fast.getMessage().contains("abort the transaction"), fast.getMessage());
                KafkaException segment = assertThrows(KafkaException.class, () -> producer.produce("txn-out", 0,
                        null, java.lang.foreign.MemorySegment.ofArray(new byte[] {3}), 8));
                assertTrue(segment.transactionRequiresAbort(), segment.getMessage());

                // And commitTransaction, from librdkafka's own error object.
                KafkaException commit = assertThrows(KafkaException.class, () -> producer.commitTransaction(Duration.ofSeconds(10)));
                assertTrue(commit.transactionRequiresAbort(), commit.getMessage());

                producer.abortTransaction(Duration.ofSeconds(30));
                producer.beginTransaction();
                var ok = producer.send(new ProducerRecord("txn-out", new byte[] {4}));
                producer.commitTransaction(Duration.ofSeconds(30));
                assertTrue(ok.get(10, TimeUnit.SECONDS).offset() >= 0);

                KafkaException afterCommit = assertThrows(KafkaException.class,
                        () -> producer.produce("txn-out", 0, null, new byte[] {5}, 9));
                assertFalse(afterCommit.transactionRequiresAbort(), afterCommit.getMessage());
                assertTrue(afterCommit.getMessage().contains("beginTransaction() first"), afterCommit.getMessage());
            }
        }
    }
}
