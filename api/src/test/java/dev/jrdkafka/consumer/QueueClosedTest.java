package dev.jrdkafka.consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Queue}'s documentation: "A closed queue, or one whose consumer is closed, throws
 * IllegalStateException from every method but close(), isClosed(), kind() and partition()".
 * Expected: IllegalStateException for every other method of a closed queue — also when the
 * arguments are invalid too (the closed state is the first thing said), and when a closed
 * queue is an argument (forwarding into it, committing to it, selecting on it).
 */
class QueueClosedTest {
    @Test
    void everyMethodOfAClosedQueueThrowsIllegalStateException() {
        try (MockCluster cluster = MockCluster.start(1);
             dev.jrdkafka.consumer.Consumer c = dev.jrdkafka.consumer.Consumer.create(ConsumerTestSupport.config(cluster, "g"))) {
            TopicPartition tp = new TopicPartition("t", 0);
            for (Queue closed : List.of(c.newQueue(), c.partitionQueue(tp))) {
                closed.close();
                Queue open = c.newQueue();
                List<String> wrong = new ArrayList<>();
                check(wrong, "length", closed::length);
                check(wrong, "forwardTo(open queue)", () -> closed.forwardTo(open));
                check(wrong, "forwardTo(itself)", () -> closed.forwardTo(closed));
                check(wrong, "open.forwardTo(closed)", () -> open.forwardTo(closed));
                check(wrong, "stopForwarding", closed::stopForwarding);
                check(wrong, "forwardedTo", closed::forwardedTo);
                check(wrong, "pollBatch", () -> closed.pollBatch(10, Duration.ZERO));
                check(wrong, "pollBatch(0 records)", () -> closed.pollBatch(0, Duration.ZERO));
                check(wrong, "poll", () -> closed.poll(Duration.ZERO));
                check(wrong, "poll(negative)", () -> closed.poll(Duration.ofSeconds(-1)));
                check(wrong, "awaitReady", () -> closed.awaitReady(Duration.ZERO));
                check(wrong, "onReady", () -> closed.onReady(() -> { }));
                check(wrong, "wakeup", closed::wakeup);
                check(wrong, "commitAsyncTo(closed)", () -> c.commitAsyncTo(Map.of(tp, new OffsetAndMetadata(1)), closed));
                try (QueueSelector selector = QueueSelector.open()) {
                    check(wrong, "QueueSelector.register(closed)", () -> selector.register(closed));
                }
                assertTrue(wrong.isEmpty(), closed.kind() + " queue, not IllegalStateException after close:\n"
                        + String.join("\n", wrong));
                closed.kind();
                closed.partition();
                closed.close(); // idempotent
                open.close();
            }
        }
    }

    private static void check(List<String> wrong, String what, Executable call) {
        try {
            call.execute();
            wrong.add(what + ": returned normally");
        } catch (IllegalStateException expected) {
            // as documented
        } catch (Throwable t) {
            wrong.add(what + ": " + t);
        }
    }
}
