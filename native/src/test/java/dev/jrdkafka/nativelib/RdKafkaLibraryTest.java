package dev.jrdkafka.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RdKafkaLibraryTest {

    @Test
    void loadsTheBundledLibrdkafkaOfThePinnedVersion() {
        LoadedLibrary lib = RdKafkaLibrary.load();
        assertEquals(System.getProperty("jrdkafka.test.librdkafkaVersion"), lib.version());
        assertEquals("2.15.0", lib.version());
        assertEquals(0x020f00, lib.versionNumber() >>> 8);
        assertEquals(LoadedLibrary.Origin.BUNDLED, lib.origin());
        assertTrue(Files.isRegularFile(lib.path()), lib.path().toString());
        assertEquals(lib, RdKafkaLibrary.loaded().orElseThrow());
    }

    @Test
    void concurrentFirstLoadsYieldOneLibrary() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<LoadedLibrary>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return RdKafkaLibrary.load();
                }));
            }
            start.countDown();
            LoadedLibrary first = results.getFirst().get();
            for (Future<LoadedLibrary> f : results) assertSame(first, f.get());
        }
    }

    @Test
    void loadedSymbolsAreVisibleToThisClassLoadersLookup() {
        RdKafkaLibrary.load();
        // The hand-off the generated bindings rely on: loaderLookup of the same loader.
        assertTrue(SymbolLookup.loaderLookup().find("rd_kafka_new").isPresent());
        assertTrue(SymbolLookup.loaderLookup().find("rd_kafka_mock_cluster_new").isPresent());
    }
}
