package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.kafkaclients.ConfigTranslator.Role;
import dev.jrdkafka.kafkaclients.ConfigTranslator.Translation;
import dev.jrdkafka.kafkaclients.ErrorMapping.Side;
import dev.jrdkafka.producer.ProducerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kafka-clients' {@link Producer} over jrdkafka's {@link dev.jrdkafka.producer.Producer}:
 * built from a kafka-clients configuration ({@link ConfigTranslator}), with kafka-clients'
 * serializers (headers passed), {@link ProducerInterceptor}s, callbacks and futures.
 *
 * <p>Thread-safe, as {@code KafkaProducer}. Callbacks and interceptors'
 * {@code onAcknowledgement} run on jrdkafka's delivery-report thread, in order per
 * partition, and must be quick. Errors reach callbacks and futures as kafka-clients
 * exceptions ({@link ErrorMapping}); like {@code KafkaProducer}, {@code send} reports API
 * errors through the callback and future and throws only for serialization and misuse.
 * {@code max.block.ms} bounds how long {@code send} waits for queue space and how long
 * metadata and transaction calls wait (default 60 s).
 */
public final class JrdkafkaProducer<K, V> implements Producer<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(JrdkafkaProducer.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final dev.jrdkafka.producer.Producer producer;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final List<ProducerInterceptor<K, V>> interceptors;
    private final StatisticsMetrics metrics;
    private final Duration maxBlock;
    private final boolean transactional;
    /** Records produced on jrdkafka's fast path, by opaque id, until their delivery report. */
    private final java.util.concurrent.ConcurrentHashMap<Long, Pending> pending = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextId = new java.util.concurrent.atomic.AtomicLong();

    /** What a delivery report completes. */
    private record Pending(int keySize, int valueSize, RecordHeaders headers, Callback callback,
                           CompletableFuture<RecordMetadata> future) {}

    public JrdkafkaProducer(Map<String, Object> configs) {
        this(configs, null, null);
    }

    public JrdkafkaProducer(Properties properties) {
        this(properties, null, null);
    }

    public JrdkafkaProducer(Properties properties, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(ConfigTranslator.translate(properties, Role.PRODUCER), toMap(properties), keySerializer, valueSerializer);
    }

    public JrdkafkaProducer(Map<String, Object> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(ConfigTranslator.translate(configs, Role.PRODUCER), configs, keySerializer, valueSerializer);
    }

    @SuppressWarnings("unchecked")
    private JrdkafkaProducer(Translation t, Map<String, ?> original, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        String clientId = t.config().get("client.id").orElse("producer-jrdkafka-" + IDS.incrementAndGet());
        t.config().clientId(clientId);
        this.keySerializer = keySerializer != null ? keySerializer
                : configured((Serializer<K>) single(t.javaSide().get("key.serializer"), "key.serializer", original), original, true);
        this.valueSerializer = valueSerializer != null ? valueSerializer
                : configured((Serializer<V>) single(t.javaSide().get("value.serializer"), "value.serializer", original), original, false);
        List<?> list = Convert.instances(t.javaSide().get("interceptor.classes"), ProducerInterceptor.class, original);
        this.interceptors = (List<ProducerInterceptor<K, V>>) list;
        this.maxBlock = Duration.ofMillis(Long.parseLong(String.valueOf(t.javaSide("max.block.ms", "60000")).strip()));
        this.transactional = t.config().get("transactional.id").isPresent();
        this.metrics = new StatisticsMetrics(Role.PRODUCER, clientId);
        StatisticsMetrics m = metrics;
        ClientListener listener = new ClientListener() {
            @Override
            public void onStats(String json) {
                m.onStats(json);
            }
        };
        ProducerOptions options = ProducerOptions.defaults().withListener(listener).withQueueFullTimeout(maxBlock)
                .withDeliveryListener(this::onDelivery);
        try {
            this.producer = dev.jrdkafka.producer.Producer.create(t.config(), options);
        } catch (dev.jrdkafka.KafkaException e) {
            throw new KafkaException("Failed to construct jrdkafka producer: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new org.apache.kafka.common.config.ConfigException(e.getMessage());
        }
    }

    private static Map<String, Object> toMap(Properties p) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) m.put(name, p.getProperty(name));
        p.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    private static Object single(Object spec, String key, Map<String, ?> configs) {
        if (spec == null) {
            throw new org.apache.kafka.common.config.ConfigException(key + " is not set and no serializer was passed"
                    + " to the constructor");
        }
        if (spec instanceof Serializer<?> s) return s;
        return Convert.instances(spec, Serializer.class, Map.of()).getFirst();
    }

    private static <T> Serializer<T> configured(Serializer<T> s, Map<String, ?> configs, boolean isKey) {
        s.configure(configs, isKey);
        return s;
    }

    // ---- send ---------------------------------------------------------------------

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        Objects.requireNonNull(record, "record");
        ProducerRecord<K, V> intercepted = onSend(record);
        RecordHeaders headers = new RecordHeaders(intercepted.headers().toArray());
        byte[] key = keySerializer.serialize(intercepted.topic(), headers, intercepted.key());
        byte[] value = valueSerializer.serialize(intercepted.topic(), headers, intercepted.value());
        int partition = intercepted.partition() == null ? dev.jrdkafka.producer.ProducerRecord.UNASSIGNED : intercepted.partition();
        long timestamp = intercepted.timestamp() == null ? 0 : intercepted.timestamp();
        if (timestamp < 0) throw new IllegalArgumentException("Invalid timestamp: " + timestamp);
        headers.setReadOnly();
        int keySize = key == null ? -1 : key.length;
        int valueSize = value == null ? -1 : value.length;
        String topic = intercepted.topic();
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        if (timestamp == 0 && headers.toArray().length == 0) {
            // jrdkafka's fast path (no per-record native scratch memory); reports reach onDelivery
            long id = nextId.incrementAndGet();
            pending.put(id, new Pending(keySize, valueSize, headers, callback, future));
            try {
                producer.produce(topic, partition, key, value, id);
            } catch (dev.jrdkafka.KafkaException e) {
                pending.remove(id);
                RuntimeException mapped = mapped(e);
                if (!(mapped instanceof ApiException)) throw mapped;
                complete(new RecordMetadata(new TopicPartition(topic, Math.max(partition, -1)), -1, -1, -1, -1, -1), mapped,
                        headers, callback, future);
            } catch (RuntimeException e) {
                pending.remove(id);
                throw e;
            }
            return future;
        }
        try {
            producer.send(new dev.jrdkafka.producer.ProducerRecord(topic, partition, key, value, timestamp,
                    Convert.headersToJrd(headers)), (md, error) -> {
                RecordMetadata metadata;
                Exception mapped = null;
                if (error == null) {
                    metadata = new RecordMetadata(new TopicPartition(md.topic(), md.partition()), md.offset(), 0,
                            md.timestamp(), keySize, valueSize);
                } else {
                    mapped = mapped(error);
                    int p = md != null ? md.partition() : partition;
                    metadata = new RecordMetadata(new TopicPartition(topic, Math.max(p, RecordMetadata.UNKNOWN_PARTITION)), -1, -1,
                            -1, -1, -1);
                }
                complete(metadata, mapped, headers, callback, future);
            });
        } catch (dev.jrdkafka.KafkaException e) {
            RuntimeException mapped = mapped(e);
            if (!(mapped instanceof ApiException)) throw mapped;
            RecordMetadata metadata = new RecordMetadata(new TopicPartition(topic, Math.max(partition, -1)), -1, -1, -1, -1, -1);
            complete(metadata, mapped, headers, callback, future);
        }
        return future;
    }

    /** Delivery reports of fast-path records, on jrdkafka's serving thread. */
    private void onDelivery(dev.jrdkafka.producer.DeliveryReport report) {
        Pending p = pending.remove(report.opaque());
        if (p == null) return;
        RecordMetadata metadata;
        Exception error = null;
        if (report.succeeded()) {
            metadata = new RecordMetadata(new TopicPartition(report.topic(), report.partition()), report.offset(), 0,
                    report.timestamp(), p.keySize(), p.valueSize());
        } else {
            error = mapped(dev.jrdkafka.KafkaException.of(report.errorCode(), "delivery to " + report.topic() + " ["
                    + report.partition() + "] failed: " + report.error().description() + " (" + report.error() + ")"));
            metadata = new RecordMetadata(new TopicPartition(report.topic(), Math.max(report.partition(), -1)), -1, -1, -1, -1, -1);
        }
        complete(metadata, error, p.headers(), p.callback(), p.future());
    }

    private ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        ProducerRecord<K, V> r = record;
        for (ProducerInterceptor<K, V> i : interceptors) {
            try {
                r = i.onSend(r);
            } catch (RuntimeException e) {
                LOG.warn("producer interceptor {} onSend failed; record kept as it was: {}", i.getClass().getName(), e.toString());
            }
        }
        return r;
    }

    private void complete(RecordMetadata metadata, Exception error, RecordHeaders headers, Callback callback,
                          CompletableFuture<RecordMetadata> future) {
        for (ProducerInterceptor<K, V> i : interceptors) {
            try {
                i.onAcknowledgement(metadata, error, headers);
            } catch (RuntimeException e) {
                LOG.warn("producer interceptor {} onAcknowledgement failed: {}", i.getClass().getName(), e.toString());
            }
        }
        if (callback != null) {
            try {
                callback.onCompletion(metadata, error);
            } catch (RuntimeException e) {
                LOG.error("producer callback failed", e);
            }
        }
        if (error == null) future.complete(metadata);
        else future.completeExceptionally(error);
    }

    @Override
    public void flush() {
        try {
            producer.flush(Duration.ofDays(365));
        } catch (dev.jrdkafka.KafkaException e) {
            throw ErrorMapping.toKafkaClients(e, Side.PRODUCER);
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        Objects.requireNonNull(topic, "topic");
        try {
            producer.partitionsFor(topic, maxBlock); // waits for the topic (auto-creation), as KafkaProducer does
            List<PartitionInfo> parts = Convert.topics(producer.metadata(maxBlock)).get(topic);
            return parts == null ? List.of() : parts;
        } catch (dev.jrdkafka.KafkaException e) {
            throw ErrorMapping.toKafkaClients(e, Side.PRODUCER);
        }
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    /** librdkafka pushes its own KIP-714 metrics ({@code enable.metrics.push}); kafka-clients metrics are not added to them. */
    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {}

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {}

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        throw new UnsupportedOperationException("clientInstanceId: librdkafka 2.15.0 has no public call returning the"
                + " KIP-714 client instance id");
    }

    // ---- transactions ---------------------------------------------------------------

    @Override
    public void initTransactions() {
        requireTransactional("initTransactions");
        tx(() -> producer.initTransactions(maxBlock));
    }

    @Override
    public void beginTransaction() throws ProducerFencedException {
        requireTransactional("beginTransaction");
        tx(producer::beginTransaction);
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata)
            throws ProducerFencedException {
        requireTransactional("sendOffsetsToTransaction");
        Objects.requireNonNull(groupMetadata, "groupMetadata");
        if (offsets.isEmpty()) return; // as KafkaProducer: nothing to send
        var jrd = Convert.offsetsToJrd(offsets);
        var group = Convert.toJrd(groupMetadata);
        tx(() -> producer.sendOffsetsToTransaction(jrd, group, maxBlock));
    }

    @Override
    public void commitTransaction() throws ProducerFencedException {
        requireTransactional("commitTransaction");
        tx(() -> producer.commitTransaction(maxBlock));
    }

    @Override
    public void abortTransaction() throws ProducerFencedException {
        requireTransactional("abortTransaction");
        tx(() -> producer.abortTransaction(maxBlock));
    }

    private void requireTransactional(String call) {
        if (!transactional) {
            throw new IllegalStateException("Cannot use transactional methods without enabling transactions by setting"
                    + " the transactional.id configuration property (" + call + ")");
        }
    }

    private void tx(Runnable call) {
        try {
            call.run();
        } catch (dev.jrdkafka.KafkaException e) {
            throw mapped(e);
        }
    }

    /**
     * Once the producer has a fatal error (fenced…), records and calls fail with that error,
     * as in kafka-clients, rather than with librdkafka's consequence (records purged, _FATAL).
     */
    private RuntimeException mapped(dev.jrdkafka.KafkaException e) {
        if (e.isFatal() || e.error() == dev.jrdkafka.KafkaError._PURGE_QUEUE || e.error() == dev.jrdkafka.KafkaError._PURGE_INFLIGHT
                || e.error() == dev.jrdkafka.KafkaError._FATAL) {
            try {
                var fatal = producer.fatalError();
                if (fatal.isPresent()) return ErrorMapping.toKafkaClients(fatal.get(), Side.PRODUCER);
            } catch (RuntimeException closed) {
                // closed producer: map what we have
            }
        }
        return ErrorMapping.toKafkaClients(e, Side.PRODUCER);
    }

    // ---- close ----------------------------------------------------------------------

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Override
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) throw new IllegalArgumentException("The timeout cannot be negative.");
        Duration bounded = timeout.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365) : timeout;
        try {
            producer.close(bounded);
        } finally {
            closeQuietly(interceptors);
            closeQuietly(List.of(keySerializer, valueSerializer));
        }
    }

    static void closeQuietly(List<? extends AutoCloseable> closeables) {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", c.getClass().getName(), e.toString());
            }
        }
    }

    /** The jrdkafka producer underneath, for jrdkafka's own calls (purge, fatalError, …). */
    public dev.jrdkafka.producer.Producer unwrap() {
        return producer;
    }
}
