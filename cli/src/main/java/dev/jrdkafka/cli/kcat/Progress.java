package dev.jrdkafka.cli.kcat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The progress line of a long run on a terminal: messages, bytes and rate, rewritten in
 * place on stderr at most twice a second, starting after a second; erased at the end so
 * that stderr keeps only kcat's own lines. Off ({@link #OFF}) with -q, when stderr is not a
 * terminal, or when stdout is the same terminal and carries the output (records, -T).
 */
class Progress {
    static final Progress OFF = new Progress(null, "");

    private static final long START_NS = 1_000_000_000L;
    private static final long EVERY_NS = 500_000_000L;

    private final PrintStream err;
    private final String verb;
    private final long started = System.nanoTime();
    private long next = started + START_NS;
    private boolean shown;

    private Progress(PrintStream err, String verb) {
        this.err = err;
        this.verb = verb;
    }

    /**
     * A progress line for {@code verb} ("produced", "consumed"), or {@link #OFF}.
     *
     * @param printsToStdout whether the run writes its output to stdout
     */
    static Progress forRun(KcatOptions o, PrintStream err, String verb, boolean printsToStdout) {
        if (o.quiet() || !isTerminal(2)) return OFF;
        if (printsToStdout && isTerminal(1)) return OFF;
        return new Progress(err, verb);
    }

    /** Whether file descriptor {@code fd} is a terminal (Linux: /proc; elsewhere: the JVM's console). */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            java.io.Console c = System.console();
            return c != null && c.isTerminal();
        }
    }

    /** Cheap to call often: only reads the clock, and prints when the line is due. */
    final void tick(long messages, long bytes) {
        if (err == null) return;
        long now = System.nanoTime();
        if (now < next) return;
        next = now + EVERY_NS;
        double seconds = (now - started) / 1e9;
        err.printf(java.util.Locale.ROOT, "\r%% %,d messages %s, %s, %,.0f msg/s, %s/s   ", messages, verb, size(bytes), messages / seconds,
                size((long) (bytes / seconds)));
        err.flush();
        shown = true;
    }

    /** Erases the line, if it was shown. */
    final void done() {
        if (err != null && shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
