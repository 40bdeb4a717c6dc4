package dev.jrdkafka.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.config.KafkaConfig;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Producing memory whose arena is already closed used to crash the JVM (SIGSEGV in libc's
 * memcpy: librdkafka copied freed memory). Expected now: an {@link IllegalStateException}
 * saying the arena is closed, thrown before any native call, for a segment (copying and
 * borrowing paths), for a direct {@link ByteBuffer} made from a segment ({@code asByteBuffer}),
 * and for such a buffer next to a heap buffer (the staging path).
 *
 * <p>Each case runs in a forked JVM: without the check it crashes, and a crash must fail
 * this test, not take the test JVM down. The memory is a file mapped into the arena, so closing
 * the arena unmaps it and reading it faults every time (freed malloc memory often stays
 * mapped, or is handed straight back to librdkafka's own copy: the bug would go unseen). It
 * is 64 KiB, below malloc's mmap threshold, so librdkafka's copy cannot land on the unmapped
 * range either. Without the check the copying cases die with SIGSEGV and the borrowing case
 * is accepted; either fails the test.
 */
class ProduceClosedMemoryTest {
    static final int SIZE = 64 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"segment", "borrowed", "directBuffer", "heapKeyDirectValue"})
    void closedArenaIsRefusedNotCrashed(String kind) throws Exception {
        Path out = Files.createTempFile("jrdkafka-closed-", ".out");
        Path dir = Files.createTempDirectory("jrdkafka-closed-");
        try {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:ErrorFile=" + dir.resolve("hs_err.log"),
                    "-XX:-CreateCoredumpOnCrash", "-cp", System.getProperty("java.class.path"),
                    Fork.class.getName(), kind));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(kind + ": the forked JVM did not finish in 60 s");
            }
            String output = Files.readString(out);
            assertEquals(0, p.exitValue(), kind + ": the forked JVM failed or crashed:\n" + output);
            assertTrue(output.contains("REFUSED: java.lang.IllegalStateException: the "), kind + ":\n" + output);
            assertTrue(output.contains("arena that is already closed"), kind + ":\n" + output);
        } finally {
            Files.deleteIfExists(out);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The forked JVM: produces one record from freed memory; exits 0 if refused with IllegalStateException. */
    public static final class Fork {
        public static void main(String[] args) throws IOException {
            String kind = args[0];
            // No broker: produce only queues the record, but librdkafka copies the value in the call.
            try (Producer p = Producer.create(KafkaConfig.create().bootstrapServers("127.0.0.1:1").set("log_level", 0L))) {
                Path file = Files.createTempFile("jrdkafka-closed-", ".bin");
                Arena arena = Arena.ofShared();
                MemorySegment value;
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    value = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena);
                }
                Files.delete(file);
                value.fill((byte) 'x');
                ByteBuffer buffer = value.asByteBuffer();
                arena.close();
                try {
                    switch (kind) {
                        case "segment" -> p.produce("t", 0, null, value, 0);
                        case "borrowed" -> p.produceBorrowed("t", 0, null, value, 0);
                        case "directBuffer" -> p.produce("t", 0, null, buffer, 0);
                        case "heapKeyDirectValue" -> p.produce("t", 0,
                                ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)), buffer, 0);
                        default -> throw new IllegalArgumentException(kind);
                    }
                    System.out.println("ACCEPTED (expected a refusal)");
                    System.exit(3);
                } catch (IllegalStateException e) {
                    System.out.println("REFUSED: " + e);
                }
                p.close(java.time.Duration.ZERO);
            }
            System.exit(0);
        }
    }
}
