package dev.jrdkafka.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed bindings were generated from exactly the headers, wrapper and include list
 * that this build uses, as recorded by bindings/regenerate.sh in the manifest. A librdkafka
 * bump without regenerating fails here instead of in a crash at run time.
 */
class ManifestTest {
    private static final String REGENERATE = "; the bindings are stale: run bindings/regenerate.sh (JEXTRACT=/path/to/jextract)"
            + " and commit bindings/src/generated/";
    private static Properties manifest;

    @BeforeAll
    static void readManifest() throws IOException {
        manifest = new Properties();
        try (Reader r = Files.newBufferedReader(TestSupport.MANIFEST)) {
            manifest.load(r);
        }
    }

    private static String entry(String key) {
        String value = manifest.getProperty(key);
        if (value == null) throw new AssertionError(TestSupport.MANIFEST + " has no " + key + REGENERATE);
        return value;
    }

    /** The manifest's librdkafka.version, 0xMMmmrrpp (major, minor, revision, pre-release), as "M.m.r". */
    private static String generatedFor() {
        int hex = Integer.parseUnsignedInt(entry("librdkafka.version"), 16);
        return (hex >>> 24) + "." + ((hex >>> 16) & 0xff) + "." + ((hex >>> 8) & 0xff);
    }

    @Test
    void headersAreTheOnesOfTheNativeBuild() throws IOException {
        for (String header : new String[] {"rdkafka.h", "rdkafka_mock.h"}) {
            Path file = TestSupport.HEADERS.resolve(header);
            assertEquals(entry("header." + header + ".sha256"), TestSupport.sha256(file),
                    "SHA-256 of " + file + " differs from the one the bindings were generated from" + REGENERATE);
        }
    }

    @Test
    void wrapperHeaderAndIncludeListAreTheCommittedOnes() throws IOException {
        Path wrapper = TestSupport.BINDINGS.resolve("jextract/rdkafka_jextract.h");
        assertEquals(entry("header.rdkafka_jextract.h.sha256"), TestSupport.sha256(wrapper), wrapper + " changed" + REGENERATE);
        assertEquals(entry("includes.sha256"), TestSupport.sha256(TestSupport.INCLUDES), TestSupport.INCLUDES + " changed" + REGENERATE);
    }

    @Test
    void librdkafkaVersionIsTheBuiltOne() {
        int hex = Integer.parseUnsignedInt(entry("librdkafka.version"), 16);
        assertEquals(0xff, hex & 0xff, "bindings generated from a pre-release librdkafka " + entry("librdkafka.version"));
        assertEquals(System.getProperty("jrdkafka.test.librdkafkaVersion"), generatedFor(),
                "librdkafka.version in the manifest vs the build's librdkafka.version" + REGENERATE);
        assertEquals(hex, rdkafka_h.RD_KAFKA_VERSION(), "RD_KAFKA_VERSION in the generated rdkafka_h");
    }

    @Test
    void fileCountIsTheGeneratedOne() throws IOException {
        long files;
        try (Stream<Path> s = Files.walk(TestSupport.GENERATED_JAVA)) {
            files = s.filter(p -> p.toString().endsWith(".java")).count();
        }
        assertEquals(Long.parseLong(entry("files")), files, "generated .java files under " + TestSupport.GENERATED_JAVA + REGENERATE);
    }

    @Test
    void loadedLibraryIsTheVersionTheBindingsWereGeneratedFor() {
        TestSupport.loadLibrary();
        assertEquals(generatedFor(), TestSupport.cString(rdkafka_h.rd_kafka_version_str()));
        assertEquals(Integer.parseUnsignedInt(entry("librdkafka.version"), 16), rdkafka_h.rd_kafka_version());
    }
}
