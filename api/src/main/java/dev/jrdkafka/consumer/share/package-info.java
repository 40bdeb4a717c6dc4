/**
 * Share consumers (KIP-932, "Queues for Kafka"): members of a share group consume the same
 * partitions cooperatively, acquiring, acknowledging (ACCEPT, RELEASE, REJECT) and getting
 * redelivered individual records. Start at {@link dev.jrdkafka.consumer.share.ShareConsumer}.
 *
 * <p>Preview: librdkafka 2.15.0 marks the share consumer as a preview, so this API may
 * change. Its documented limits (single-threaded, no wakeup, no acquisition-lock renewal)
 * are stated and enforced by {@link dev.jrdkafka.consumer.share.ShareConsumer}.
 */
package dev.jrdkafka.consumer.share;
