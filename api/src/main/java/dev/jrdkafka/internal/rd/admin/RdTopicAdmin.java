package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdConf;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CreateTopics and DeleteTopics ({@code rd_kafka_CreateTopics}, {@code rd_kafka_DeleteTopics}). */
public final class RdTopicAdmin {
    public static final int CREATE_TOPICS = RD_KAFKA_ADMIN_OP_CREATETOPICS();
    public static final int DELETE_TOPICS = RD_KAFKA_ADMIN_OP_DELETETOPICS();

    private RdTopicAdmin() {}

    /** Sends CreateTopics; the result comes back on the admin queue with {@code id}. */
    public static void createTopics(RdAdmin admin, List<NewTopic> topics, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(CREATE_TOPICS, spec, id)) {
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, topics.size());
            MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
            int made = 0;
            try {
                for (NewTopic t : topics) {
                    MemorySegment nt = rd_kafka_NewTopic_new(Rd.cString(scratch, t.name()), t.partitions(), t.replicationFactor(),
                            errstr, RdConf.ERRSTR_SIZE);
                    if (nt.equals(MemorySegment.NULL)) {
                        throw new IllegalArgumentException("topic " + t.name() + ": " + errstr.getString(0));
                    }
                    array.setAtIndex(ValueLayout.ADDRESS, made++, nt);
                    for (int p = 0; p < t.replicaAssignments().size(); p++) {
                        List<Integer> replicas = t.replicaAssignments().get(p);
                        MemorySegment ids = scratch.allocate(ValueLayout.JAVA_INT, replicas.size());
                        for (int i = 0; i < replicas.size(); i++) ids.setAtIndex(ValueLayout.JAVA_INT, i, replicas.get(i));
                        if (rd_kafka_NewTopic_set_replica_assignment(nt, p, ids, replicas.size(), errstr, RdConf.ERRSTR_SIZE) != 0) {
                            throw new IllegalArgumentException("topic " + t.name() + " partition " + p + ": " + errstr.getString(0));
                        }
                    }
                    for (Map.Entry<String, String> c : t.configs().entrySet()) {
                        if (rd_kafka_NewTopic_set_config(nt, Rd.cString(scratch, c.getKey()), Rd.cString(scratch, c.getValue())) != 0) {
                            throw new IllegalArgumentException("topic " + t.name() + ": configuration " + c.getKey() + " refused");
                        }
                    }
                }
                rd_kafka_CreateTopics(admin.rk(), array, made, options.ptr(), admin.results());
            } finally {
                rd_kafka_NewTopic_destroy_array(array, made); // librdkafka copied them
            }
        }
    }

    /** Sends DeleteTopics. */
    public static void deleteTopics(RdAdmin admin, List<String> topics, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(DELETE_TOPICS, spec, id)) {
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, topics.size());
            int made = 0;
            try {
                for (String t : topics) array.setAtIndex(ValueLayout.ADDRESS, made++, rd_kafka_DeleteTopic_new(Rd.cString(scratch, t)));
                rd_kafka_DeleteTopics(admin.rk(), array, made, options.ptr(), admin.results());
            } finally {
                rd_kafka_DeleteTopic_destroy_array(array, made);
            }
        }
    }

    /** The per-topic outcomes of a CreateTopics, DeleteTopics or CreatePartitions result event. */
    public static List<Outcome<String, Void>> topicOutcomes(RdEvent event) {
        MemorySegment ev = event.ptr();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            int type = event.type();
            MemorySegment results;
            if (type == RD_KAFKA_EVENT_CREATETOPICS_RESULT()) {
                results = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), cnt);
            } else if (type == RD_KAFKA_EVENT_DELETETOPICS_RESULT()) {
                results = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(ev), cnt);
            } else if (type == RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT()) {
                results = rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(ev), cnt);
            } else {
                throw new IllegalStateException("not a topic result: " + event.name());
            }
            return topicResults(results, cnt.get(ValueLayout.JAVA_LONG, 0));
        }
    }

    /** Reads an array of {@code rd_kafka_topic_result_t *} (owned by the event). */
    static List<Outcome<String, Void>> topicResults(MemorySegment results, long n) {
        List<Outcome<String, Void>> out = new ArrayList<>((int) n);
        MemorySegment arr = results.reinterpret(n * ValueLayout.ADDRESS.byteSize());
        for (long i = 0; i < n; i++) {
            MemorySegment r = arr.getAtIndex(ValueLayout.ADDRESS, i);
            int err = rd_kafka_topic_result_error(r);
            String name = Rd.cString(rd_kafka_topic_result_name(r));
            out.add(err == 0 ? Outcome.ok(name, null) : Outcome.failed(name, err, Rd.cString(rd_kafka_topic_result_error_string(r))));
        }
        return out;
    }
}
