package dev.jrdkafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PerfCommandTest {
    @Test
    void theRoundTripProducesConsumesBackAndChecksEverything() {
        CliRun r = CliRun.of("perf", "-c", "50000", "-s", "64");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("% Round trip: 50000 messages of 64 bytes to \"jrdkafka-perf\" (3 partitions) on the "
                + "embedded mock cluster (3 brokers)"), r.out());
        assertTrue(r.out().matches("(?s).*% produced 50000 messages \\(3200000 bytes\\) in [\\d.]+ s: \\d+ msgs/s, [\\d.]+ MB/s; "
                + "50000 delivered, 0 failed\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*% consumed 50000 messages \\(3200000 bytes\\) in [\\d.]+ s: \\d+ msgs/s.*"), r.out());
        assertTrue(r.out().matches("(?s).*% end-to-end latency \\(produce to consume\\) p50 [\\d.]+ ms, p99 [\\d.]+ ms, max [\\d.]+ ms\n.*"),
                r.out());
        assertTrue(r.out().contains("% check: 50000 of 50000 messages consumed, 0 missing, 0 duplicated, 0 corrupt, "
                + "0 out of order: OK, consumed = produced"), r.out());
    }

    @Test
    void theRoundTripGivesTheMockEnoughPartitionsToKeepEveryMessage() {
        // 200,000 x 200 B = 40 MB: more than the mock's 5 MiB per partition times 3.
        CliRun r = CliRun.of("perf", "-c", "200000", "-s", "200");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("(12 partitions)"), r.out());
        assertTrue(r.out().contains("0 missing, 0 duplicated, 0 corrupt, 0 out of order: OK"), r.out());
    }

    @Test
    void theRoundTripRefusesValuesTooSmallToCarryTheCheck() {
        CliRun r = CliRun.of("perf", "-s", "8");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("the round trip needs -s >= 16"), r.err());
    }

    @Test
    void producesOnTheEmbeddedMockClusterAndSummarizes() {
        CliRun r = CliRun.of("perf", "-P", "-c", "20000", "-s", "64", "-X", "linger.ms=5");
        assertEquals("0", String.valueOf(r.exitCode()), r.out() + r.err());
        assertTrue(r.out().contains("20000 messages produced (1280000 bytes), 20000 delivered, 0 failed"), r.out());
        assertTrue(r.out().matches("(?s).*% \\d+ msgs/s, [\\d.]+ MB/s, [\\d.]+ us CPU/msg \\(process\\), "
                + "delivery latency p50 [\\d.]+ ms, p99 [\\d.]+ ms\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n% [\\d.]+ B heap/msg \\(all threads, from before the client is created to after "
                + "it is closed\\)\\n.*"), r.out());
    }

    @Test
    void consumeModeFillsTheEmbeddedClusterThenReadsEverythingBack() {
        CliRun r = CliRun.of("perf", "-C", "-c", "200000", "-s", "100"); // more than one mock partition holds
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("% 200000 messages (20000000 bytes) consumed in "), r.out());
        assertTrue(r.out().matches("(?s).*% \\d+ msgs/s, [\\d.]+ MB/s, [\\d.]+ us CPU/msg \\(process\\)\\n.*"), r.out());
        r = CliRun.of("perf", "-C", "--single", "-c", "5000", "-p", "1", "-p", "2");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("(2 partitions), one record per poll()"), r.out());
        assertTrue(r.out().contains("% 5000 messages (500000 bytes) consumed in "), r.out());
        r = CliRun.of("perf", "-C", "-c", "1000", "-o", "500", "-p", "0", "-s", "10");
        assertEquals(0, r.exitCode(), r.out() + r.err()); // filled with 1,500: 1,000 from offset 500
        assertTrue(r.out().contains("Filling the embedded mock cluster with 1500 messages"), r.out());
        r = CliRun.of("perf", "-G", "perf-group", "-c", "5000");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("as group perf-group"), r.out());
        assertTrue(r.out().contains("% 5000 messages (500000 bytes) consumed in "), r.out());
    }

    @Test
    void copyingModeProducesToo() {
        CliRun r = CliRun.of("perf", "-P", "-D", "-c", "5000", "-X", "linger.ms=5", "-p", "1");
        assertEquals("0", String.valueOf(r.exitCode()), r.out() + r.err());
        assertTrue(r.out().contains("5000 delivered, 0 failed"), r.out());
    }

    @Test
    void badInputIsAUsageErrorSayingWhatWasWrong() {
        CliRun r = CliRun.of("perf", "-P", "-X", "linger.ms=soon");
        assertEquals("2", String.valueOf(r.exitCode()));
        assertTrue(r.err().contains("linger.ms"), r.err());
        r = CliRun.of("perf", "-P", "-X", "nonsense");
        assertEquals("2", String.valueOf(r.exitCode()));
        assertTrue(r.err().contains("-X expects key=value, got 'nonsense'"), r.err());
        r = CliRun.of("perf", "-P", "-C");
        assertEquals("2", String.valueOf(r.exitCode()));
        assertTrue(r.err().contains("choose one mode"), r.err());
        r = CliRun.of("perf", "-C", "-b", "127.0.0.1:9");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("-C with -b needs the partitions to read (-p N, repeatable), or -G GROUP"), r.err());
        r = CliRun.of("perf", "-C", "-o", "middle");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("-o takes beginning, end, stored or an offset >= 0, got 'middle'"), r.err());
        r = CliRun.of("perf", "-P", "-c", "0");
        assertEquals("2", String.valueOf(r.exitCode()));
        assertTrue(r.err().contains("-c must be >= 1, got 0"), r.err());
    }

    @Test
    void anUnknownPartitionFailsTheRunWithANonZeroStatus() {
        CliRun r = CliRun.of("perf", "-P", "-c", "10", "-p", "99", "-X", "linger.ms=5");
        assertTrue(!String.valueOf(r.exitCode()).equals("0"), "exit status " + String.valueOf(r.exitCode()) + "\n" + r.out() + r.err());
    }
}
