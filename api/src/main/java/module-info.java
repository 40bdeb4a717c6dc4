/**
 * jrdkafka's Java API over librdkafka. Public packages: {@code dev.jrdkafka} (library
 * facts; clients follow) and {@code dev.jrdkafka.mock} (librdkafka's in-process mock
 * cluster). {@code dev.jrdkafka.internal.rd} is the one place that calls the generated
 * bindings; it is not exported.
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
