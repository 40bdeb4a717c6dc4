package dev.jrdkafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PerfCommandTest {
    private static String[] run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void producesOnTheEmbeddedMockClusterAndSummarizes() {
        String[] r = run("perf", "-P", "-c", "20000", "-s", "64", "-X", "linger.ms=5");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("20000 messages produced (1280000 bytes), 20000 delivered, 0 failed"), r[1]);
        assertTrue(r[1].matches("(?s).*% \\d+ msgs/s, [\\d.]+ MB/s, [\\d.]+ us CPU/msg \\(process\\), "
                + "delivery latency p50 [\\d.]+ ms, p99 [\\d.]+ ms\\n.*"), r[1]);
    }

    @Test
    void copyingModeProducesToo() {
        String[] r = run("perf", "-P", "-D", "-c", "5000", "-X", "linger.ms=5", "-p", "1");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("5000 delivered, 0 failed"), r[1]);
    }

    @Test
    void badInputIsAUsageErrorSayingWhatWasWrong() {
        String[] r = run("perf", "-P", "-X", "linger.ms=soon");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("linger.ms"), r[2]);
        r = run("perf", "-P", "-X", "nonsense");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("-X expects key=value, got 'nonsense'"), r[2]);
        r = run("perf", "-C");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("consumer"), r[2]);
        r = run("perf", "-P", "-c", "0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("-c must be >= 1, got 0"), r[2]);
    }

    @Test
    void anUnknownPartitionFailsTheRunWithANonZeroStatus() {
        String[] r = run("perf", "-P", "-c", "10", "-p", "99", "-X", "linger.ms=5");
        assertTrue(!r[0].equals("0"), "exit status " + r[0] + "\n" + r[1] + r[2]);
    }
}
