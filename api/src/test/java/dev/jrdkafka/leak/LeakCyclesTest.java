package dev.jrdkafka.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 1,000 create/close cycles of each client kind ({@link LeakCycles}), each kind in a fresh JVM
 * so nothing another test left behind counts: afterwards librdkafka's threads, Java threads,
 * file descriptors, live clients and client arenas (upcall stubs) are back to their baseline
 * after warm-up, librdkafka's threads reach 0 once the mock cluster is closed too, and
 * resident memory stays flat.
 *
 * <p>Descriptors: the mock brokers close their side of a closed client's connection lazily
 * (up to 2 sockets were still open 10 s after the cycles, and gone once the cluster closed),
 * so {@link #MOCK_SOCKET_LAG} extra descriptors are allowed after the cycles; once the cluster
 * is closed too, no socket, pipe or other kernel object may remain beyond those open at the
 * start (class loading opens jar files, OpenSSL keeps /dev/urandom open: those stay).
 *
 * <p>The RSS bound: the child JVM's heap is fixed and pre-touched, only C1 compiles (C2
 * added steps of up to 12 MiB), glibc keeps at most two malloc arenas, and the baseline is
 * taken after {@value LeakCycles#WARMUP} warm-up cycles. RSS then still grew in steps of
 * up to 10 MiB that stayed flat afterwards (malloc and code-cache growth, not proportional to
 * the cycles): at most about 14 MiB over 1,000 cycles. {@link #TOTAL_GROWTH_BOUND_KB} (32 KiB
 * per cycle) is above that noise and below any leak of a client's librdkafka state (hundreds
 * of KiB per client); smaller leaks are the counters' job (threads, descriptors, live clients,
 * arenas). Under AddressSanitizer (-Pasan) RSS is not checked: its quarantine keeps freed
 * memory on purpose. Cycles: {@code -Djrdkafka.leak.cycles=N} (default 1000). Figures go
 * to {@code target/leak-figures/<kind>.txt}.
 */
class LeakCyclesTest {
    static final long TOTAL_GROWTH_BOUND_KB = 32 * 1024;
    static final int MOCK_SOCKET_LAG = 4;
    static final boolean ASAN = System.getenv().getOrDefault("LD_PRELOAD", "").contains("libasan");
    static final int CYCLES = Integer.getInteger("jrdkafka.leak.cycles", 1000);
    static final long TIMEOUT_S = 180;

    @ParameterizedTest
    @ValueSource(strings = {"producer", "consumer", "admin", "mock"})
    void createCloseCyclesLeaveNothingBehind(String kind) throws Exception {
        List<String> lines = fork(kind);
        Map<String, Map<String, Long>> f = parse(lines);
        Map<String, Long> start = f.get("start"), base = f.get("baseline"), after = f.get("after"), end = f.get("end");
        String all = kind + ":\n" + String.join("\n", lines);
        assertEquals(0L, start.get("rdThreads"), all);
        assertEquals(base.get("rdThreads"), after.get("rdThreads"), "librdkafka threads back to baseline: " + all);
        assertEquals(0L, end.get("rdThreads"), "no librdkafka thread once everything is closed: " + all);
        assertTrue(after.get("javaThreads") <= base.get("javaThreads"), "Java threads back to baseline: " + all);
        assertTrue(after.get("fds") <= base.get("fds") + MOCK_SOCKET_LAG, "file descriptors back to baseline: " + all);
        String leftAtEnd = lines.stream().filter(l -> l.startsWith("fdsNotAtStart ")).findFirst().orElseThrow();
        assertTrue(leftAtEnd.matches("fdsNotAtStart \\[(/[^,\\]]*(, )?)*\\]"),
                "only files (jars, /dev/urandom) may stay open once everything is closed, no socket or pipe: " + all);
        assertEquals(0L, after.get("liveClients"), all);
        assertEquals(0L, after.get("clientArenas"), "every client's arena (its upcall stubs) released: " + all);
        if (ASAN) return;
        long growth = after.get("rssKb") - base.get("rssKb");
        assertTrue(growth < TOTAL_GROWTH_BOUND_KB * Math.max(1000, CYCLES) / 1000, "RSS grew " + growth + " KiB over " + CYCLES
                + " cycles: " + all);
    }

    private static List<String> fork(String kind) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Xms96m", "-Xmx96m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), LeakCycles.class.getName(), kind, String.valueOf(CYCLES)));
        Path out = Files.createDirectories(Path.of("target", "leak-figures")).resolve(kind + ".txt");
        // The environment is inherited: an ASan run's LD_PRELOAD and JRDKAFKA_LIBRARY_PATH apply here too.
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean exited = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        if (!exited) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        System.out.println(kind + ":\n" + String.join("\n", lines));
        assertTrue(exited, kind + " cycles did not finish within " + TIMEOUT_S + " s: " + lines);
        assertEquals(0, p.exitValue(), kind + " cycles failed: " + String.join("\n", lines));
        return lines;
    }

    /** "label k=v k=v" lines by label. */
    private static Map<String, Map<String, Long>> parse(List<String> lines) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (String line : lines) {
            String[] words = line.split(" ");
            if (words.length < 2 || !words[1].contains("=")) continue;
            Map<String, Long> kv = new HashMap<>();
            for (int i = 1; i < words.length; i++) {
                String[] pair = words[i].split("=", 2);
                if (pair.length == 2 && pair[1].matches("-?\\d+")) kv.put(pair[0], Long.parseLong(pair[1]));
            }
            out.put(words[0], kv);
        }
        for (String label : List.of("start", "baseline", "after", "end")) {
            assertTrue(out.containsKey(label), "no '" + label + "' line in " + lines);
        }
        return out;
    }
}
