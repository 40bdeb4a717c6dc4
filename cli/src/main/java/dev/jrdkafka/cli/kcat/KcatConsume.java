package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.OffsetAndEpoch;
import dev.jrdkafka.consumer.RecordBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code -C} (assign: all partitions of the topic, or {@code -p}) and {@code -G group}
 * (subscribe): records printed with kcat's format through a buffered stream, flushed when
 * the consumer is idle; {@code -e} exits once every partition reached its end, {@code -c}
 * after that many records, {@code -o} as kcat reads it (beginning, end, stored, N, -N from
 * the end, s@ms from a timestamp, e@ms up to a timestamp).
 */
final class KcatConsume {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KcatOptions o;
    private final OutputStream out;
    private final PrintStream err;
    private final KcatFormat format;
    private final Set<TopicPartition> atEnd = new HashSet<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private long endTimestamp = -1; // e@ms
    private long printed;

    KcatConsume(KcatOptions o, OutputStream out, PrintStream err) {
        this.o = o;
        this.out = out;
        this.err = err;
        if (o.json) throw new KcatOptions.UsageException("-J is not supported by jrdkafka's kcat mode yet; use -f");
        this.format = o.format != null ? KcatFormat.parse(o.format, true, o.nullAsString)
                : KcatFormat.defaults(o.keyDelimiter, o.delimiter, o.nullAsString);
    }

    int run(KafkaConfig config) throws IOException {
        if (o.exitAtEnd) config.set("enable.partition.eof", "true");
        // librdkafka waits 1 s (fetch.queue.backoff.ms) whenever its fetch queue is full, which
        // halves the speed of reading a topic to the end through a pipe; -X overrides it.
        if (!o.config.containsKey("fetch.queue.backoff.ms")) config.set("fetch.queue.backoff.ms", "10");
        AtomicBoolean failed = new AtomicBoolean();
        ConsumerOptions options = ConsumerOptions.defaults().withPartitionEofListener((c, tp, offset) -> atEnd.add(tp))
                .withRebalanceListener(new dev.jrdkafka.consumer.RebalanceListener() {
                    @Override
                    public void onPartitionsAssigned(Consumer c, java.util.Collection<TopicPartition> partitions) {
                        assigned.addAll(partitions);
                    }
                });
        if (o.mode == 'G') {
            config.groupId(o.group);
            if (o.offset != null) config.set("auto.offset.reset", resetFor(o.offset));
        } else {
            config.set("enable.auto.commit", "false");
        }
        try (Consumer consumer = Consumer.create(config, options)) {
            if (o.mode == 'G') consumer.subscribe(o.topics);
            else assign(consumer);
            reading:
            while (true) {
                try (RecordBatch batch = consumer.pollBatch(1000, Duration.ofMillis(100))) {
                    if (batch.isEmpty()) {
                        out.flush(); // idle: what was printed reaches the pipe
                        if (o.exitAtEnd && !assigned.isEmpty() && atEnd.containsAll(assigned)) break;
                        continue;
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        ConsumerRecord r = batch.toRecord(i);
                        atEnd.remove(r.topicPartition());
                        if (endTimestamp >= 0 && r.timestamp() >= endTimestamp) {
                            atEnd.add(r.topicPartition()); // e@ms: this partition is done
                            if (!assigned.isEmpty() && atEnd.containsAll(assigned)) break reading;
                            continue;
                        }
                        format.write(r, out);
                        if (o.unbuffered) out.flush();
                        if (o.count >= 0 && ++printed >= o.count) break reading;
                    }
                } catch (KafkaException e) {
                    err.println("% ERROR: " + e.getMessage());
                    if (o.exitOnError) {
                        failed.set(true);
                        break;
                    }
                }
            }
            out.flush();
        }
        if (!o.quiet && o.verbosity > 1) err.printf("%% %d messages consumed%n", printed);
        return failed.get() ? 1 : 0;
    }

    private void assign(Consumer consumer) {
        String topic = o.topics.getFirst();
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        String spec = o.offset == null ? "end" : o.offset;
        Map<TopicPartition, Long> byTime = new LinkedHashMap<>();
        for (PartitionInfo p : partitions) {
            if (o.partition >= 0 && p.partition() != o.partition) continue;
            TopicPartition tp = new TopicPartition(topic, p.partition());
            if (spec.startsWith("s@")) byTime.put(tp, number(spec.substring(2)));
            else start.put(tp, startOffset(spec));
        }
        if (o.partition >= 0 && start.isEmpty() && byTime.isEmpty()) {
            throw new KcatOptions.UsageException("topic " + topic + " has no partition " + o.partition);
        }
        if (!byTime.isEmpty()) {
            for (Map.Entry<TopicPartition, OffsetAndEpoch> e : consumer.offsetsForTimes(byTime, TIMEOUT).entrySet()) {
                start.put(e.getKey(), e.getValue().offset() < 0 ? Consumer.OFFSET_END : e.getValue().offset());
            }
        }
        assigned.addAll(start.keySet());
        consumer.assign(start);
    }

    private long startOffset(String spec) {
        if (spec.startsWith("e@")) {
            endTimestamp = number(spec.substring(2));
            return Consumer.OFFSET_BEGINNING;
        }
        return switch (spec) {
            case "beginning" -> Consumer.OFFSET_BEGINNING;
            case "end" -> Consumer.OFFSET_END;
            case "stored" -> Consumer.OFFSET_STORED;
            default -> {
                long n = number(spec);
                yield n >= 0 ? n : Consumer.offsetTail(-n);
            }
        };
    }

    private static String resetFor(String spec) {
        return switch (spec) {
            case "beginning" -> "earliest";
            case "end" -> "latest";
            default -> throw new KcatOptions.UsageException("-G takes -o beginning or -o end (the group's committed offsets come first), got " + spec);
        };
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new KcatOptions.UsageException("-o: expected beginning, end, stored, an offset, -N, s@ms or e@ms; got '" + s + "'");
        }
    }
}
