package dev.jrdkafka.benchmarks.harness;

import dev.jrdkafka.testkit.KafkaBroker;
import java.nio.file.Path;

/**
 * Serves testkit's real single-node broker (a child process on 127.0.0.1) for the harness:
 * prints "bootstrap=" and its bootstrap servers on one line, then keeps it up until standard input closes.
 * Usage: BrokerMain KAFKA_LIB_DIR LOG_FILE
 */
public final class BrokerMain {
    private BrokerMain() {}

    public static void main(String[] args) throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder().kafkaLib(Path.of(args[0])).logFile(Path.of(args[1]))
                .brokerProperty("num.partitions", "3")
                // Runs of millions of messages: old segments go soon, so the disk holds a few
                // hundred MB per partition at most.
                .brokerProperty("log.segment.bytes", "67108864").brokerProperty("log.retention.bytes", "134217728")
                .brokerProperty("log.retention.check.interval.ms", "5000").start()) {
            System.out.println("bootstrap=" + broker.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for EOF: the harness closes our stdin when it is done
            }
        }
    }
}
