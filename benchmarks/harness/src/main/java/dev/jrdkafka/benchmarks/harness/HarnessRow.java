package dev.jrdkafka.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One raw row of {@code run.sh}'s {@code harness-*.tsv}: one run of one tool on one
 * configuration. Columns: cluster, tool (C, J, K), size, linger.ms, codec, acks, count,
 * msgs/s, MB/s, whole-process CPU µs/msg, latency p50, p99 (ms), jrdkafka's in-JVM CPU
 * µs/msg, jrdkafka's heap B/msg, mode (produce, consume). Older files lack the last columns;
 * absent figures are NaN, an absent mode is produce (the only one then).
 */
record HarnessRow(Configuration configuration, String tool, long count, double msgsPerSecond, double cpuMicrosPerMessage,
                  double heapBytesPerMessage) {

    static List<HarnessRow> read(Path tsv) throws IOException {
        return Files.readAllLines(tsv).stream().filter(line -> !line.isBlank()).map(HarnessRow::parse).toList();
    }

    static HarnessRow parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length < 10) throw new IllegalArgumentException("not a harness row (fewer than 10 columns): " + line);
        return new HarnessRow(new Configuration(f.length > 14 && !f[14].isBlank() ? f[14] : "produce", f[0],
                Integer.parseInt(f[2]), f[3], f[4], f[5]), f[1], Long.parseLong(f[6]),
                number(f, 7), number(f, 9), number(f, 13));
    }

    private static double number(String[] f, int i) {
        return i < f.length && !f[i].isBlank() ? Double.parseDouble(f[i]) : Double.NaN;
    }

    /**
     * What a row measured, apart from the tool: mode, cluster and producer settings (for
     * consume: those of the producer that filled the topic).
     */
    record Configuration(String mode, String cluster, int size, String linger, String codec, String acks) {
        String sizeLabel() {
            return size % 1024 == 0 ? size / 1024 + " KiB" : size + " B";
        }
    }
}
