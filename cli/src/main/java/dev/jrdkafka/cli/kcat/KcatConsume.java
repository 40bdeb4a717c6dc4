package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.OffsetAndEpoch;
import dev.jrdkafka.consumer.RebalanceListener;
import dev.jrdkafka.consumer.RecordBatch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code -C} (assign: all partitions of the topic, or {@code -p}) and {@code -G group}
 * (subscribe), as kcat runs them: records printed with the -f format or the -J envelope
 * straight from the polled batch into {@link KcatOut}'s buffer (flushed when the consumer is
 * idle, per batch on a terminal, per record with -u); {@code -o} as kcat reads it (default
 * beginning); {@code -e} ends -C once every partition reached its end (a partition at its end
 * is done) and -G once every assigned partition is at its end; {@code -c} after that many
 * records; {@code e@ts} ends a partition at the first record at or after ts.
 */
final class KcatConsume {
    private static final int BATCH = 4096;

    private final KcatOptions o;
    private final KcatOut out;
    private final PrintStream err;
    private final KcatFormat format;
    private final byte[] jsonTrailer;
    private final boolean flushEachBatch;
    private final KcatErrors errors;
    private final Duration timeout;
    /** Partitions at their end (or past e@ts), with the offset they ended at. */
    private final Map<TopicPartition, Long> ended = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    /** -G with -o: partitions just assigned, to move to the -o offset once the assignment is in place. */
    private final List<TopicPartition> toSeek = new ArrayList<>();
    private long endTimestamp = -1; // e@ms
    private long printed;
    private boolean done;

    KcatConsume(KcatOptions o, KcatOut out, PrintStream err) {
        this.o = o;
        this.out = out;
        this.err = err;
        this.errors = new KcatErrors(o, err);
        this.timeout = Duration.ofSeconds(Math.max(1, o.metadataTimeoutSeconds));
        Unpack keyPack = o.keyPack == null ? null : Unpack.parse("key", o.keyPack);
        Unpack valuePack = o.valuePack == null ? null : Unpack.parse("value", o.valuePack);
        if (o.json) {
            // kcat: with -J the format is only what follows each object (the -D delimiter by default)
            this.format = null;
            this.jsonTrailer = o.format != null ? KcatFormat.parse(o.format, true, o.nullAsString).jsonTrailer()
                    : o.delimiter.getBytes(StandardCharsets.UTF_8);
        } else {
            this.format = o.format != null ? KcatFormat.parse(o.format, true, o.nullAsString, keyPack, valuePack)
                    : KcatFormat.defaults(o.keyDelimiter, o.delimiter, o.nullAsString, keyPack, valuePack);
            this.jsonTrailer = null;
        }
        this.flushEachBatch = Progress.isTerminal(1);
    }

    int run(KafkaConfig config) throws IOException {
        config.set("enable.partition.eof", "true"); // kcat always asks for it, and reports each end reached
        // librdkafka waits 1 s (fetch.queue.backoff.ms) whenever its fetch queue is full, which
        // halves the speed of reading a topic to the end through a pipe; -X overrides it.
        if (!o.config.containsKey("fetch.queue.backoff.ms")) config.set("fetch.queue.backoff.ms", "10");
        if (o.offset != null && o.offset.startsWith("e@")) endTimestamp = number(o.offset.substring(2));
        ConsumerOptions options = ConsumerOptions.defaults().withListener(errors)
                .withPartitionEofListener((c, tp, offset) -> atEnd(tp, offset))
                .withRebalanceListener(new RebalanceListener() {
                    @Override
                    public void onPartitionsAssigned(Consumer c, Collection<TopicPartition> partitions) {
                        assigned.addAll(partitions);
                        if (o.mode == 'G' && o.offset != null && !o.offset.equals("stored")) toSeek.addAll(partitions);
                        info(c, "assigned", partitions);
                    }

                    @Override
                    public void onPartitionsRevoked(Consumer c, Collection<TopicPartition> partitions) {
                        assigned.removeAll(partitions);
                        partitions.forEach(ended::remove);
                        info(c, "revoked", partitions);
                    }
                });
        if (o.mode == 'G') {
            config.groupId(o.group);
        } else {
            config.set("enable.auto.commit", "false");
        }
        Progress progress = Progress.forRun(o, err, "consumed", true);
        int status = 0;
        try (Consumer consumer = Consumer.create(config, options)) {
            if (o.mode == 'G') {
                consumer.subscribe(o.topics);
                if (o.verbosity >= 1) err.println("% Waiting for group rebalance");
            } else {
                assign(consumer);
            }
            KcatMessage.InBatch m = new KcatMessage.InBatch();
            while (!done && !Kcat.stopRequested()) {
                try (RecordBatch batch = consumer.pollBatch(BATCH, Duration.ofMillis(100))) {
                    if (errors.stop()) {
                        status = 1;
                        break;
                    }
                    Set<TopicPartition> skip = seekAssigned(consumer);
                    if (batch.isEmpty()) {
                        out.flush(); // idle: what was printed reaches the pipe
                        continue;
                    }
                    for (int i = 0; i < batch.size() && !done; i++) {
                        m.at(batch, i);
                        if (!ended.isEmpty() || !skip.isEmpty()) {
                            TopicPartition tp = new TopicPartition(batch.topic(i), batch.partition(i));
                            if (skip.contains(tp)) continue; // fetched from the committed offset, before the -o seek
                            Long end = ended.get(tp);
                            if (end != null) {
                                if (o.mode == 'C' && batch.offset(i) >= end) continue; // -C: a partition at its end is stopped
                                if (o.mode == 'G' && batch.offset(i) >= end) ended.remove(tp); // -G: new records, not at the end
                            }
                        }
                        if (endTimestamp >= 0 && batch.timestamp(i) >= endTimestamp) {
                            TopicPartition tp = new TopicPartition(batch.topic(i), batch.partition(i));
                            if (!ended.containsKey(tp)) {
                                ended.put(tp, batch.offset(i));
                                checkDone();
                                if (o.verbosity >= 1) {
                                    err.printf("%% Reached stop timestamp for topic %s [%d] at offset %d%s%n", tp.topic(), tp.partition(),
                                            batch.offset(i), done ? ": exiting" : "");
                                }
                            }
                            continue;
                        }
                        if (!print(m) && !o.continueOnError) {
                            status = 1;
                            done = true;
                            break;
                        }
                        if (o.unbuffered) out.flush();
                        if (++printed == o.count) done = true;
                    }
                    if (flushEachBatch) out.flush();
                    progress.tick(printed, out.total());
                } catch (KafkaException e) {
                    err.println("% ERROR: " + e.getMessage());
                    status = 1;
                    break;
                }
            }
            out.flush();
        } finally {
            progress.done();
        }
        if (o.verbosity >= 2) err.printf("%% %d messages consumed%n", printed);
        return status;
    }

    /** Prints one message; false if it could not be formatted (kcat's error, already reported). */
    private boolean print(KcatMessage m) throws IOException {
        if (format == null) {
            KcatJson.message(m, out);
            out.write(jsonTrailer);
            return true;
        }
        String failed = format.write(m, out);
        if (failed == null) return true;
        err.println("% ERROR: " + failed + (o.continueOnError ? "" : ": terminating"));
        return false;
    }

    private void atEnd(TopicPartition tp, long offset) {
        if (o.exitAtEnd && assigned.contains(tp) && !ended.containsKey(tp)) {
            ended.put(tp, offset);
            checkDone();
        }
        if (o.verbosity >= 1) {
            err.printf("%% Reached end of topic %s [%d] at offset %d%s%n", tp.topic(), tp.partition(), offset, done ? ": exiting" : "");
        }
    }

    /** -C: every partition stopped (-e or e@); -G with -e: every assigned partition at its end. */
    private void checkDone() {
        if (assigned.isEmpty()) return;
        boolean stops = o.mode == 'C' ? o.exitAtEnd || endTimestamp >= 0 : o.exitAtEnd;
        if (stops && ended.keySet().containsAll(assigned)) done = true;
    }

    private void info(Consumer c, String what, Collection<TopicPartition> partitions) {
        if (o.mode != 'G' || o.verbosity < 1) return;
        String member;
        try {
            member = c.groupMetadata().memberId();
        } catch (RuntimeException e) {
            member = "";
        }
        err.printf("%% Group %s rebalanced (memberid %s): %s: %s%n", o.group, member, what,
                partitions.stream().map(tp -> tp.topic() + " [" + tp.partition() + "]").collect(Collectors.joining(", ")));
    }

    /**
     * -G with -o: kcat starts each assigned partition at the -o offset, not the committed one;
     * the assignment is in place once poll returns, so the seek happens here. Returns the
     * partitions whose records in this batch predate the seek.
     */
    private Set<TopicPartition> seekAssigned(Consumer consumer) {
        if (toSeek.isEmpty()) return Set.of();
        Map<TopicPartition, Long> seek = new LinkedHashMap<>();
        long start = startOffset(o.offset);
        for (TopicPartition tp : toSeek) if (assigned.contains(tp)) seek.put(tp, start);
        toSeek.clear();
        if (!seek.isEmpty()) consumer.seek(seek, timeout);
        return seek.keySet();
    }

    private void assign(Consumer consumer) {
        String topic = o.topics.getFirst();
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, timeout);
        } catch (KafkaException e) {
            throw new KafkaException(e.code(), "Failed to query metadata for topic " + topic + ": " + e.getMessage());
        }
        if (partitions.isEmpty()) throw new KcatOptions.UsageException("Topic " + topic + " has no partitions");
        String spec = o.offset == null ? "beginning" : o.offset; // kcat -C: from the beginning unless -o
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        Map<TopicPartition, Long> byTime = new LinkedHashMap<>();
        for (PartitionInfo p : partitions) {
            if (o.partition >= 0 && p.partition() != o.partition) continue;
            TopicPartition tp = new TopicPartition(topic, p.partition());
            if (spec.startsWith("s@")) byTime.put(tp, number(spec.substring(2)));
            else start.put(tp, startOffset(spec));
        }
        if (o.partition >= 0 && start.isEmpty() && byTime.isEmpty()) {
            throw new KcatOptions.UsageException("Topic " + topic + " (with partitions 0.." + (partitions.size() - 1) + "): partition "
                    + o.partition + " does not exist");
        }
        if (!byTime.isEmpty()) {
            for (Map.Entry<TopicPartition, OffsetAndEpoch> e : consumer.offsetsForTimes(byTime, timeout).entrySet()) {
                start.put(e.getKey(), e.getValue().offset() < 0 ? Consumer.OFFSET_END : e.getValue().offset());
            }
        }
        assigned.addAll(start.keySet());
        consumer.assign(start);
    }

    private static long startOffset(String spec) {
        if (spec.startsWith("e@")) return Consumer.OFFSET_BEGINNING;
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

    private static long number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new KcatOptions.UsageException("-o: expected beginning, end, stored, an offset, -N, s@ms or e@ms; got '" + s + "'");
        }
    }
}
