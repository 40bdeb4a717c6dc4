package dev.jrdkafka.mock;

import static dev.jrdkafka.bindings.rdkafka_h.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.bindings.rd_kafka_message_s;
import dev.jrdkafka.bindings.rd_kafka_metadata;
import dev.jrdkafka.bindings.rd_kafka_metadata_broker;
import dev.jrdkafka.bindings.rd_kafka_metadata_partition;
import dev.jrdkafka.bindings.rd_kafka_metadata_topic;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_list_s;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_s;
import dev.jrdkafka.bindings.rd_kafka_vu_s;
import dev.jrdkafka.nativelib.RdKafkaLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * A librdkafka client driven through the raw bindings, standing in for jrdkafka's own
 * clients so the mock's effects can be observed from a client's side. Test code only; not
 * thread-safe. Producers report deliveries through the event API (no upcalls).
 */
final class RawClient implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int ERRSTR = 512;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment rk;
    private final boolean consumer;
    private final MemorySegment queue; // producer: main queue for delivery reports
    private int delivered;
    private final List<KafkaError> failures = new ArrayList<>();
    private boolean closed;

    private RawClient(int type, String bootstrapServers, String... properties) {
        RdKafkaLibrary.load();
        consumer = type == RD_KAFKA_CONSUMER();
        MemorySegment conf = rd_kafka_conf_new();
        set(conf, "bootstrap.servers", bootstrapServers);
        set(conf, "log_level", "2");
        for (int i = 0; i < properties.length; i += 2) set(conf, properties[i], properties[i + 1]);
        if (!consumer) rd_kafka_conf_set_events(conf, RD_KAFKA_EVENT_DR());
        MemorySegment errstr = arena.allocate(ERRSTR);
        rk = rd_kafka_new(type, conf, errstr, ERRSTR);
        if (rk.equals(MemorySegment.NULL)) {
            rd_kafka_conf_destroy(conf);
            throw new AssertionError("rd_kafka_new: " + errstr.getString(0));
        }
        if (consumer) {
            rd_kafka_poll_set_consumer(rk);
            queue = MemorySegment.NULL;
        } else {
            queue = rd_kafka_queue_get_main(rk);
        }
    }

    /** A producer of {@code bootstrapServers} with extra configuration name/value pairs. */
    static RawClient producer(String bootstrapServers, String... properties) {
        return new RawClient(RD_KAFKA_PRODUCER(), bootstrapServers, properties);
    }

    /** A consumer of {@code bootstrapServers} with extra configuration name/value pairs. */
    static RawClient consumer(String bootstrapServers, String... properties) {
        return new RawClient(RD_KAFKA_CONSUMER(), bootstrapServers, properties);
    }

    private void set(MemorySegment conf, String name, String value) {
        MemorySegment errstr = arena.allocate(ERRSTR);
        if (rd_kafka_conf_set(conf, arena.allocateFrom(name), arena.allocateFrom(value), errstr, ERRSTR) != RD_KAFKA_CONF_OK()) {
            rd_kafka_conf_destroy(conf);
            throw new AssertionError(name + "=" + value + ": " + errstr.getString(0));
        }
    }

    // ---- producing ----

    /** Enqueues {@code count} small messages to the partition (-1: any). */
    void produce(String topic, int partition, int count) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment vus = rd_kafka_vu_s.allocateArray(4, a);
            rd_kafka_vu_s.vtype(rd_kafka_vu_s.asSlice(vus, 0), RD_KAFKA_VTYPE_TOPIC());
            rd_kafka_vu_s.u.cstr(rd_kafka_vu_s.u(rd_kafka_vu_s.asSlice(vus, 0)), a.allocateFrom(topic));
            rd_kafka_vu_s.vtype(rd_kafka_vu_s.asSlice(vus, 1), RD_KAFKA_VTYPE_PARTITION());
            rd_kafka_vu_s.u.i32(rd_kafka_vu_s.u(rd_kafka_vu_s.asSlice(vus, 1)), partition);
            rd_kafka_vu_s.vtype(rd_kafka_vu_s.asSlice(vus, 2), RD_KAFKA_VTYPE_MSGFLAGS());
            rd_kafka_vu_s.u.i(rd_kafka_vu_s.u(rd_kafka_vu_s.asSlice(vus, 2)), RD_KAFKA_MSG_F_COPY());
            rd_kafka_vu_s.vtype(rd_kafka_vu_s.asSlice(vus, 3), RD_KAFKA_VTYPE_VALUE());
            MemorySegment mem = rd_kafka_vu_s.u.mem(rd_kafka_vu_s.u(rd_kafka_vu_s.asSlice(vus, 3)));
            for (int i = 0; i < count; i++) {
                byte[] value = ("message-" + i).getBytes(StandardCharsets.UTF_8);
                rd_kafka_vu_s.u.mem.ptr(mem, a.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, value));
                rd_kafka_vu_s.u.mem.size(mem, value.length);
                MemorySegment error = rd_kafka_produceva(rk, vus, 4);
                if (!error.equals(MemorySegment.NULL)) {
                    String text = cString(rd_kafka_error_string(error));
                    rd_kafka_error_destroy(error);
                    throw new AssertionError("rd_kafka_produceva: " + text);
                }
            }
        }
    }

    /** Serves delivery reports until {@code count} arrived in total (or the deadline); returns the successes. */
    int awaitDeliveries(int count, Duration timeout) {
        waitUntil(timeout, () -> delivered + failures.size() >= count, () -> servePoll(100));
        return delivered;
    }

    /** Delivery errors so far. */
    List<KafkaError> failures() {
        return List.copyOf(failures);
    }

    /** Serves delivery reports for up to {@code timeoutMs}. */
    void servePoll(int timeoutMs) {
        MemorySegment event = rd_kafka_queue_poll(queue, timeoutMs);
        if (event.equals(MemorySegment.NULL)) return;
        try {
            if (rd_kafka_event_type(event) != RD_KAFKA_EVENT_DR()) return;
            for (;;) {
                MemorySegment m = rd_kafka_event_message_next(event);
                if (m.equals(MemorySegment.NULL)) break;
                int err = rd_kafka_message_s.err(m.reinterpret(rd_kafka_message_s.sizeof()));
                if (err == 0) delivered++;
                else failures.add(KafkaError.fromCode(err));
            }
        } finally {
            rd_kafka_event_destroy(event);
        }
    }

    /** {@code rd_kafka_init_transactions}: NO_ERROR or the error's code. */
    KafkaError initTransactions(Duration timeout) {
        MemorySegment error = rd_kafka_init_transactions(rk, (int) timeout.toMillis());
        if (error.equals(MemorySegment.NULL)) return KafkaError.NO_ERROR;
        int code = rd_kafka_error_code(error);
        rd_kafka_error_destroy(error);
        return KafkaError.fromCode(code);
    }

    // ---- metadata ----

    record Broker(int id, String host, int port) {}

    record Partition(int id, KafkaError error, int leader, List<Integer> replicas) {}

    record Topic(String name, KafkaError error, List<Partition> partitions) {}

    record Metadata(List<Broker> brokers, List<Topic> topics) {
        Topic topic(String name) {
            return topics.stream().filter(t -> t.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no topic " + name + " in " + topics));
        }
    }

    /** Metadata of all topics, copied; throws on failure. */
    Metadata metadata(Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mdp = a.allocate(ADDRESS);
            int err = rd_kafka_metadata(rk, 1, MemorySegment.NULL, mdp, (int) timeout.toMillis());
            if (err != 0) throw new MetadataFailed(KafkaError.fromCode(err));
            MemorySegment md = mdp.get(ADDRESS, 0).reinterpret(rd_kafka_metadata.sizeof());
            try {
                List<Broker> brokers = new ArrayList<>();
                MemorySegment bs = rd_kafka_metadata.brokers(md).reinterpret(
                        rd_kafka_metadata_broker.sizeof() * rd_kafka_metadata.broker_cnt(md));
                for (int i = 0; i < rd_kafka_metadata.broker_cnt(md); i++) {
                    MemorySegment b = rd_kafka_metadata_broker.asSlice(bs, i);
                    brokers.add(new Broker(rd_kafka_metadata_broker.id(b), cString(rd_kafka_metadata_broker.host(b)),
                            rd_kafka_metadata_broker.port(b)));
                }
                List<Topic> topics = new ArrayList<>();
                MemorySegment ts = rd_kafka_metadata.topics(md).reinterpret(
                        rd_kafka_metadata_topic.sizeof() * rd_kafka_metadata.topic_cnt(md));
                for (int i = 0; i < rd_kafka_metadata.topic_cnt(md); i++) {
                    MemorySegment t = rd_kafka_metadata_topic.asSlice(ts, i);
                    int pcnt = rd_kafka_metadata_topic.partition_cnt(t);
                    List<Partition> partitions = new ArrayList<>();
                    MemorySegment ps = rd_kafka_metadata_topic.partitions(t).reinterpret(rd_kafka_metadata_partition.sizeof() * pcnt);
                    for (int j = 0; j < pcnt; j++) {
                        MemorySegment p = rd_kafka_metadata_partition.asSlice(ps, j);
                        int rcnt = rd_kafka_metadata_partition.replica_cnt(p);
                        MemorySegment rs = rd_kafka_metadata_partition.replicas(p).reinterpret(4L * rcnt);
                        List<Integer> replicas = new ArrayList<>();
                        for (int r = 0; r < rcnt; r++) replicas.add(rs.getAtIndex(JAVA_INT, r));
                        partitions.add(new Partition(rd_kafka_metadata_partition.id(p),
                                KafkaError.fromCode(rd_kafka_metadata_partition.err(p)), rd_kafka_metadata_partition.leader(p), replicas));
                    }
                    topics.add(new Topic(cString(rd_kafka_metadata_topic.topic(t)),
                            KafkaError.fromCode(rd_kafka_metadata_topic.err(t)), partitions));
                }
                return new Metadata(brokers, topics);
            } finally {
                rd_kafka_metadata_destroy(md);
            }
        }
    }

    static final class MetadataFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient KafkaError error;

        MetadataFailed(KafkaError error) {
            super("rd_kafka_metadata: " + error);
            this.error = error;
        }
    }

    /** The rack of each partition's leader, by partition, from the DescribeTopics admin API. */
    List<String> leaderRacks(String topic, Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment names = a.allocate(ADDRESS, 1);
            names.setAtIndex(ADDRESS, 0, a.allocateFrom(topic));
            MemorySegment collection = rd_kafka_TopicCollection_of_topic_names(names, 1);
            MemorySegment q = rd_kafka_queue_new(rk);
            try {
                rd_kafka_DescribeTopics(rk, collection, MemorySegment.NULL, q);
                MemorySegment event = rd_kafka_queue_poll(q, (int) timeout.toMillis());
                if (event.equals(MemorySegment.NULL)) throw new AssertionError("no DescribeTopics result");
                try {
                    if (rd_kafka_event_error(event) != 0) {
                        throw new AssertionError("DescribeTopics: " + KafkaError.fromCode(rd_kafka_event_error(event)));
                    }
                    MemorySegment result = rd_kafka_event_DescribeTopics_result(event);
                    MemorySegment cnt = a.allocate(JAVA_LONG);
                    MemorySegment topics = rd_kafka_DescribeTopics_result_topics(result, cnt).reinterpret(ADDRESS.byteSize());
                    MemorySegment description = topics.getAtIndex(ADDRESS, 0);
                    MemorySegment partitions = rd_kafka_TopicDescription_partitions(description, cnt);
                    long n = cnt.get(JAVA_LONG, 0);
                    partitions = partitions.reinterpret(n * ADDRESS.byteSize());
                    List<String> racks = new ArrayList<>();
                    for (long i = 0; i < n; i++) {
                        MemorySegment leader = rd_kafka_TopicPartitionInfo_leader(partitions.getAtIndex(ADDRESS, i));
                        racks.add(leader.equals(MemorySegment.NULL) ? null : cString(rd_kafka_Node_rack(leader)));
                    }
                    return racks;
                } finally {
                    rd_kafka_event_destroy(event);
                }
            } finally {
                rd_kafka_queue_destroy(q);
                rd_kafka_TopicCollection_destroy(collection);
            }
        }
    }

    // ---- consuming ----

    void subscribe(String... topics) {
        MemorySegment list = rd_kafka_topic_partition_list_new(topics.length);
        try (Arena a = Arena.ofConfined()) {
            for (String t : topics) rd_kafka_topic_partition_list_add(list, a.allocateFrom(t), RD_KAFKA_PARTITION_UA());
            check(rd_kafka_subscribe(rk, list), "rd_kafka_subscribe");
        } finally {
            rd_kafka_topic_partition_list_destroy(list);
        }
    }

    void assign(String topic, int partition) {
        MemorySegment list = rd_kafka_topic_partition_list_new(1);
        try (Arena a = Arena.ofConfined()) {
            rd_kafka_topic_partition_list_add(list, a.allocateFrom(topic), partition);
            check(rd_kafka_assign(rk, list), "rd_kafka_assign");
        } finally {
            rd_kafka_topic_partition_list_destroy(list);
        }
    }

    /** Polls the consumer once; returns the number of messages (not events or errors) received. */
    int poll(int timeoutMs) {
        MemorySegment m = rd_kafka_consumer_poll(rk, timeoutMs);
        if (m.equals(MemorySegment.NULL)) return 0;
        try {
            return rd_kafka_message_s.err(m.reinterpret(rd_kafka_message_s.sizeof())) == 0 ? 1 : 0;
        } finally {
            rd_kafka_message_destroy(m);
        }
    }

    /** The consumer's current assignment: partitions of {@code topic}. */
    Set<Integer> assignment(String topic) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment listp = a.allocate(ADDRESS);
            check(rd_kafka_assignment(rk, listp), "rd_kafka_assignment");
            MemorySegment list = listp.get(ADDRESS, 0).reinterpret(rd_kafka_topic_partition_list_s.sizeof());
            try {
                int cnt = rd_kafka_topic_partition_list_s.cnt(list);
                MemorySegment elems = rd_kafka_topic_partition_list_s.elems(list).reinterpret(rd_kafka_topic_partition_s.sizeof() * cnt);
                Set<Integer> partitions = new TreeSet<>();
                for (int i = 0; i < cnt; i++) {
                    MemorySegment e = rd_kafka_topic_partition_s.asSlice(elems, i);
                    if (topic.equals(cString(rd_kafka_topic_partition_s.topic(e)))) partitions.add(rd_kafka_topic_partition_s.partition(e));
                }
                return partitions;
            } finally {
                rd_kafka_topic_partition_list_destroy(list);
            }
        }
    }

    /** Polls until the assignment of {@code topic} is {@code expected}; returns the last one seen. */
    Set<Integer> awaitAssignment(String topic, Set<Integer> expected, Duration timeout) {
        waitUntil(timeout, () -> assignment(topic).equals(expected), () -> poll(100));
        return assignment(topic);
    }

    /** The consumer group member id ("" before joining). */
    String memberId() {
        MemorySegment id = rd_kafka_memberid(rk);
        if (id.equals(MemorySegment.NULL)) return "";
        try {
            return cString(id);
        } finally {
            rd_kafka_mem_free(rk, id);
        }
    }

    /** The watermarks last seen in Fetch responses ({@code rd_kafka_get_watermark_offsets}); {-1, -1} if none. */
    long[] cachedWatermarks(String topic, int partition) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment lo = a.allocate(JAVA_LONG);
            MemorySegment hi = a.allocate(JAVA_LONG);
            if (rd_kafka_get_watermark_offsets(rk, a.allocateFrom(topic), partition, lo, hi) != 0) return new long[] {-1, -1};
            return new long[] {lo.get(JAVA_LONG, 0), hi.get(JAVA_LONG, 0)};
        }
    }

    /** Destroys a consumer without leaving its group, as a crashed process would. */
    void abandon() {
        if (closed) return;
        closed = true;
        rd_kafka_destroy_flags(rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE());
        arena.close();
    }

    MemorySegment handle() {
        return rk;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (!queue.equals(MemorySegment.NULL)) rd_kafka_queue_destroy(queue);
        if (consumer) rd_kafka_consumer_close(rk);
        rd_kafka_destroy(rk);
        arena.close();
    }

    // ---- helpers ----

    /** Runs {@code step} until {@code done} holds or {@code timeout} passes. */
    static void waitUntil(Duration timeout, BooleanSupplier done, Runnable step) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < end) step.run();
    }

    private static void check(int err, String what) {
        if (err != 0) throw new AssertionError(what + ": " + KafkaError.fromCode(err));
    }

    static String cString(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? null : p.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
