package dev.jrdkafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionCommandTest {
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
    void printsVersionFeaturesLibraryAndMockBrokers() {
        String[] r = run("version", "--brokers", "2");
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.contains("librdkafka        2.14.2 (0x020e02ff)"), out);
        assertTrue(out.matches("(?s).*builtin features  \\S*zstd.*"), out);
        assertTrue(out.contains("(bundled)"), out);
        assertTrue(out.matches("(?s).*mock cluster      2 brokers at 127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+\\n.*"), out);
    }

    @Test
    void badOptionValueIsAUsageErrorNotACrash() {
        String[] r = run("version", "--brokers", "many");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--brokers"), r[2]);
    }

    @Test
    void noCommandSaysWhatToType() {
        String[] r = run();
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("jrdkafka version"), r[2]);
    }
}
