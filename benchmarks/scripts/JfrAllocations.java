import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Sums the allocation events of a JFR recording: bytes per second, per thread, and per
 * allocating stack, so that a few bytes per operation can be traced to their source.
 * {@code jfr print} of such a recording is gigabytes of text; this reads it directly.
 *
 * <pre>
 * java benchmarks/scripts/JfrAllocations.java REC.jfr [--event NAME] [--from ISO] [--to ISO]
 *      [--thread SUBSTRING] [--depth N | --app] [--top N]
 * </pre>
 *
 * <ul>
 *   <li>{@code --event}: jdk.ObjectAllocationOutsideTLAB (default; with {@code -XX:-UseTLAB} it
 *       records every allocation) or jdk.ObjectAllocationSample (sampled, weighted).</li>
 *   <li>{@code --from/--to}: only events in this window (e.g. 2026-11-25T01:23:56Z), to leave
 *       out JVM start-up and JMH warmup; the per-second table shows where the steady state is.</li>
 *   <li>{@code --depth N}: stack frames per group (default 8); {@code --app}: group by the first
 *       dev.jrdkafka frame instead.</li>
 * </ul>
 */
public class JfrAllocations {
    public static void main(String[] args) throws Exception {
        Path file = null;
        String event = "jdk.ObjectAllocationOutsideTLAB";
        String thread = "";
        Instant from = Instant.MIN;
        Instant to = Instant.MAX;
        int depth = 8;
        boolean app = false;
        int top = 25;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--event" -> event = args[++i];
                case "--thread" -> thread = args[++i];
                case "--from" -> from = Instant.parse(args[++i]);
                case "--to" -> to = Instant.parse(args[++i]);
                case "--depth" -> depth = Integer.parseInt(args[++i]);
                case "--app" -> app = true;
                case "--top" -> top = Integer.parseInt(args[++i]);
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null) throw new IllegalArgumentException("no recording given");

        Map<Long, long[]> perSecond = new TreeMap<>();
        Map<String, long[]> perThread = new TreeMap<>();
        Map<String, long[]> perStack = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals(event)) continue;
            long bytes = e.hasField("weight") ? e.getLong("weight") : e.getLong("allocationSize");
            Instant t = e.getStartTime();
            add(perSecond.computeIfAbsent(t.getEpochSecond(), k -> new long[2]), bytes);
            String threadName = e.getThread() == null ? "?" : e.getThread().getJavaName();
            if (t.isBefore(from) || t.isAfter(to) || !threadName.contains(thread)) continue;
            add(perThread.computeIfAbsent(threadName, k -> new long[2]), bytes);
            StringBuilder key = new StringBuilder().append('[').append(threadName).append("] ")
                    .append(e.getClass("objectClass").getName()).append('\n');
            RecordedStackTrace stack = e.getStackTrace();
            if (stack != null) {
                int n = 0;
                for (RecordedFrame f : stack.getFrames()) {
                    String type = f.getMethod().getType().getName();
                    if (app && !(type.startsWith("dev.jrdkafka.") && !type.contains(".jmh_generated."))) continue;
                    key.append("      at ").append(type).append('.').append(f.getMethod().getName()).append(':')
                            .append(f.getLineNumber()).append(app ? "" : " (" + f.getType() + ")").append('\n');
                    if (app || ++n >= depth) break;
                }
            }
            add(perStack.computeIfAbsent(key.toString(), k -> new long[2]), bytes);
        }
        System.out.println("== " + event + " per second, all threads: objects, bytes");
        perSecond.forEach((s, v) -> System.out.println(Instant.ofEpochSecond(s) + "  " + v[0] + "  " + v[1]));
        System.out.println("== per thread in the window: objects, bytes");
        perThread.forEach((name, v) -> System.out.println(v[0] + "  " + v[1] + "  " + name));
        System.out.println("== top " + top + " stacks in the window");
        perStack.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(top)
                .forEach(en -> System.out.print(en.getValue()[0] + " objects, " + en.getValue()[1] + " B: " + en.getKey()));
    }

    private static void add(long[] counts, long bytes) {
        counts[0]++;
        counts[1] += bytes;
    }
}
