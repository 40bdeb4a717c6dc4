package dev.jrdkafka.benchmarks;

import dev.jrdkafka.bindings.rd_kafka_message_s;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_list_sort$cmp;
import dev.jrdkafka.bindings.rd_kafka_topic_partition_s;
import dev.jrdkafka.bindings.rdkafka_h;
import dev.jrdkafka.nativelib.RdKafkaLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What it costs to cross between Java and librdkafka through the jextract bindings.
 *
 * <ul>
 *   <li>{@code version*}: the trivial downcall {@code int rd_kafka_version(void)} through the
 *       generated wrapper, through a plain downcall handle of our own, and through a
 *       {@code Linker.Option.critical(false)} handle.</li>
 *   <li>{@code murmur2*}: {@code rd_kafka_msg_partitioner_murmur2(rkt, key, keylen, cnt, NULL,
 *       NULL)}, a pure function (hash of the key, modulo; {@code rkt} and the opaques are
 *       unused, see rdkafka_msg.c) taking a pointer and a length: a pre-filled off-heap key
 *       through the generated wrapper, a {@code byte[]} key copied off-heap first, the off-heap key
 *       through a {@code critical(true)} handle, and the {@code byte[]} passed directly as a heap
 *       segment to that {@code critical(true)} handle.</li>
 *   <li>{@code sort*}: {@code rd_kafka_topic_partition_list_sort(list, cmp, NULL)} over an
 *       already sorted list of 2 or {@value #LONG_LIST} partitions of one topic, once with a Java
 *       comparator (an upcall stub, called synchronously on the calling thread, via
 *       glibc {@code qsort}) and once with {@code cmp = NULL} (librdkafka's own C comparator,
 *       which orders the elements the same way, so qsort makes the same comparisons). The cost of
 *       one upcall is (Java - C) / comparisons; the comparisons per sort are counted in Java and
 *       printed when each trial ends.</li>
 *   <li>{@code messageFields*}: reading err, partition, len, offset and key_len of an
 *       {@code rd_kafka_message_t} through the generated accessors, from a segment allocated in
 *       setup, and from a raw address reinterpreted per operation as a polled message would be;
 *       {@link #baseline()} is the empty method to compare with.</li>
 *   <li>{@code *SharedArena}: {@code murmur2OffHeap} and {@code messageFields} again, with the
 *       segments allocated in a shared arena instead of a confined one (a shared arena's
 *       segment passed to a downcall is acquired and released around the call).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class CrossingCostBenchmark {

    static final int LONG_LIST = 64;
    static final int KEY_SIZE = 16;
    static final int PARTITIONS = 12;

    private Arena arena;

    // version
    private MethodHandle versionPlain;
    private MethodHandle versionCritical;

    // murmur2
    private MethodHandle murmur2Critical;
    private byte[] keyBytes;
    private MemorySegment keyOffHeap;
    private MemorySegment keyScratch;

    // sort
    private MemorySegment list2;
    private MemorySegment listLong;
    private MemorySegment javaCmp;
    private long partitionOffset;
    private long comparisons;
    private long sorts;

    // message fields
    private MemorySegment message;
    private long messageAddress;

    @Setup(Level.Trial)
    public void setUp() {
        RdKafkaLibrary.load();
        // Setup of a Scope.Thread state runs on the benchmark thread: a confined arena is fine.
        arena = Arena.ofConfined();
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup = SymbolLookup.loaderLookup();

        MemorySegment version = lookup.findOrThrow("rd_kafka_version");
        FunctionDescriptor versionDesc = FunctionDescriptor.of(ValueLayout.JAVA_INT);
        versionPlain = linker.downcallHandle(version, versionDesc);
        versionCritical = linker.downcallHandle(version, versionDesc, Linker.Option.critical(false));

        murmur2Critical = linker.downcallHandle(
                lookup.findOrThrow("rd_kafka_msg_partitioner_murmur2"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                Linker.Option.critical(true));
        keyBytes = "order-0000012345".getBytes(StandardCharsets.US_ASCII);
        if (keyBytes.length != KEY_SIZE) throw new IllegalStateException("key size");
        keyOffHeap = arena.allocate(KEY_SIZE);
        MemorySegment.copy(keyBytes, 0, keyOffHeap, ValueLayout.JAVA_BYTE, 0, KEY_SIZE);
        keyScratch = arena.allocate(256);
        int viaGenerated = murmur2OffHeap();
        int viaCritical = murmur2CriticalHeap();
        int viaCriticalOffHeap = murmur2CriticalOffHeap();
        if (viaGenerated != viaCritical || viaGenerated != viaCriticalOffHeap) {
            throw new IllegalStateException("murmur2 disagrees: " + viaGenerated + ", " + viaCritical
                    + ", " + viaCriticalOffHeap);
        }

        MemorySegment topic = arena.allocateFrom("bench-topic");
        list2 = newSortedList(topic, 2);
        listLong = newSortedList(topic, LONG_LIST);
        partitionOffset = rd_kafka_topic_partition_s.partition$offset();
        javaCmp = rd_kafka_topic_partition_list_sort$cmp.allocate(this::compareByPartition, arena);

        message = rd_kafka_message_s.allocate(arena);
        rd_kafka_message_s.err(message, 0);
        rd_kafka_message_s.partition(message, 7);
        rd_kafka_message_s.len(message, 1024);
        rd_kafka_message_s.key_len(message, KEY_SIZE);
        rd_kafka_message_s.offset(message, 123_456_789L);
        messageAddress = message.address();
    }

    /** The same off-heap key and message, allocated in a shared arena. */
    @State(Scope.Thread)
    public static class SharedArenaState {
        Arena shared;
        MemorySegment key;
        MemorySegment message;

        @Setup(Level.Trial)
        public void setUp() {
            RdKafkaLibrary.load();
            shared = Arena.ofShared();
            key = shared.allocate(KEY_SIZE);
            MemorySegment.copy("order-0000012345".getBytes(StandardCharsets.US_ASCII), 0,
                    key, ValueLayout.JAVA_BYTE, 0, KEY_SIZE);
            message = rd_kafka_message_s.allocate(shared);
            rd_kafka_message_s.partition(message, 7);
            rd_kafka_message_s.len(message, 1024);
            rd_kafka_message_s.key_len(message, KEY_SIZE);
            rd_kafka_message_s.offset(message, 123_456_789L);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            shared.close();
        }
    }

    private static MemorySegment newSortedList(MemorySegment topic, int size) {
        MemorySegment list = rdkafka_h.rd_kafka_topic_partition_list_new(size);
        for (int p = 0; p < size; p++) {
            rdkafka_h.rd_kafka_topic_partition_list_add(list, topic, p);
        }
        return list;
    }

    /** All elements share one topic, so this orders them as librdkafka's default comparator. */
    private int compareByPartition(MemorySegment a, MemorySegment b, MemorySegment opaque) {
        comparisons++;
        int pa = a.reinterpret(partitionOffset + 4).get(ValueLayout.JAVA_INT, partitionOffset);
        int pb = b.reinterpret(partitionOffset + 4).get(ValueLayout.JAVA_INT, partitionOffset);
        return Integer.compare(pa, pb);
    }

    @TearDown(Level.Iteration)
    public void countComparisons() {
        // Comparisons per sort, over the iteration's sorts with the Java comparator.
        if (sorts > 0) {
            System.out.printf("  [upcalls per sort: %.2f over %d sorts]%n", (double) comparisons / sorts, sorts);
        }
        comparisons = 0;
        sorts = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rdkafka_h.rd_kafka_topic_partition_list_destroy(list2);
        rdkafka_h.rd_kafka_topic_partition_list_destroy(listLong);
        arena.close();
    }

    // ---- baseline ----

    @Benchmark
    public void baseline() {
        // Nothing: the cost of the benchmark loop itself.
    }

    // ---- 1, 2: trivial downcall ----

    @Benchmark
    public int versionGenerated() {
        return rdkafka_h.rd_kafka_version();
    }

    @Benchmark
    public int versionPlainHandle() throws Throwable {
        return (int) versionPlain.invokeExact();
    }

    @Benchmark
    public int versionCriticalHandle() throws Throwable {
        return (int) versionCritical.invokeExact();
    }

    // ---- 2: pointer + length to a pure function ----

    @Benchmark
    public int murmur2OffHeap() {
        return rdkafka_h.rd_kafka_msg_partitioner_murmur2(
                MemorySegment.NULL, keyOffHeap, KEY_SIZE, PARTITIONS, MemorySegment.NULL, MemorySegment.NULL);
    }

    @Benchmark
    public int murmur2OffHeapSharedArena(SharedArenaState s) {
        return rdkafka_h.rd_kafka_msg_partitioner_murmur2(
                MemorySegment.NULL, s.key, KEY_SIZE, PARTITIONS, MemorySegment.NULL, MemorySegment.NULL);
    }

    @Benchmark
    public int murmur2CopiedOffHeap() {
        byte[] key = keyBytes;
        MemorySegment.copy(key, 0, keyScratch, ValueLayout.JAVA_BYTE, 0, key.length);
        return rdkafka_h.rd_kafka_msg_partitioner_murmur2(
                MemorySegment.NULL, keyScratch, key.length, PARTITIONS, MemorySegment.NULL, MemorySegment.NULL);
    }

    @Benchmark
    public int murmur2CriticalOffHeap() {
        try {
            return (int) murmur2Critical.invokeExact(
                    MemorySegment.NULL, keyOffHeap, (long) KEY_SIZE, PARTITIONS,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Benchmark
    public int murmur2CriticalHeap() {
        byte[] key = keyBytes;
        try {
            return (int) murmur2Critical.invokeExact(
                    MemorySegment.NULL, MemorySegment.ofArray(key), (long) key.length, PARTITIONS,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    // ---- 3: upcalls ----

    @Benchmark
    public void sort2JavaComparator() {
        rdkafka_h.rd_kafka_topic_partition_list_sort(list2, javaCmp, MemorySegment.NULL);
        sorts++;
    }

    @Benchmark
    public void sort2NativeComparator() {
        rdkafka_h.rd_kafka_topic_partition_list_sort(list2, MemorySegment.NULL, MemorySegment.NULL);
    }

    @Benchmark
    public void sort64JavaComparator() {
        rdkafka_h.rd_kafka_topic_partition_list_sort(listLong, javaCmp, MemorySegment.NULL);
        sorts++;
    }

    @Benchmark
    public void sort64NativeComparator() {
        rdkafka_h.rd_kafka_topic_partition_list_sort(listLong, MemorySegment.NULL, MemorySegment.NULL);
    }

    // ---- 4: struct field reads ----

    @Benchmark
    public void messageFields(Blackhole bh) {
        MemorySegment m = message;
        bh.consume(rd_kafka_message_s.err(m));
        bh.consume(rd_kafka_message_s.partition(m));
        bh.consume(rd_kafka_message_s.len(m));
        bh.consume(rd_kafka_message_s.offset(m));
        bh.consume(rd_kafka_message_s.key_len(m));
    }

    @Benchmark
    public void messageFieldsSharedArena(SharedArenaState s, Blackhole bh) {
        MemorySegment m = s.message;
        bh.consume(rd_kafka_message_s.err(m));
        bh.consume(rd_kafka_message_s.partition(m));
        bh.consume(rd_kafka_message_s.len(m));
        bh.consume(rd_kafka_message_s.offset(m));
        bh.consume(rd_kafka_message_s.key_len(m));
    }

    /** As after a poll: a raw pointer made into a sized segment, then the same 5 reads. */
    @Benchmark
    public void messageFieldsReinterpreted(Blackhole bh) {
        MemorySegment m = MemorySegment.ofAddress(messageAddress).reinterpret(rd_kafka_message_s.sizeof());
        bh.consume(rd_kafka_message_s.err(m));
        bh.consume(rd_kafka_message_s.partition(m));
        bh.consume(rd_kafka_message_s.len(m));
        bh.consume(rd_kafka_message_s.offset(m));
        bh.consume(rd_kafka_message_s.key_len(m));
    }
}
