package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.cluster.ClusterMetadata;
import dev.jrdkafka.cluster.TopicMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Value conversions between kafka-clients' and jrdkafka's types. */
final class Convert {
    private Convert() {}

    static dev.jrdkafka.TopicPartition toJrd(TopicPartition tp) {
        return new dev.jrdkafka.TopicPartition(tp.topic(), tp.partition());
    }

    static TopicPartition toKafka(dev.jrdkafka.TopicPartition tp) {
        return new TopicPartition(tp.topic(), tp.partition());
    }

    static dev.jrdkafka.OffsetAndMetadata toJrd(OffsetAndMetadata o) {
        return new dev.jrdkafka.OffsetAndMetadata(o.offset(), o.leaderEpoch().orElse(-1),
                o.metadata() == null ? "" : o.metadata());
    }

    static OffsetAndMetadata toKafka(dev.jrdkafka.OffsetAndMetadata o) {
        return new OffsetAndMetadata(o.offset(), o.leaderEpoch() < 0 ? Optional.empty() : Optional.of(o.leaderEpoch()),
                o.metadata());
    }

    static Map<dev.jrdkafka.TopicPartition, dev.jrdkafka.OffsetAndMetadata> offsetsToJrd(
            Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<dev.jrdkafka.TopicPartition, dev.jrdkafka.OffsetAndMetadata> out = new LinkedHashMap<>();
        offsets.forEach((tp, o) -> out.put(toJrd(tp), toJrd(o)));
        return out;
    }

    static List<dev.jrdkafka.TopicPartition> partitionsToJrd(java.util.Collection<TopicPartition> partitions) {
        List<dev.jrdkafka.TopicPartition> out = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) out.add(toJrd(tp));
        return out;
    }

    static List<TopicPartition> partitionsToKafka(java.util.Collection<dev.jrdkafka.TopicPartition> partitions) {
        List<TopicPartition> out = new ArrayList<>(partitions.size());
        for (dev.jrdkafka.TopicPartition tp : partitions) out.add(toKafka(tp));
        return out;
    }

    static dev.jrdkafka.ConsumerGroupMetadata toJrd(org.apache.kafka.clients.consumer.ConsumerGroupMetadata g) {
        return new dev.jrdkafka.ConsumerGroupMetadata(g.groupId(), g.generationId(), g.memberId(),
                g.groupInstanceId().orElse(null));
    }

    static List<dev.jrdkafka.Header> headersToJrd(Headers headers) {
        if (headers == null) return List.of();
        Header[] all = headers.toArray();
        if (all.length == 0) return List.of();
        List<dev.jrdkafka.Header> out = new ArrayList<>(all.length);
        for (Header h : all) out.add(new dev.jrdkafka.Header(h.key(), h.value()));
        return out;
    }

    static RecordHeaders headersToKafka(List<dev.jrdkafka.Header> headers) {
        RecordHeaders out = new RecordHeaders();
        for (dev.jrdkafka.Header h : headers) out.add(h.key(), h.value());
        return out;
    }

    /** Every topic's partitions of {@code metadata}, with their nodes resolved. */
    static Map<String, List<PartitionInfo>> topics(ClusterMetadata metadata) {
        Map<Integer, Node> nodes = new HashMap<>();
        for (dev.jrdkafka.cluster.Node n : metadata.brokers()) nodes.put(n.id(), new Node(n.id(), n.host(), n.port(), n.rack()));
        Map<String, List<PartitionInfo>> out = new LinkedHashMap<>();
        for (TopicMetadata t : metadata.topics().values()) {
            List<PartitionInfo> parts = new ArrayList<>();
            for (dev.jrdkafka.cluster.PartitionInfo p : t.partitions()) {
                parts.add(new PartitionInfo(p.topic(), p.partition(), node(nodes, p.leader()), nodes(nodes, p.replicas()),
                        nodes(nodes, p.inSyncReplicas())));
            }
            out.put(t.name(), parts);
        }
        return out;
    }

    private static Node node(Map<Integer, Node> nodes, int id) {
        if (id < 0) return null;
        Node n = nodes.get(id);
        return n != null ? n : new Node(id, "", -1);
    }

    private static Node[] nodes(Map<Integer, Node> nodes, List<Integer> ids) {
        Node[] out = new Node[ids.size()];
        for (int i = 0; i < out.length; i++) out[i] = node(nodes, ids.get(i));
        return out;
    }

    /** Instances of kafka-clients-style plugin classes ({@code Class}, class name, or list of them). */
    @SuppressWarnings("unchecked")
    static <T> List<T> instances(Object spec, Class<T> type, Map<String, ?> configs) {
        List<T> out = new ArrayList<>();
        if (spec == null) return out;
        List<?> items = spec instanceof List<?> l ? l
                : spec instanceof String s ? java.util.Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()
                : List.of(spec);
        for (Object item : items) {
            Object o = item;
            try {
                if (item instanceof String name) o = Class.forName(name, true, Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : Convert.class.getClassLoader());
                if (o instanceof Class<?> c) o = c.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new org.apache.kafka.common.KafkaException("cannot instantiate " + item + ": " + e, e);
            }
            if (!type.isInstance(o)) {
                throw new org.apache.kafka.common.config.ConfigException(item + " is not a " + type.getName());
            }
            if (o instanceof org.apache.kafka.common.Configurable c) c.configure(configs);
            out.add((T) o);
        }
        return out;
    }
}
