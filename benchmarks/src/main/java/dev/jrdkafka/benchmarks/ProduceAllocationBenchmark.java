package dev.jrdkafka.benchmarks;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.DeliveryCallback;
import dev.jrdkafka.producer.DeliveryReport;
import dev.jrdkafka.producer.PersistenceStatus;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.producer.RecordMetadata;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
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

/**
 * Java-heap bytes allocated per produced message, to be run with JMH's GC profiler
 * ({@code -prof gc}, metric {@code gc.alloc.rate.norm}, B/op). One op is one 100-byte message
 * to partition 0 of a topic on an in-process {@link MockCluster} (1 broker).
 *
 * <ul>
 *   <li>{@code produceByteArray}: {@code produce(topic, 0, null, byte[], opaque)}.</li>
 *   <li>{@code produceDirectBuffer}: the same from one reused direct {@link ByteBuffer}
 *       (the producer wraps it with {@code MemorySegment.ofBuffer} per call).</li>
 *   <li>{@code produceSegment}: the same from one reused native {@link MemorySegment}.</li>
 *   <li>{@code produceBorrowed}: {@code produceBorrowed} of that segment (librdkafka does not
 *       copy it; it is never changed, so it stays valid until every report).</li>
 *   <li>{@code sendRecordWithCallback}: for contrast, {@code send(new ProducerRecord(...),
 *       callback)} with one shared callback.</li>
 * </ul>
 *
 * <p>The GC profiler divides the bytes allocated by <em>all</em> threads during an iteration by
 * the ops of the iteration, so the delivery reports served on the producer's poller thread are
 * counted too. The queue limits are large so that produce never meets _QUEUE_FULL (waiting for
 * room would allocate a retry lambda), and each iteration ends with a flush
 * ({@code @TearDown(Level.Iteration)}), so every report of the iteration's messages is served
 * inside the iteration, and the next one starts with an empty queue. The counts of
 * produced, delivered and failed messages are printed when each trial ends.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class ProduceAllocationBenchmark {

    static final String TOPIC = "alloc-bench";
    static final int PARTITION = 0;
    static final int VALUE_SIZE = 100;
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(120);

    private MockCluster cluster;
    private Producer producer;
    private Arena arena;

    private byte[] valueBytes;
    private ByteBuffer valueDirect;
    private MemorySegment valueSegment;
    private DeliveryCallback callback;

    /** The next opaque; also the number of messages produced (benchmark thread only). */
    private long sequence;
    // Written by the poller thread only (single writer), read at the end of the trial.
    private volatile long delivered;
    private volatile long failed;
    private volatile int firstError; // -1: delivered but not PERSISTED; -2: a latency below -1
    // Iteration bookkeeping (benchmark thread / teardown only).
    private int iterations;
    private int maxOutstandingAtIterationEnd;

    @Setup(Level.Trial)
    public void setUp() {
        warmUpClosePath();
        cluster = MockCluster.start(1);
        cluster.createTopic(TOPIC, 1, 1);
        KafkaConfig config = KafkaConfig.create()
                .bootstrapServers(cluster.bootstrapServers())
                .lingerMs(5)
                .queueBufferingMaxMessages(10_000_000)
                .queueBufferingMaxKbytes(2_000_000);
        producer = Producer.create(config, ProducerOptions.defaults().withDeliveryListener(this::onDelivery));
        callback = this::onCompletion;

        valueBytes = new byte[VALUE_SIZE];
        for (int i = 0; i < VALUE_SIZE; i++) valueBytes[i] = (byte) ('a' + i % 26);
        valueDirect = ByteBuffer.allocateDirect(VALUE_SIZE);
        valueDirect.put(valueBytes).flip();
        // Shared: the poller thread and librdkafka read the borrowed value after produce returns.
        arena = Arena.ofShared();
        valueSegment = arena.allocate(VALUE_SIZE, 8);
        MemorySegment.copy(valueBytes, 0, valueSegment, ValueLayout.JAVA_BYTE, 0, VALUE_SIZE);

        // Connect and learn the partition's leader before measuring.
        producer.produce(TOPIC, PARTITION, null, valueBytes, sequence++);
        producer.produce(TOPIC, PARTITION, (ByteBuffer) null, valueDirect, sequence++);
        if (valueDirect.remaining() != VALUE_SIZE) throw new IllegalStateException("produce moved the buffer's position");
        producer.flush(FLUSH_TIMEOUT);
        if (delivered != sequence) {
            throw new IllegalStateException("the first messages were not delivered (error " + firstError + ")");
        }
        System.out.printf("  [setup: mock cluster at %s, %d messages delivered%s]%n", cluster.bootstrapServers(),
                delivered, failed == 0 ? "" : ", " + failed + " failed");
    }

    /**
     * JMH runs the trial teardown inside the last measured iteration, so whatever it allocates
     * counts as that iteration's allocation. The first close of a producer and of a cluster
     * links call sites and loads classes, and the first printf loads locale data: hundreds of
     * kilobytes. A throwaway cluster and producer, closed here, take that cost before measuring.
     */
    private void warmUpClosePath() {
        try (MockCluster c = MockCluster.start(1);
             Producer p = Producer.create(KafkaConfig.create().bootstrapServers(c.bootstrapServers()),
                     ProducerOptions.defaults().withDeliveryListener(r -> { }))) {
            p.produce(TOPIC, PARTITION, null, new byte[VALUE_SIZE], 0);
            p.flush(FLUSH_TIMEOUT);
        }
    }

    private void onDelivery(DeliveryReport report) {
        int error = report.errorCode();
        // Read as an application acting on outcomes would: these must not allocate either.
        if (report.persistenceStatus() != PersistenceStatus.PERSISTED && error == 0) error = -1;
        if (report.latencyMicros() < -1) error = -2;
        if (error == 0) {
            delivered++;
        } else {
            if (failed == 0) firstError = error;
            failed++;
        }
    }

    private void onCompletion(RecordMetadata metadata, KafkaException error) {
        if (error == null) {
            delivered++;
        } else {
            if (failed == 0) firstError = error.code();
            failed++;
        }
    }

    /** Serves every report of the iteration's messages, so the next iteration starts empty. */
    @TearDown(Level.Iteration)
    public void flush() {
        maxOutstandingAtIterationEnd = Math.max(maxOutstandingAtIterationEnd, producer.outstanding());
        producer.flush(FLUSH_TIMEOUT);
        iterations++;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            producer.close();
            System.out.printf("  [%d iterations: %d produced, %d delivered, %d failed%s; at most %d outstanding "
                            + "when an iteration ended]%n", iterations, sequence, delivered, failed,
                    failed == 0 ? "" : " (first error " + firstError + ")", maxOutstandingAtIterationEnd);
        } finally {
            cluster.close();
            arena.close();
        }
    }

    @Benchmark
    public void produceByteArray() {
        producer.produce(TOPIC, PARTITION, null, valueBytes, sequence++);
    }

    /** {@code produce} reads the remaining bytes without moving the position, so one buffer serves every call. */
    @Benchmark
    public void produceDirectBuffer() {
        producer.produce(TOPIC, PARTITION, (ByteBuffer) null, valueDirect, sequence++);
    }

    @Benchmark
    public void produceSegment() {
        producer.produce(TOPIC, PARTITION, (MemorySegment) null, valueSegment, sequence++);
    }

    @Benchmark
    public void produceBorrowed() {
        producer.produceBorrowed(TOPIC, PARTITION, null, valueSegment, sequence++);
    }

    @Benchmark
    public void sendRecordWithCallback() {
        producer.send(new ProducerRecord(TOPIC, PARTITION, null, valueBytes, 0, List.of()), callback);
        sequence++;
    }
}
