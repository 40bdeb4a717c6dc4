package dev.jrdkafka.producer;

import dev.jrdkafka.Header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.Partitioner;
import dev.jrdkafka.mock.MockCluster;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Records reach the mock cluster with the partitions, offsets and timestamps they should. */
class ProducerDeliveryTest {
    static MockCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MockCluster.start(3);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void hundredThousandRecordsWithKeysHeadersAndTimestampsAreAllDelivered() throws Exception {
        int n = 100_000;
        String topic = "delivery-100k";
        long baseTs = 1_700_000_000_000L;
        Map<Integer, RecordMetadata> results = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(n);
        try (Producer producer = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers())
                .partitioner(Partitioner.MURMUR2_RANDOM))) {
            for (int i = 0; i < n; i++) {
                int idx = i;
                byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
                int partition = i % 2 == 0 ? i % 4 : ProducerRecord.UNASSIGNED;
                List<Header> headers = List.of(new Header("h", ("v" + i).getBytes(StandardCharsets.UTF_8)),
                        new Header("h", null), new Header("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord(topic, partition, key, ("value-" + i).getBytes(StandardCharsets.UTF_8),
                        baseTs + i, headers), (md, err) -> {
                    if (err != null) failures.add(idx + ": " + err.getMessage());
                    else results.put(idx, md);
                    done.countDown();
                });
            }
            ProducerTestSupport.await(done, 120, "delivery reports");
        }
        assertTrue(failures.isEmpty(), failures.size() + " failed, e.g. " + failures.stream().limit(5).toList());
        assertEquals(n, results.size());
        Map<Integer, List<Long>> offsetsByPartition = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            RecordMetadata md = results.get(i);
            assertEquals(topic, md.topic());
            // The mock broker answers every produce with LogAppendTime 1234 (rdkafka_mock_handlers.c),
            // which librdkafka reports; the CreateTime written is read back below.
            assertEquals(1234, md.timestamp(), "broker timestamp of record " + i);
            byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            int expected = i % 2 == 0 ? i % 4 : (ProducerTestSupport.murmur2(key) & 0x7fffffff) % 4;
            assertEquals(expected, md.partition(), "partition of record " + i + " (murmur2 like kafka-clients)");
            offsetsByPartition.computeIfAbsent(md.partition(), p -> new ArrayList<>()).add(md.offset());
        }
        for (RawConsumer.Message m : RawConsumer.read(cluster.bootstrapServers(), topic, 0, 50)) {
            int i = Integer.parseInt(new String(m.headers().get(2).getValue(), StandardCharsets.UTF_8));
            assertEquals("key-" + i, new String(m.key(), StandardCharsets.UTF_8));
            assertEquals("value-" + i, new String(m.value(), StandardCharsets.UTF_8));
            assertEquals(baseTs + i, m.timestamp(), "CreateTime of record " + i);
            assertEquals("h", m.headers().get(0).getKey());
            assertEquals("v" + i, new String(m.headers().get(0).getValue(), StandardCharsets.UTF_8));
            assertEquals("h", m.headers().get(1).getKey());
            assertNull(m.headers().get(1).getValue(), "null header value kept");
        }
        for (Map.Entry<Integer, List<Long>> e : offsetsByPartition.entrySet()) {
            List<Long> offsets = new ArrayList<>(e.getValue());
            java.util.Collections.sort(offsets);
            for (int i = 0; i < offsets.size(); i++) {
                assertEquals((long) i, offsets.get(i), "offsets of partition " + e.getKey() + " are 0..n-1, each once");
            }
        }
    }

    @Test
    void fastPathReportsReachTheListenerWithTheirOpaque() throws Exception {
        int n = 10_000;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        DeliveryListener listener = r -> {
            if (!r.succeeded()) errors.incrementAndGet();
            else if (r.partition() != (int) (r.opaque() % 4) || r.valueLength() != 100) errors.incrementAndGet();
            seen.add(r.opaque());
            done.countDown();
        };
        byte[] value = new byte[100];
        ByteBuffer direct = ByteBuffer.allocateDirect(100);
        try (Arena arena = Arena.ofShared();
             Producer producer = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()),
                     ProducerOptions.defaults().withDeliveryListener(listener))) {
            MemorySegment segment = arena.allocate(100);
            for (int i = 0; i < n; i++) {
                int p = i % 4;
                switch (i % 5) {
                    case 0 -> producer.produce("fast", p, null, value, i);
                    case 1 -> producer.produce("fast", p, ByteBuffer.wrap(value), ByteBuffer.wrap(value), i);
                    case 2 -> producer.produce("fast", p, null, direct.duplicate(), i);
                    case 3 -> producer.produce("fast", p, null, segment, i);
                    default -> producer.produceBorrowed("fast", p, null, segment, i);
                }
            }
            ProducerTestSupport.await(done, 60, "fast-path reports");
            producer.flush(Duration.ofSeconds(10));
        }
        assertEquals(0, errors.get());
        assertEquals(n, seen.size());
    }

    @Test
    void buffersAreProducedFromTheirPositionToTheirLimit() throws Exception {
        byte[] backing = "xxKEY1yyVALUE-ONEzz".getBytes(StandardCharsets.UTF_8);
        ByteBuffer heapKey = ByteBuffer.wrap(backing, 2, 4).slice();              // array offset 2
        ByteBuffer heapValue = ByteBuffer.wrap(backing).position(8).limit(17);    // position 8
        ByteBuffer readOnly = ByteBuffer.wrap("VALUE-TWO".getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
        ByteBuffer direct = ByteBuffer.allocateDirect(32).put("..VALUE-THREE".getBytes(StandardCharsets.UTF_8)).flip().position(2);
        CountDownLatch done = new CountDownLatch(3);
        try (Producer producer = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()),
                ProducerOptions.defaults().withDeliveryListener(r -> done.countDown()))) {
            producer.produce("buffers", 0, heapKey, heapValue, 1);
            producer.produce("buffers", 0, null, readOnly, 2);
            producer.produce("buffers", 0, heapKey, direct, 3);
            ProducerTestSupport.await(done, 30, "reports");
        }
        assertEquals(8, heapValue.position(), "positions are left as they were");
        List<RawConsumer.Message> read = RawConsumer.read(cluster.bootstrapServers(), "buffers", 0, 3);
        assertEquals("KEY1", new String(read.get(0).key(), StandardCharsets.UTF_8));
        assertEquals("VALUE-ONE", new String(read.get(0).value(), StandardCharsets.UTF_8));
        assertNull(read.get(1).key());
        assertEquals("VALUE-TWO", new String(read.get(1).value(), StandardCharsets.UTF_8));
        assertEquals("VALUE-THREE", new String(read.get(2).value(), StandardCharsets.UTF_8));
    }

    @Test
    void regionsOfOneSegmentAreProducedAsKeyAndValue() throws Exception {
        byte[] line = "k1:value-one|:value-two|k3:".getBytes(StandardCharsets.UTF_8);
        CountDownLatch done = new CountDownLatch(6);
        try (Arena arena = Arena.ofConfined();
             Producer producer = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()),
                     ProducerOptions.defaults().withDeliveryListener(r -> done.countDown()))) {
            MemorySegment nativeData = arena.allocate(line.length);
            MemorySegment.copy(line, 0, nativeData, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, line.length);
            for (MemorySegment data : List.of(nativeData, MemorySegment.ofArray(line))) {
                producer.produce("regions", 0, data, 0, 2, 3, 9, 1);    // k1 -> value-one
                producer.produce("regions", 0, data, 0, -1, 14, 9, 2);  // no key -> value-two
                producer.produce("regions", 0, data, 24, 2, 0, -1, 3);  // k3 -> null value
            }
            MemorySegment data = nativeData;
            IndexOutOfBoundsException e = org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                    () -> producer.produce("regions", 0, data, 20, 10, 0, 1, 4));
            assertTrue(e.getMessage().contains("key region [20, 20 + 10)") && e.getMessage().contains(line.length + " bytes"),
                    e.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                    () -> producer.produce("regions", 0, data, 0, 1, -1, 2, 4));
            ProducerTestSupport.await(done, 30, "reports");
        }
        List<RawConsumer.Message> read = RawConsumer.read(cluster.bootstrapServers(), "regions", 0, 6);
        for (int i = 0; i < 6; i += 3) {
            assertEquals("k1", new String(read.get(i).key(), StandardCharsets.UTF_8));
            assertEquals("value-one", new String(read.get(i).value(), StandardCharsets.UTF_8));
            assertNull(read.get(i + 1).key());
            assertEquals("value-two", new String(read.get(i + 1).value(), StandardCharsets.UTF_8));
            assertEquals("k3", new String(read.get(i + 2).key(), StandardCharsets.UTF_8));
            assertNull(read.get(i + 2).value());
        }
    }

    @Test
    void recordsStagedOnManyVirtualThreadsAtOnceArriveIntact() throws Exception {
        int threads = 2_000;
        String topic = "staged-vt";
        byte[] big = new byte[300 * 1024]; // larger than a staging buffer
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads + 2);
        try (Producer producer = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()),
                ProducerOptions.defaults().withDeliveryListener(r -> {
                    if (!r.succeeded()) errors.incrementAndGet();
                    done.countDown();
                }))) {
            try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> all = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    all.add(vt.submit(() -> {
                        start.await();
                        byte[] key = ("k" + id).getBytes(StandardCharsets.UTF_8);
                        byte[] value = ("value-" + id + "-".repeat(id % 50)).getBytes(StandardCharsets.UTF_8);
                        switch (id % 3) {
                            case 0 -> producer.produce(topic, 0, key, value, id);
                            case 1 -> producer.produce(topic, 0, ByteBuffer.wrap(key), ByteBuffer.wrap(value), id);
                            default -> producer.produce(topic, 0, MemorySegment.ofArray(key), MemorySegment.ofArray(value), id);
                        }
                        return null;
                    }));
                }
                all.add(vt.submit(() -> {
                    start.await();
                    producer.produce(topic, 0, "big-virtual".getBytes(StandardCharsets.UTF_8), big, threads);
                    return null;
                }));
                start.countDown();
                producer.produce(topic, 0, "big-platform".getBytes(StandardCharsets.UTF_8), big, threads + 1);
                for (Future<?> f : all) f.get();
            }
            ProducerTestSupport.await(done, 60, "reports");
        }
        assertEquals(0, errors.get());
        Map<String, byte[]> read = new HashMap<>();
        for (RawConsumer.Message m : RawConsumer.read(cluster.bootstrapServers(), topic, 0, threads + 2)) {
            read.put(new String(m.key(), StandardCharsets.UTF_8), m.value());
        }
        assertEquals(threads + 2, read.size());
        for (int id = 0; id < threads; id++) {
            assertEquals("value-" + id + "-".repeat(id % 50), new String(read.get("k" + id), StandardCharsets.UTF_8));
        }
        assertArrayEquals(big, read.get("big-virtual"));
        assertArrayEquals(big, read.get("big-platform"));
    }

    @Test
    void javaPartitionerChoosesAndItsFailuresFailOnlyThatRecord() throws Exception {
        Map<Integer, KafkaException> errors = new ConcurrentHashMap<>();
        Map<Integer, Integer> partitions = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(30);
        // librdkafka calls a partitioner only for keyed records (keyless ones are placed by
        // its sticky partitioner), so the failing records are chosen by key length.
        dev.jrdkafka.producer.Partitioner byLength = (topic, key, count) -> {
            if (key.remaining() % 10 == 9) throw new IllegalStateException("boom: key of length " + key.remaining());
            return key.remaining() % count;
        };
        try (Producer producer = Producer.create(ProducerTestSupport.config(cluster.bootstrapServers()),
                ProducerOptions.defaults().withPartitioner(byLength))) {
            for (int i = 0; i < 30; i++) {
                int idx = i;
                byte[] key = new byte[i];
                try {
                    producer.send(new ProducerRecord("custom-partitioner", key, new byte[] {1}), (md, err) -> {
                        if (err != null) errors.put(idx, err);
                        else partitions.put(idx, md.partition());
                        done.countDown();
                    });
                } catch (KafkaException e) {
                    // Once the partition count is known, librdkafka partitions inside produce
                    // and refuses the record there; before that, in the delivery report.
                    errors.put(idx, e);
                    done.countDown();
                }
            }
            ProducerTestSupport.await(done, 60, "reports");
        }
        assertEquals(Set.of(9, 19, 29), errors.keySet());
        errors.values().forEach(e -> assertEquals(dev.jrdkafka.KafkaError._UNKNOWN_PARTITION, e.error()));
        Map<Integer, Integer> expected = new HashMap<>();
        for (int i = 0; i < 30; i++) if (i % 10 != 9) expected.put(i, i % 4);
        assertEquals(expected, partitions);
    }
}
