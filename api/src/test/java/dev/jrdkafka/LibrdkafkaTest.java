package dev.jrdkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibrdkafkaTest {
    @Test
    void reportsThePinnedVersion() {
        assertEquals("2.15.0", Librdkafka.version());
        assertEquals(0x020f00, Librdkafka.versionNumber() >>> 8);
    }

    @Test
    void builtinFeaturesIncludeCompressionTlsAndSasl() {
        var features = Librdkafka.builtinFeatures();
        for (String f : List.of("gzip", "snappy", "ssl", "sasl_plain", "sasl_scram", "sasl_oauthbearer", "lz4", "zstd")) {
            assertTrue(features.contains(f), f + " missing from " + features);
        }
    }

    @Test
    void builtinFeaturesDoNotClaimWhatTheDefaultBuildLeavesOut() {
        // GSSAPI (Cyrus SASL) and OIDC (libcurl) are opt-in build variants, see cmake/README.md.
        var features = Librdkafka.builtinFeatures();
        for (String f : List.of("sasl_gssapi", "oidc", "http")) {
            assertTrue(!features.contains(f), f + " claimed by " + features);
        }
    }

    @Test
    void libraryPathIsTheBundledExtractedFile() {
        // -Pasan (cmake/README.md) loads an AddressSanitizer build through the override instead.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("JRDKAFKA_LIBRARY_PATH") == null,
                "JRDKAFKA_LIBRARY_PATH names another library");
        assertTrue(Files.isRegularFile(Librdkafka.libraryPath()));
        assertTrue(Librdkafka.isBundled());
    }
}
