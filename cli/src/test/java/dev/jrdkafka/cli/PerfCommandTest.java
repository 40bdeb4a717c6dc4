package dev.jrdkafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PerfCommandTest {
    @Test
    void producesOnTheEmbeddedMockClusterAndSummarizes() {
        CliRun r = CliRun.of("perf", "-P", "-c", "20000", "-s", "64", "-X", "linger.ms=5");
        assertEquals("0", String.valueOf(r.exitCode()), r.out() + r.err());
        assertTrue(r.out().contains("20000 messages produced (1280000 bytes), 20000 delivered, 0 failed"), r.out());
        assertTrue(r.out().matches("(?s).*% \\d+ msgs/s, [\\d.]+ MB/s, [\\d.]+ us CPU/msg \\(process\\), "
                + "delivery latency p50 [\\d.]+ ms, p99 [\\d.]+ ms\\n.*"), r.out());
    }

    @Test
    void consumeModeFillsTheEmbeddedClusterThenReadsEverythingBack() {
        CliRun r = CliRun.of("perf", "-C", "-c", "20000", "-s", "100");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("% 20000 messages (2000000 bytes) consumed in "), r.out());
        assertTrue(r.out().matches("(?s).*% \\d+ msgs/s, [\\d.]+ MB/s, [\\d.]+ us CPU/msg \\(process\\)\\n.*"), r.out());
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
