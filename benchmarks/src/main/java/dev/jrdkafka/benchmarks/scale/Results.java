package dev.jrdkafka.benchmarks.scale;

import java.util.Locale;

/** Output: "% ..." lines for people, "RESULT key=value" lines for scripts/scale.sh. */
final class Results {
    private Results() {}

    static void note(String format, Object... args) {
        System.out.println("% " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static void result(String key, Object value) {
        System.out.println("RESULT " + key + "=" + (value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value));
        System.out.flush();
    }

    /** The per-client share of what grew between two readings. */
    static void perClient(String prefix, ProcessProbe before, ProcessProbe after, int clients) {
        result(prefix + ".threads", after.osThreads());
        result(prefix + ".java_threads", after.javaThreads());
        result(prefix + ".rss_mb", after.rssKb() / 1024.0);
        result(prefix + ".heap_mb", after.heapUsedBytes() / 1048576.0);
        if (after.nmtCommittedKb() >= 0) result(prefix + ".nmt_mb", after.nmtCommittedKb() / 1024.0);
        result(prefix + ".per_client.threads", (double) (after.osThreads() - before.osThreads()) / clients);
        result(prefix + ".per_client.rss_kb", (double) (after.rssKb() - before.rssKb()) / clients);
        result(prefix + ".per_client.heap_kb", (after.heapUsedBytes() - before.heapUsedBytes()) / 1024.0 / clients);
        if (after.nmtCommittedKb() >= 0 && before.nmtCommittedKb() >= 0) {
            result(prefix + ".per_client.nmt_kb", (double) (after.nmtCommittedKb() - before.nmtCommittedKb()) / clients);
        }
    }
}
