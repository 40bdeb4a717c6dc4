/**
 * Finds, extracts and loads the librdkafka shared library that jrdkafka's bindings use.
 * See {@link dev.jrdkafka.nativelib.RdKafkaLibrary}.
 */
module dev.jrdkafka.nativelib {
    exports dev.jrdkafka.nativelib;
}
