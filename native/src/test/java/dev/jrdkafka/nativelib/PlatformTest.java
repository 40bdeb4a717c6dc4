package dev.jrdkafka.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

    @Test
    void thisMachineIsABundledPlatform() {
        assertTrue(Platform.BUNDLED.contains(Platform.current().id()), Platform.current().id());
    }

    @ParameterizedTest
    @CsvSource({"Linux,linux", "Mac OS X,macos", "Darwin,macos", "Windows 11,windows", "FreeBSD,freebsd"})
    void normalizesOperatingSystems(String raw, String expected) {
        assertEquals(expected, Platform.normalizeOs(raw));
    }

    @ParameterizedTest
    @CsvSource({"amd64,x86_64", "x86_64,x86_64", "aarch64,aarch64", "arm64,aarch64", "ppc64le,ppc64le"})
    void normalizesArchitectures(String raw, String expected) {
        assertEquals(expected, Platform.normalizeArch(raw));
    }

    @ParameterizedTest
    @CsvSource({"linux,x86_64,true,linux-x86_64-musl,false", "linux,riscv64,false,linux-riscv64,false",
            "macos,aarch64,false,macos-aarch64,true", "macos,x86_64,false,macos-x86_64,true",
            "windows,x86_64,false,windows-x86_64,true"})
    void otherPlatformsGetAnUnsupportedPlatformErrorThatSaysWhatToDo(String os, String arch, boolean musl, String id,
            boolean hasRecipe) {
        Platform p = new Platform(os, arch, musl);
        NativeLibraryException e = assertThrows(NativeLibraryException.class,
                () -> BundledLibrary.extract(p, PlatformTest.class.getClassLoader()));
        assertTrue(e.getMessage().startsWith("unsupported platform " + id + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("platform jars for linux-x86_64, linux-aarch64"), e.getMessage());
        assertTrue(e.getMessage().contains("-Djrdkafka.library.path="), e.getMessage());
        assertEquals(hasRecipe, e.getMessage().contains("cmake/CMakePresets.json"), e.getMessage());
    }

    @Test
    void aBundledPlatformWithoutItsJarNamesTheClassifierAndTheJarsThatArePresent() throws Exception {
        // Only the linux-x86_64 library (Maven's stage directory), as on an aarch64 machine
        // that was given the x86_64 jar.
        Path stage = Path.of(System.getProperty("jrdkafka.test.nativeStageDir"));
        try (URLClassLoader onlyX86 = new URLClassLoader(new URL[] {stage.toUri().toURL()}, null)) {
            NativeLibraryException e = assertThrows(NativeLibraryException.class,
                    () -> BundledLibrary.extract(new Platform("linux", "aarch64", false), onlyX86));
            assertTrue(e.getMessage().startsWith("no bundled librdkafka for linux-aarch64 on the class path"), e.getMessage());
            assertTrue(e.getMessage().contains("the class path holds the platform jar of linux-x86_64 only"), e.getMessage());
            assertTrue(e.getMessage().contains("classifier linux-aarch64"), e.getMessage());
            assertTrue(e.getMessage().contains("-Djrdkafka.library.path="), e.getMessage());
        }
    }
}
