package dev.jrdkafka.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

    @Test
    void thisMachineIsTheSupportedPlatform() {
        assertEquals(Platform.SUPPORTED, Platform.current().id());
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
    @CsvSource({"linux,aarch64,false,linux-aarch64", "linux,x86_64,true,linux-x86_64-musl",
            "macos,aarch64,false,macos-aarch64", "windows,x86_64,false,windows-x86_64"})
    void otherPlatformsGetAnUnsupportedPlatformErrorThatSaysWhatToDo(String os, String arch, boolean musl, String id) {
        Platform p = new Platform(os, arch, musl);
        NativeLibraryException e = assertThrows(NativeLibraryException.class,
                () -> BundledLibrary.extract(p, PlatformTest.class.getClassLoader()));
        assertTrue(e.getMessage().startsWith("unsupported platform " + id + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("-Djrdkafka.library.path="), e.getMessage());
    }
}
