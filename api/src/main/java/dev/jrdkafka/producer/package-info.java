/**
 * Producing to Kafka with librdkafka's producer.
 *
 * <p>librdkafka's model first: {@code produce} only enqueues a message on the client's
 * local queue and returns; librdkafka's own threads batch, compress and send it, retry
 * retriable errors, and report the outcome of every message exactly once as a delivery
 * report. Delivery reports reach Java only when the client's main queue is served:
 * {@link dev.jrdkafka.producer.Producer} does that on a built-in poller thread by default,
 * or on the thread that calls {@code poll} when that thread is turned off. Reports come
 * in batches through librdkafka's event API: one crossing from Java into C serves many
 * messages.
 */
package dev.jrdkafka.producer;
