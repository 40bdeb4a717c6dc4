package dev.jrdkafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionCommandTest {
    @Test
    void printsVersionFeaturesLibraryAndMockBrokers() {
        CliRun r = CliRun.of("version", "--brokers", "2");
        assertEquals("0", String.valueOf(r.exitCode()), r.err());
        String out = r.out();
        assertTrue(out.contains("librdkafka        2.15.0 (0x020f00ff)"), out);
        assertTrue(out.matches("(?s).*builtin features  \\S*zstd.*"), out);
        assertTrue(out.contains("(bundled)"), out);
        assertTrue(out.matches("(?s).*mock cluster      2 brokers at 127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+\\n.*"), out);
    }

    @Test
    void badOptionValueIsAUsageErrorNotACrash() {
        CliRun r = CliRun.of("version", "--brokers", "many");
        assertEquals("2", String.valueOf(r.exitCode()));
        assertTrue(r.err().contains("--brokers"), r.err());
    }

    @Test
    void noCommandSaysWhatToType() {
        CliRun r = CliRun.of();
        assertEquals("2", String.valueOf(r.exitCode()));
        assertTrue(r.err().contains("jrdkafka version"), r.err());
    }
}
