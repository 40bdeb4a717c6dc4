package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_s;
import dev.jrdkafka.cluster.AclOperation;
import dev.jrdkafka.cluster.Node;
import dev.jrdkafka.internal.rd.Rd;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the admin results share, read from memory the result event owns (so nothing here is
 * destroyed): brokers ({@code rd_kafka_Node_t}), authorized operations, borrowed
 * {@code rd_kafka_error_t}s and single {@code rd_kafka_topic_partition_t}s.
 */
final class RdDescribed {
    private RdDescribed() {}

    /** A broker; null for NULL. */
    static Node node(MemorySegment n) {
        if (n.equals(MemorySegment.NULL)) return null;
        return new Node(rd_kafka_Node_id(n), Rd.cString(rd_kafka_Node_host(n)), Short.toUnsignedInt(rd_kafka_Node_port(n)),
                Rd.cString(rd_kafka_Node_rack(n)));
    }

    /** An array of {@code cnt} {@code rd_kafka_Node_t *}. */
    static List<Node> nodes(MemorySegment array, long cnt) {
        if (cnt == 0 || array.equals(MemorySegment.NULL)) return List.of();
        MemorySegment a = array.reinterpret(cnt * ValueLayout.ADDRESS.byteSize());
        List<Node> out = new ArrayList<>((int) cnt);
        for (long i = 0; i < cnt; i++) out.add(node(a.getAtIndex(ValueLayout.ADDRESS, i)));
        return out;
    }

    /** An array of {@code cnt} {@code rd_kafka_AclOperation_t} (NULL when not asked for). */
    static Set<AclOperation> operations(MemorySegment array, long cnt) {
        if (cnt == 0 || array.equals(MemorySegment.NULL)) return Set.of();
        MemorySegment a = array.reinterpret(cnt * ValueLayout.JAVA_INT.byteSize());
        Set<AclOperation> out = EnumSet.noneOf(AclOperation.class);
        for (long i = 0; i < cnt; i++) out.add(AclOperation.fromCode(a.getAtIndex(ValueLayout.JAVA_INT, i)));
        return out;
    }

    /** A borrowed {@code rd_kafka_error_t *}'s code (0 for NULL). */
    static int errorCode(MemorySegment error) {
        return error.equals(MemorySegment.NULL) ? 0 : rd_kafka_error_code(error);
    }

    /** A borrowed {@code rd_kafka_error_t *}'s text (null for NULL). */
    static String errorText(MemorySegment error) {
        return error.equals(MemorySegment.NULL) ? null : Rd.cString(rd_kafka_error_string(error));
    }

    /** librdkafka's description of a code, for errors that come without text. */
    static String describe(int code) {
        return Rd.cString(rd_kafka_err2str(code));
    }

    /** A borrowed {@code rd_kafka_topic_partition_t *}, sized. */
    static MemorySegment partition(MemorySegment p) {
        return p.reinterpret(rd_kafka_topic_partition_s.sizeof());
    }

    static TopicPartition topicPartition(MemorySegment p) {
        return new TopicPartition(Rd.cString(rd_kafka_topic_partition_s.topic(p)), Math.max(0, rd_kafka_topic_partition_s.partition(p)));
    }
}
