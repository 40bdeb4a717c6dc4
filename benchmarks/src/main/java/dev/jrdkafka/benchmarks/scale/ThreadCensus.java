package dev.jrdkafka.benchmarks.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The threads of this process as the kernel sees them ({@code /proc/self/task}): JVM threads
 * and librdkafka's own pthreads alike, grouped by name, with their CPU time. librdkafka names
 * its threads {@code rdk:main}, {@code rdk:broker<id>} (one per broker per client, plus an
 * internal one) and {@code rdk:bg}; the JVM gives a platform thread its Java name (15
 * characters at most).
 */
final class ThreadCensus {
    /** One group: how many threads, and their CPU time (user + system) in clock ticks. */
    record Group(int threads, long cpuTicks) {
        Group plus(Group o) {
            return new Group(threads + o.threads, cpuTicks + o.cpuTicks);
        }
    }

    /** Clock ticks per second of /proc's utime/stime (USER_HZ, 100 on Linux). */
    static final int TICKS_PER_SECOND = 100;

    private ThreadCensus() {}

    /** The group a thread of this name belongs to. */
    static String category(String comm) {
        if (comm.startsWith("rdk:broker")) return "rdk:broker*";
        if (comm.equals("rdk:main")) return "rdk:main";
        if (comm.startsWith("rdk:")) return "rdk:other";
        if (comm.startsWith("jrdkafka-poll")) return "jrdkafka-poller";
        if (comm.startsWith("jrdkafka")) return "jrdkafka-other";
        if (comm.startsWith("ForkJoinPool")) return "VT carriers";
        if (comm.startsWith("scale-")) return "benchmark";
        return "JVM+other";
    }

    /** Every thread of the process now, by {@link #category}. */
    static Map<String, Group> take() {
        return categories(byName());
    }

    /** {@link #byName} grouped by {@link #category}. */
    static Map<String, Group> categories(Map<String, Group> byName) {
        Map<String, Group> groups = new TreeMap<>();
        byName.forEach((name, g) -> groups.merge(category(name), g, Group::plus));
        return groups;
    }

    /** Every thread of the process now, by its name (numbers dropped: "GC Thread#3" counts as "GC Thread#"). */
    static Map<String, Group> byName() {
        Map<String, Group> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    long ticks = cpuTicks(Files.readString(task.resolve("stat")));
                    groups.merge(comm.replaceAll("[0-9]+", "").strip(), new Group(1, ticks), Group::plus);
                } catch (IOException exited) {
                    // the thread ended while we looked: it is not counted
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/task (Linux only)", e);
        }
        return groups;
    }

    /** utime + stime of a {@code /proc/.../stat} line (fields 14 and 15; the name may hold spaces). */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The {@code n} names whose threads spent the most CPU since {@code before}, as {@link #describe} writes them. */
    static String busiest(Map<String, Group> now, Map<String, Group> before, int n) {
        Map<String, Group> top = new TreeMap<>();
        now.entrySet().stream()
                .sorted((a, b) -> Long.compare(spent(b.getKey(), b.getValue(), before), spent(a.getKey(), a.getValue(), before)))
                .limit(n).forEach(e -> top.put(e.getKey(), e.getValue()));
        return describe(top, before);
    }

    private static long spent(String name, Group now, Map<String, Group> before) {
        return now.cpuTicks() - before.getOrDefault(name, new Group(0, 0)).cpuTicks();
    }

    /** "rdk:broker* 400 (CPU 1.23 s), rdk:main 100 (...)" for the groups, CPU as the difference from {@code before}. */
    static String describe(Map<String, Group> now, Map<String, Group> before) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Group> e : now.entrySet()) {
            long cpu = e.getValue().cpuTicks() - (before == null ? 0 : before.getOrDefault(e.getKey(), new Group(0, 0)).cpuTicks());
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(e.getKey()).append(' ').append(e.getValue().threads())
                    .append(String.format(" (CPU %.2f s)", (double) cpu / TICKS_PER_SECOND));
        }
        return sb.toString();
    }
}
