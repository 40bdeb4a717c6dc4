package dev.jrdkafka.consumer;

/** librdkafka's rd_kafka_timestamp_type_t. */
public enum TimestampType {
    NONE, CREATE_TIME, LOG_APPEND_TIME;

    static TimestampType of(long code) {
        return code == 1 ? CREATE_TIME : code == 2 ? LOG_APPEND_TIME : NONE;
    }
}
