/**
 * Consuming from Kafka with librdkafka's high-level consumer: group membership with
 * rebalancing done right for every protocol, single-record and batch polling (zero-copy
 * views), offsets, pause/resume and seeking. See {@link dev.jrdkafka.consumer.Consumer}.
 */
package dev.jrdkafka.consumer;
