package dev.jrdkafka.bindings;

import static dev.jrdkafka.bindings.rdkafka_h.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A producer against librdkafka's in-process mock cluster, driven only through the raw
 * bindings: 10,000 messages sent with rd_kafka_produceva (the non-variadic twin of
 * rd_kafka_producev, which an FFM downcall cannot bind without a per-call invoker) and every
 * delivery report received, once through a dr_msg_cb upcall and once through the event API.
 */
class MockProducerBindingsTest {
    private static final int MESSAGES = 10_000;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int ERRSTR_SIZE = 512;

    @BeforeAll
    static void load() {
        TestSupport.loadLibrary();
    }

    /**
     * Delivery reports by message index (the msg_opaque is index + 1, so never NULL). Called
     * from upcalls, so it must never throw: an exception escaping an upcall kills the JVM.
     */
    static final class Deliveries {
        final int[] partition = new int[MESSAGES];
        final long[] offset = new long[MESSAGES];
        final boolean[] seen = new boolean[MESSAGES];
        final List<String> problems = new ArrayList<>();
        int count;

        synchronized void record(MemorySegment message) {
            try {
                MemorySegment m = message.reinterpret(rd_kafka_message_s.sizeof());
                long index = rd_kafka_message_s._private(m).address() - 1; // msg_opaque
                int err = rd_kafka_message_s.err(m);
                if (index < 0 || index >= MESSAGES || seen[(int) index]) {
                    problems.add("unexpected or repeated msg_opaque " + (index + 1));
                } else if (err != RD_KAFKA_RESP_ERR_NO_ERROR()) {
                    problems.add("message " + index + ": " + TestSupport.cString(rd_kafka_err2str(err)));
                } else {
                    seen[(int) index] = true;
                    partition[(int) index] = rd_kafka_message_s.partition(m);
                    offset[(int) index] = rd_kafka_message_s.offset(m);
                    count++;
                }
            } catch (Throwable t) {
                problems.add("delivery report handler threw " + t);
            }
        }

        synchronized int count() {
            return count;
        }

        synchronized Set<Integer> checkAllDelivered() {
            assertTrue(problems.isEmpty(), problems.size() + " problems, first: " + problems.subList(0, Math.min(5, problems.size())));
            assertEquals(MESSAGES, count, "successful delivery reports");
            Set<Long> positions = new HashSet<>();
            Set<Integer> partitions = new TreeSet<>();
            int[] perPartition = new int[64];
            for (int i = 0; i < MESSAGES; i++) {
                if (partition[i] < perPartition.length) perPartition[partition[i]]++;
                assertTrue(partition[i] >= 0 && offset[i] >= 0, "message " + i + " at " + partition[i] + "/" + offset[i]);
                assertTrue(positions.add(((long) partition[i] << 40) | offset[i]),
                        "message " + i + " shares partition " + partition[i] + " offset " + offset[i] + " with another");
                partitions.add(partition[i]);
            }
            System.out.println(count + " delivered; messages per partition " + partitions.stream().map(p -> p + ":" + perPartition[p]).toList());
            return partitions;
        }
    }

    @Test
    void deliveryReportsThroughDrMsgCallback() {
        Deliveries deliveries = new Deliveries();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment conf = rd_kafka_conf_new();
            set(arena, conf, "test.mock.num.brokers", "3");
            set(arena, conf, "log_level", "4"); // no notice that the mock cluster replaces bootstrap.servers
            // The upcall stub lives in its own arena, closed only after rd_kafka_destroy has
            // returned: librdkafka must never call into a freed stub.
            try (Arena callbacks = Arena.ofShared()) {
                MemorySegment drMsgCb = rd_kafka_conf_set_dr_msg_cb$dr_msg_cb.allocate(
                        (rk, message, opaque) -> deliveries.record(message), callbacks);
                rd_kafka_conf_set_dr_msg_cb(conf, drMsgCb);
                MemorySegment rk = newProducer(arena, conf);
                try {
                    produce(arena, rk, "bindings-dr-cb", true);
                    long start = System.nanoTime();
                    // rd_kafka_poll serves the delivery reports, calling dr_msg_cb on this thread.
                    for (int polls = 0; deliveries.count() < MESSAGES && polls < 10_000
                            && System.nanoTime() - start < DEADLINE_NANOS; polls++) {
                        rd_kafka_poll(rk, 100);
                    }
                    assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR(), rd_kafka_flush(rk, 10_000), "rd_kafka_flush");
                } finally {
                    rd_kafka_destroy(rk);
                }
            }
        }
        assertEquals(0, rd_kafka_wait_destroyed(5000), "rd_kafka_wait_destroyed: instances still alive");
        // The topic is auto-created by the mock cluster (4 partitions by default); distinct keys spread over them.
        Set<Integer> partitions = deliveries.checkAllDelivered();
        assertTrue(partitions.size() > 1, "all messages in partitions " + partitions);
    }

    @Test
    void deliveryReportsThroughEventApiAgainstExplicitMockCluster() {
        Deliveries deliveries = new Deliveries();
        String topic = "bindings-events";
        try (Arena arena = Arena.ofConfined()) {
            // rd_kafka_mock_cluster_new needs an rd_kafka_t for its bookkeeping; it serves other clients.
            MemorySegment ownerConf = rd_kafka_conf_new();
            set(arena, ownerConf, "log_level", "4"); // no notice about its missing bootstrap.servers
            MemorySegment mockOwner = newProducer(arena, ownerConf);
            MemorySegment mcluster = rd_kafka_mock_cluster_new(mockOwner, 3);
            try {
                assertNotEquals(MemorySegment.NULL, mcluster, "rd_kafka_mock_cluster_new");
                String bootstraps = TestSupport.cString(rd_kafka_mock_cluster_bootstraps(mcluster));
                assertTrue(bootstraps != null && bootstraps.split(",").length == 3, "bootstraps " + bootstraps);
                assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR(), rd_kafka_mock_topic_create(mcluster, arena.allocateFrom(topic), 3, 1));

                MemorySegment conf = rd_kafka_conf_new();
                set(arena, conf, "bootstrap.servers", bootstraps);
                rd_kafka_conf_set_events(conf, RD_KAFKA_EVENT_DR());
                MemorySegment rk = newProducer(arena, conf);
                try {
                    MemorySegment queue = rd_kafka_queue_get_main(rk);
                    try {
                        produce(arena, rk, topic, false);
                        long start = System.nanoTime();
                        List<Integer> otherEvents = new ArrayList<>();
                        for (int polls = 0; deliveries.count() < MESSAGES && polls < 10_000
                                && System.nanoTime() - start < DEADLINE_NANOS; polls++) {
                            MemorySegment event = rd_kafka_queue_poll(queue, 100);
                            if (event.equals(MemorySegment.NULL)) continue;
                            try {
                                int type = rd_kafka_event_type(event);
                                if (type != RD_KAFKA_EVENT_DR()) {
                                    otherEvents.add(type);
                                    continue;
                                }
                                // Messages belong to the event: read them before rd_kafka_event_destroy.
                                for (int n = 0; n <= MESSAGES; n++) {
                                    MemorySegment message = rd_kafka_event_message_next(event);
                                    if (message.equals(MemorySegment.NULL)) break;
                                    deliveries.record(message);
                                }
                            } finally {
                                rd_kafka_event_destroy(event);
                            }
                        }
                        assertTrue(otherEvents.isEmpty(), "events other than DR: " + otherEvents);
                        assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR(), rd_kafka_flush(rk, 10_000), "rd_kafka_flush");
                    } finally {
                        rd_kafka_queue_destroy(queue);
                    }
                } finally {
                    rd_kafka_destroy(rk);
                }
            } finally {
                if (!mcluster.equals(MemorySegment.NULL)) rd_kafka_mock_cluster_destroy(mcluster);
                rd_kafka_destroy(mockOwner);
            }
        }
        assertEquals(0, rd_kafka_wait_destroyed(5000), "rd_kafka_wait_destroyed: instances still alive");
        assertEquals(Set.of(0, 1, 2), deliveries.checkAllDelivered(), "partitions written (keyed, 3 partitions)");
    }

    private static void set(Arena arena, MemorySegment conf, String name, String value) {
        MemorySegment errstr = arena.allocate(ERRSTR_SIZE);
        int res = rd_kafka_conf_set(conf, arena.allocateFrom(name), arena.allocateFrom(value), errstr, ERRSTR_SIZE);
        if (res != RD_KAFKA_CONF_OK()) {
            rd_kafka_conf_destroy(conf);
            fail(name + "=" + value + ": " + errstr.getString(0));
        }
    }

    /** rd_kafka_new takes ownership of conf only on success. */
    private static MemorySegment newProducer(Arena arena, MemorySegment conf) {
        MemorySegment errstr = arena.allocate(ERRSTR_SIZE);
        MemorySegment rk = rd_kafka_new(RD_KAFKA_PRODUCER(), conf, errstr, ERRSTR_SIZE);
        if (rk.equals(MemorySegment.NULL)) {
            rd_kafka_conf_destroy(conf);
            fail("rd_kafka_new: " + errstr.getString(0));
        }
        return rk;
    }

    /**
     * Produces MESSAGES keyed messages with rd_kafka_produceva, one reused rd_kafka_vu_t[5]:
     * TOPIC (u.cstr), VALUE and KEY (u.mem.ptr/size), MSGFLAGS (u.i) and OPAQUE (u.ptr).
     * RD_KAFKA_MSG_F_COPY makes librdkafka copy key and value, so the buffers are reused too.
     */
    private static void produce(Arena arena, MemorySegment rk, String topic, boolean pollWhileProducing) {
        MemorySegment vus = rd_kafka_vu_s.allocateArray(5, arena);
        MemorySegment topicName = arena.allocateFrom(topic);
        MemorySegment key = arena.allocate(32);
        MemorySegment value = arena.allocate(64);
        rd_kafka_vu_s.vtype(rd_kafka_vu_s.asSlice(vus, 0), RD_KAFKA_VTYPE_TOPIC());
        rd_kafka_vu_s.u.cstr(rd_kafka_vu_s.u(rd_kafka_vu_s.asSlice(vus, 0)), topicName);
        rd_kafka_vu_s.vtype(rd_kafka_vu_s.asSlice(vus, 1), RD_KAFKA_VTYPE_VALUE());
        rd_kafka_vu_s.vtype(rd_kafka_vu_s.asSlice(vus, 2), RD_KAFKA_VTYPE_KEY());
        rd_kafka_vu_s.vtype(rd_kafka_vu_s.asSlice(vus, 3), RD_KAFKA_VTYPE_MSGFLAGS());
        rd_kafka_vu_s.u.i(rd_kafka_vu_s.u(rd_kafka_vu_s.asSlice(vus, 3)), RD_KAFKA_MSG_F_COPY());
        rd_kafka_vu_s.vtype(rd_kafka_vu_s.asSlice(vus, 4), RD_KAFKA_VTYPE_OPAQUE());
        MemorySegment valueMem = rd_kafka_vu_s.u.mem(rd_kafka_vu_s.u(rd_kafka_vu_s.asSlice(vus, 1)));
        MemorySegment keyMem = rd_kafka_vu_s.u.mem(rd_kafka_vu_s.u(rd_kafka_vu_s.asSlice(vus, 2)));
        MemorySegment opaque = rd_kafka_vu_s.u(rd_kafka_vu_s.asSlice(vus, 4));
        rd_kafka_vu_s.u.mem.ptr(valueMem, value);
        rd_kafka_vu_s.u.mem.ptr(keyMem, key);

        for (int i = 0; i < MESSAGES; i++) {
            byte[] k = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] v = ("value-" + i + "-of-" + MESSAGES).getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(k, 0, key, JAVA_BYTE, 0, k.length);
            MemorySegment.copy(v, 0, value, JAVA_BYTE, 0, v.length);
            rd_kafka_vu_s.u.mem.size(keyMem, k.length);
            rd_kafka_vu_s.u.mem.size(valueMem, v.length);
            rd_kafka_vu_s.u.ptr(opaque, MemorySegment.ofAddress(i + 1L));
            MemorySegment error = rd_kafka_produceva(rk, vus, 5);
            if (!error.equals(MemorySegment.NULL)) {
                String text = TestSupport.cString(rd_kafka_error_string(error));
                rd_kafka_error_destroy(error);
                fail("rd_kafka_produceva of message " + i + ": " + text);
            }
            if (pollWhileProducing && i % 1000 == 999) rd_kafka_poll(rk, 0);
        }
    }
}
