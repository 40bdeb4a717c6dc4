/**
 * jrdkafka's Java API over librdkafka. Public packages: {@code dev.jrdkafka} (errors, topic
 * partitions, the client listener, library facts), {@code dev.jrdkafka.config}
 * (configuration), {@code dev.jrdkafka.producer}, {@code dev.jrdkafka.consumer},
 * {@code dev.jrdkafka.queue} (librdkafka's queues and events; waiting on consumers without
 * pinning virtual threads) and {@code dev.jrdkafka.mock} (librdkafka's in-process mock
 * cluster). {@code dev.jrdkafka.internal.rd} is the one place that calls the generated
 * bindings; it and {@code dev.jrdkafka.internal} are not exported.
 */
module dev.jrdkafka.api {
    requires dev.jrdkafka.bindings;
    requires org.slf4j;

    exports dev.jrdkafka;
    exports dev.jrdkafka.config;
    exports dev.jrdkafka.consumer;
    exports dev.jrdkafka.mock;
    exports dev.jrdkafka.producer;
    exports dev.jrdkafka.queue;
}
