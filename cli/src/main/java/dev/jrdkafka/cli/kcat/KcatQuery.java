package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.OffsetAndEpoch;
import dev.jrdkafka.consumer.PartitionErrorsException;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code -Q -t topic:partition:timestamp} (repeatable): per partition, the offset of the
 * first message at or after the timestamp (ms since the epoch; -1 when there is none), as
 * kcat prints it: {@code topic [partition] offset N} lines sorted by topic and partition, or
 * with -J one JSON object {@code {"topic":{"topic":"topic","0":{"partition":0,"offset":N}}}}
 * (no newline after it, as in kcat).
 */
final class KcatQuery {
    private KcatQuery() {}

    /** Parses kcat's "topic:partition:timestamp" (split at the first two colons, as kcat does) into {@code into}. */
    static TopicPartition partition(String spec, Map<TopicPartition, Long> into) {
        int a = spec.indexOf(':');
        int b = a < 0 ? -1 : spec.indexOf(':', a + 1);
        String usage = "-t: expected \"topic:partition:offset_or_timestamp\", got '" + spec + "'";
        if (a < 0 || b < 0) throw new KcatOptions.UsageException(usage);
        try {
            TopicPartition tp = new TopicPartition(spec.substring(0, a), Integer.decode(spec.substring(a + 1, b).trim()));
            into.put(tp, Long.decode(spec.substring(b + 1).trim()));
            return tp;
        } catch (NumberFormatException e) {
            throw new KcatOptions.UsageException(usage);
        }
    }

    static int run(KcatOptions o, KafkaConfig config, KcatOut out, java.io.PrintStream err) throws IOException {
        Map<TopicPartition, Long> query = new LinkedHashMap<>();
        for (String spec : o.topics) partition(spec, query);
        Map<TopicPartition, OffsetAndEpoch> found = new LinkedHashMap<>();
        Map<TopicPartition, KafkaError> failed = new LinkedHashMap<>();
        Duration timeout = Duration.ofSeconds(Math.max(1, o.metadataTimeoutSeconds));
        try (Consumer consumer = Consumer.create(config, dev.jrdkafka.consumer.ConsumerOptions.defaults().withListener(new KcatErrors(o, err)))) {
            try {
                found.putAll(consumer.offsetsForTimes(query, timeout));
            } catch (PartitionErrorsException e) {
                // kcat prints a partition's error on its line and the others' offsets: ask again for those
                failed.putAll(e.partitionErrors());
                Map<TopicPartition, Long> rest = new LinkedHashMap<>(query);
                rest.keySet().removeAll(failed.keySet());
                if (!rest.isEmpty()) found.putAll(consumer.offsetsForTimes(rest, timeout));
            }
        } catch (KafkaException e) {
            throw new KafkaException(e.code(), "offsets_for_times failed: " + e.getMessage());
        }
        Map<TopicPartition, Long> sorted = new TreeMap<>(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        query.keySet().forEach(tp -> sorted.put(tp, found.containsKey(tp) ? found.get(tp).offset() : -1L));
        if (o.json) json(sorted, failed, out);
        else plain(sorted, failed, out);
        out.flush();
        return 0;
    }

    private static void plain(Map<TopicPartition, Long> offsets, Map<TopicPartition, KafkaError> failed, KcatOut out) throws IOException {
        for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
            out.write(e.getKey().topic().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(" [".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeLong(e.getKey().partition());
            out.write("] offset ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeLong(e.getValue());
            KafkaError error = failed.get(e.getKey());
            if (error != null) out.write((": " + error.description()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write('\n');
        }
    }

    private static void json(Map<TopicPartition, Long> offsets, Map<TopicPartition, KafkaError> failed, KcatOut out) throws IOException {
        out.write('{');
        String topic = null;
        for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
            TopicPartition tp = e.getKey();
            if (!tp.topic().equals(topic)) {
                if (topic != null) out.write('}');
                if (topic != null) out.write(',');
                topic = tp.topic();
                KcatJson.name(topic, out);
                out.write('{');
                KcatJson.name("topic", out);
                KcatJson.string(topic, out);
            }
            out.write(',');
            KcatJson.name(Integer.toString(tp.partition()), out);
            out.write('{');
            KcatJson.name("partition", out);
            out.writeLong(tp.partition());
            out.write(',');
            KcatJson.name("offset", out);
            out.writeLong(e.getValue());
            KafkaError error = failed.get(tp);
            if (error != null) {
                out.write(',');
                KcatJson.name("error", out);
                KcatJson.string(error.description(), out);
            }
            out.write('}');
        }
        if (topic != null) out.write('}');
        out.write('}');
    }
}
