/**
 * jextract's bindings for librdkafka's {@code rdkafka.h} and {@code rdkafka_mock.h}: one
 * package, {@code dev.jrdkafka.bindings}, generated and never edited (see bindings/README.md).
 * Symbols are looked up in the librdkafka that {@code dev.jrdkafka.nativelib} loaded.
 */
module dev.jrdkafka.bindings {
    requires transitive dev.jrdkafka.nativelib;

    exports dev.jrdkafka.bindings;
}
