package dev.jrdkafka.benchmarks;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Java-heap bytes allocated, and time, per consumed message, to be run with JMH's GC
 * profiler ({@code -prof gc}, {@code gc.alloc.rate.norm}, B/op). One op is one 100-byte
 * message read from an in-process {@link MockCluster} (1 broker, 1 partition holding
 * {@value #MESSAGES} messages, read over and over: the consumer seeks back to offset 0 at
 * the end). Each invocation reads {@value #PER_INVOCATION} messages.
 *
 * <ul>
 *   <li>{@code batchViews}: {@code pollBatch}, then per record the view's partition, offset
 *       and value read in place (its length and first and last bytes) — the zero-copy path.</li>
 *   <li>{@code singlePoll}: for contrast, {@code poll()} returning one owned
 *       {@link ConsumerRecord} (key and value copied) per message.</li>
 * </ul>
 *
 * <p>The GC profiler counts the bytes allocated by all threads of the JVM during an iteration,
 * librdkafka's callbacks and the consumer's own bookkeeping included.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class ConsumeAllocationBenchmark {
    static final String TOPIC = "consume-bench";
    static final int MESSAGES = 40_000; // 4 MB: within the mock's 5 MiB per partition
    static final int PER_INVOCATION = 1_000;
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private MockCluster cluster;
    private Consumer consumer;
    private long consumed;
    private long rewinds;

    @Setup(Level.Trial)
    public void setUp() {
        cluster = MockCluster.start(1);
        cluster.createTopic(TOPIC, 1, 1);
        try (Producer producer = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers()).lingerMs(5))) {
            byte[] value = new byte[100];
            for (int i = 0; i < MESSAGES; i++) {
                value[0] = (byte) i;
                producer.produce(TOPIC, 0, null, value);
            }
            producer.flush(Duration.ofSeconds(60));
        }
        // fetch.wait.max.ms: the mock answers an empty fetch only after this wait.
        consumer = Consumer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers())
                .set("auto.offset.reset", "earliest").set("fetch.wait.max.ms", "5"));
        consumer.assign(List.of(TP));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf("  [%d messages consumed, %d rewinds]%n", consumed, rewinds);
        consumer.close();
        cluster.close();
    }

    @Benchmark
    @OperationsPerInvocation(PER_INVOCATION)
    public void batchViews(Blackhole bh) {
        int left = PER_INVOCATION;
        while (left > 0) {
            try (RecordBatch batch = consumer.pollBatch(left, Duration.ofSeconds(5))) {
                int n = batch.size();
                for (int i = 0; i < n; i++) {
                    RecordView v = batch.get(i);
                    MemorySegment value = v.value();
                    long len = value.byteSize();
                    bh.consume(v.partition());
                    bh.consume(v.offset());
                    bh.consume(value.get(ValueLayout.JAVA_BYTE, 0) + value.get(ValueLayout.JAVA_BYTE, len - 1));
                    if (v.offset() == MESSAGES - 1) rewind();
                }
                left -= n;
                consumed += n;
                if (n == 0) throw new IllegalStateException("no message within 5 s after " + consumed);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(PER_INVOCATION)
    public void singlePoll(Blackhole bh) {
        for (int left = PER_INVOCATION; left > 0; left--) {
            ConsumerRecord r = consumer.poll(Duration.ofSeconds(5));
            if (r == null) throw new IllegalStateException("no message within 5 s after " + consumed);
            bh.consume(r.partition());
            bh.consume(r.offset());
            bh.consume(r.value()[0] + r.value()[r.value().length - 1]);
            if (r.offset() == MESSAGES - 1) rewind();
            consumed++;
        }
    }

    /** Back to the first message (the rest of the current batch is still read: seek drops what was fetched). */
    private void rewind() {
        consumer.seek(TP, 0);
        rewinds++;
    }
}
