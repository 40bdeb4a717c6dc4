package dev.jrdkafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.BufferedReader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MockCommandTest {
    @Test
    void servesTopicsThatAnotherClientCanUse() throws Exception {
        CommandLine cli = Main.commandLine();
        PipedWriter pipe = new PipedWriter();
        BufferedReader lines = new BufferedReader(new PipedReader(pipe));
        cli.setOut(new PrintWriter(pipe, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread server = Thread.ofPlatform().start(() -> exit.set(cli.execute("mock", "--brokers", "2", "--duration", "20",
                "orders:6:2")));
        String bootstrap = lines.readLine();
        assertTrue(bootstrap.matches("127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+"), bootstrap);
        assertTrue(lines.readLine().contains("orders:6:2"));
        try (Producer p = Producer.create(KafkaConfig.create().bootstrapServers(bootstrap))) {
            var md = p.send(new ProducerRecord("orders", 5, null, new byte[1])).get(20, TimeUnit.SECONDS);
            assertEquals(5, md.partition(), "partition 5 exists: the topic has 6");
        }
        server.interrupt();
        server.join(30_000);
    }

    @Test
    void badTopicSpecsAreUsageErrors() {
        CliRun r = CliRun.of("mock", "--duration", "0", "orders:many");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("'orders:many' is not TOPIC[:PARTITIONS[:REPLICATION]]"), r.err());
    }

}
