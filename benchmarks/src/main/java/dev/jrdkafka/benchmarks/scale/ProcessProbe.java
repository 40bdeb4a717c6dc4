package dev.jrdkafka.benchmarks.scale;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * What this process holds now: OS threads and resident memory ({@code /proc/self/status}:
 * JVM and librdkafka alike), process CPU time, Java heap in use, and the JVM's Native Memory
 * Tracking total less the Java heap (JVM-side native memory only: librdkafka's {@code malloc}s
 * and its threads' stacks are not in it; -1 without {@code -XX:NativeMemoryTracking=summary}).
 */
record ProcessProbe(int osThreads, int javaThreads, long rssKb, long cpuNanos, long heapUsedBytes, long nmtCommittedKb) {
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB");

    /** A reading; with {@code gcFirst}, after a full GC so the heap figure is live data (the GC costs CPU: not inside a CPU window). */
    static ProcessProbe take(boolean gcFirst) {
        if (gcFirst) {
            System.gc();
            sleep(200);
        }
        String status = read("/proc/self/status");
        return new ProcessProbe((int) statusKb(status, "Threads"), ManagementFactory.getThreadMXBean().getThreadCount(),
                statusKb(status, "VmRSS"), processCpuNanos(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                readNmtCommittedKb());
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Peak resident memory of the process so far (VmHWM), KB. */
    static long peakRssKb() {
        return statusKb(read("/proc/self/status"), "VmHWM");
    }

    static int osThreadsNow() {
        return (int) statusKb(read("/proc/self/status"), "Threads");
    }

    private static long statusKb(String status, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s+(\\d+)").matcher(status);
        if (!m.find()) throw new IllegalStateException("no " + key + " in /proc/self/status");
        return Long.parseLong(m.group(1));
    }

    private static long readNmtCommittedKb() {
        try {
            String nmt = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            // Without the Java heap: its committed size follows the GC's sizing, not the clients.
            Matcher total = NMT_TOTAL.matcher(nmt);
            Matcher heap = NMT_HEAP.matcher(nmt);
            return total.find() && heap.find() ? Long.parseLong(total.group(2)) - Long.parseLong(heap.group(2)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + " (Linux only)", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
