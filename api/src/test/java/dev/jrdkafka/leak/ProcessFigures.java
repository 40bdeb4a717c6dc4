package dev.jrdkafka.leak;

import dev.jrdkafka.internal.client.LiveClients;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.client.ClientArenas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a leak shows up in, read from this process: librdkafka's threads, Java threads, open
 * file descriptors, resident memory, and the library's own counts of live clients and client
 * arenas (which hold the upcall stubs).
 */
record ProcessFigures(int rdThreads, int javaThreads, int fds, long rssKb, int liveClients, int clientArenas) {

    static ProcessFigures now() {
        return new ProcessFigures(Rd.threadCount(), Thread.getAllStackTraces().size(),
                openFds(), readRssKb(), LiveClients.count(), ClientArenas.open());
    }

    /** Entries of /proc/self/fd (the listing's own descriptor included, the same each time). */
    static int openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What each open descriptor points at ("socket:[123]", a file name...), with repeats numbered. */
    static java.util.Set<String> fdTargets() {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        java.util.Set<String> out = new java.util.TreeSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException gone) {
                    continue; // the listing's own descriptor, closed by now
                }
                target = target.replaceAll("\\[\\d+\\]", "[]"); // inode numbers differ; kinds matter
                out.add(target + "#" + seen.merge(target, 1, Integer::sum));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Descriptors open now beyond those in {@code before} (by kind and count). */
    static java.util.List<String> newFds(java.util.Set<String> before) {
        return fdTargets().stream().filter(t -> !before.contains(t)).toList();
    }

    /** VmRSS from /proc/self/status, in KiB. */
    static long readRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** One line, "key=value ..." — the format {@link LeakCyclesTest} parses. */
    String line(String label) {
        return label + " rdThreads=" + rdThreads + " javaThreads=" + javaThreads + " fds=" + fds + " rssKb=" + rssKb
                + " liveClients=" + liveClients + " clientArenas=" + clientArenas;
    }
}
