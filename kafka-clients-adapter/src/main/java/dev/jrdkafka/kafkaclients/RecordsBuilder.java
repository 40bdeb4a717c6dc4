package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Turns one jrdkafka {@link RecordBatch} (read in place) into kafka-clients
 * {@link ConsumerRecords}. Keys and values are copied once into {@code byte[]} for the
 * deserializer, except for {@link StringDeserializer}, which decodes straight from the
 * batch's memory (its {@code ByteBuffer} overload); no other deserializer gets a buffer over
 * the batch, since it may keep it (ByteBufferDeserializer returns it) after the batch is freed.
 */
final class RecordsBuilder<K, V> {
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final boolean keyFromBuffer;
    private final boolean valueFromBuffer;

    RecordsBuilder(Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
        this.keyFromBuffer = keyDeserializer.getClass() == StringDeserializer.class;
        this.valueFromBuffer = valueDeserializer.getClass() == StringDeserializer.class;
    }

    /** The records built, and where deserialization failed (null if it did not). */
    record Result<K, V>(ConsumerRecords<K, V> records, Map<TopicPartition, Long> notReturned,
                        RecordDeserializationException failure) {}

    Result<K, V> build(RecordBatch batch) {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition = new LinkedHashMap<>();
        int n = batch.size();
        String lastTopic = null;
        int lastPartition = -1;
        TopicPartition tp = null;
        List<ConsumerRecord<K, V>> list = null;
        for (int i = 0; i < n; i++) {
            String topic = batch.topic(i);
            int partition = batch.partition(i);
            if (partition != lastPartition || !topic.equals(lastTopic)) { // a batch holds runs of one partition
                tp = new TopicPartition(topic, partition);
                list = byPartition.computeIfAbsent(tp, x -> new ArrayList<>());
                lastTopic = topic;
                lastPartition = partition;
            }
            List<dev.jrdkafka.Header> jrdHeaders = batch.headers(i);
            RecordHeaders headers = jrdHeaders.isEmpty() ? new RecordHeaders() : Convert.headersToKafka(jrdHeaders);
            MemorySegment k = batch.key(i);
            MemorySegment v = batch.value(i);
            K key;
            V value;
            try {
                key = keyFromBuffer ? keyDeserializer.deserialize(topic, headers, k == null ? null : k.asByteBuffer())
                        : keyDeserializer.deserialize(topic, headers, k == null ? null : k.toArray(ValueLayout.JAVA_BYTE));
                value = valueFromBuffer ? valueDeserializer.deserialize(topic, headers, v == null ? null : v.asByteBuffer())
                        : valueDeserializer.deserialize(topic, headers, v == null ? null : v.toArray(ValueLayout.JAVA_BYTE));
            } catch (RuntimeException e) {
                return failed(batch, i, byPartition, e, tp, batch.get(i), headers);
            }
            int keySize = k == null ? ConsumerRecord.NULL_SIZE : (int) k.byteSize();
            int valueSize = v == null ? ConsumerRecord.NULL_SIZE : (int) v.byteSize();
            int epoch = batch.leaderEpoch(i);
            list.add(new ConsumerRecord<>(topic, partition, batch.offset(i), batch.timestamp(i),
                    timestampType(batch.timestampType(i)), keySize, valueSize, key, value, headers,
                    epoch < 0 ? Optional.empty() : Optional.of(epoch)));
        }
        return new Result<>(new ConsumerRecords<>(byPartition, nextOffsets(byPartition)), Map.of(), null);
    }

    /** Per partition, the position after its last record, with that record's leader epoch. */
    private static <K, V> Map<TopicPartition, OffsetAndMetadata> nextOffsets(Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition) {
        Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
        byPartition.forEach((tp, records) -> {
            if (records.isEmpty()) return;
            ConsumerRecord<K, V> last = records.getLast();
            next.put(tp, new OffsetAndMetadata(last.offset() + 1, last.leaderEpoch(), ""));
        });
        return next;
    }

    private Result<K, V> failed(RecordBatch batch, int at, Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition,
                                RuntimeException e, TopicPartition tp,
                                RecordView v, RecordHeaders headers) {
        // Every partition's first record not returned: the consumer seeks back to it.
        Map<TopicPartition, Long> notReturned = new LinkedHashMap<>();
        for (int i = at; i < batch.size(); i++) {
            notReturned.putIfAbsent(new TopicPartition(batch.topic(i), batch.partition(i)), batch.offset(i));
        }
        boolean keyFailed = false;
        try {
            keyDeserializer.deserialize(v.topic(), headers, v.keyBytes());
        } catch (RuntimeException keyError) {
            keyFailed = true;
        }
        RecordDeserializationException failure = new RecordDeserializationException(
                keyFailed ? RecordDeserializationException.DeserializationExceptionOrigin.KEY
                        : RecordDeserializationException.DeserializationExceptionOrigin.VALUE,
                tp, v.offset(), v.timestamp(), timestampType(v.timestampType()),
                v.key() == null ? null : ByteBuffer.wrap(v.keyBytes()), v.value() == null ? null : ByteBuffer.wrap(v.valueBytes()),
                headers, "Error deserializing " + (keyFailed ? "key" : "value") + " for partition " + tp + " at offset "
                + v.offset() + ". If needed, please seek past the record to continue consumption.", e);
        return new Result<>(new ConsumerRecords<>(byPartition, nextOffsets(byPartition)), notReturned, failure);
    }

    static TimestampType timestampType(dev.jrdkafka.consumer.TimestampType t) {
        return switch (t) {
            case CREATE_TIME -> TimestampType.CREATE_TIME;
            case LOG_APPEND_TIME -> TimestampType.LOG_APPEND_TIME;
            case NONE -> TimestampType.NO_TIMESTAMP_TYPE;
        };
    }
}
