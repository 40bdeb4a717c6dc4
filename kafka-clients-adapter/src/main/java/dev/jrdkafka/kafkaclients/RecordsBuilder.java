package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
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
        Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
        int n = batch.size();
        for (int i = 0; i < n; i++) {
            RecordView v = batch.get(i);
            TopicPartition tp = new TopicPartition(v.topic(), v.partition());
            RecordHeaders headers = Convert.headersToKafka(v.headers());
            K key;
            V value;
            try {
                key = keyFromBuffer ? fromBuffer(keyDeserializer, v.topic(), headers, v.key() == null ? null
                        : v.key().asByteBuffer()) : keyDeserializer.deserialize(v.topic(), headers, v.keyBytes());
                value = valueFromBuffer ? fromBuffer(valueDeserializer, v.topic(), headers, v.value() == null ? null
                        : v.value().asByteBuffer()) : valueDeserializer.deserialize(v.topic(), headers, v.valueBytes());
            } catch (RuntimeException e) {
                return failed(batch, i, byPartition, next, e, tp, v, headers);
            }
            int keySize = v.key() == null ? ConsumerRecord.NULL_SIZE : (int) v.key().byteSize();
            int valueSize = v.value() == null ? ConsumerRecord.NULL_SIZE : (int) v.value().byteSize();
            int epoch = v.leaderEpoch();
            Optional<Integer> leaderEpoch = epoch < 0 ? Optional.empty() : Optional.of(epoch);
            byPartition.computeIfAbsent(tp, x -> new ArrayList<>()).add(new ConsumerRecord<>(v.topic(), v.partition(), v.offset(),
                    v.timestamp(), timestampType(v.timestampType()), keySize, valueSize, key, value, headers, leaderEpoch));
            next.put(tp, new OffsetAndMetadata(v.offset() + 1, leaderEpoch, ""));
        }
        return new Result<>(new ConsumerRecords<>(byPartition, next), Map.of(), null);
    }

    private Result<K, V> failed(RecordBatch batch, int at, Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition,
                                Map<TopicPartition, OffsetAndMetadata> next, RuntimeException e, TopicPartition tp,
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
        return new Result<>(new ConsumerRecords<>(byPartition, next), notReturned, failure);
    }

    private static <T> T fromBuffer(Deserializer<T> d, String topic, RecordHeaders headers, ByteBuffer data) {
        return d.deserialize(topic, headers, data);
    }

    static TimestampType timestampType(dev.jrdkafka.consumer.TimestampType t) {
        return switch (t) {
            case CREATE_TIME -> TimestampType.CREATE_TIME;
            case LOG_APPEND_TIME -> TimestampType.LOG_APPEND_TIME;
            case NONE -> TimestampType.NO_TIMESTAMP_TYPE;
        };
    }
}
