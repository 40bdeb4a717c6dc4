package dev.jrdkafka.nativelib;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * Opens a candidate library in a throw-away scope and asks it for its librdkafka version,
 * before it is loaded for good: a file that is not librdkafka, or one too old, is refused
 * without ever becoming the process's librdkafka.
 */
final class LibraryProbe {
    private LibraryProbe() {}

    /** Version of the librdkafka at {@code path}, or an exception saying why it is not one. */
    static LoadedLibrary probe(Path path, LoadedLibrary.Origin origin) {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup lookup;
            try {
                lookup = SymbolLookup.libraryLookup(path, arena);
            } catch (IllegalArgumentException e) {
                throw new NativeLibraryException(
                        path + " cannot be loaded as a shared library (" + e.getMessage() + ")", e);
            }
            MemorySegment versionFn = lookup.find("rd_kafka_version").orElseThrow(
                    () -> new NativeLibraryException(path + " is not librdkafka: it has no "
                            + "rd_kafka_version symbol"));
            MemorySegment versionStrFn = lookup.find("rd_kafka_version_str").orElseThrow(
                    () -> new NativeLibraryException(path + " is not librdkafka: it has no "
                            + "rd_kafka_version_str symbol"));
            Linker linker = Linker.nativeLinker();
            try {
                int number = (int) linker.downcallHandle(versionFn,
                        FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
                MemorySegment str = (MemorySegment) linker.downcallHandle(versionStrFn,
                        FunctionDescriptor.of(ValueLayout.ADDRESS)).invokeExact();
                String version = str.reinterpret(64).getString(0);
                return new LoadedLibrary(path, version, number, origin);
            } catch (NativeLibraryException e) {
                throw e;
            } catch (Throwable t) {
                throw new NativeLibraryException("calling rd_kafka_version in " + path + " failed", t);
            }
        }
    }

    /** Major.minor of {@code rd_kafka_version()}'s 0xMMmmrrpp, for comparisons. */
    static int majorMinor(int versionNumber) {
        return versionNumber >>> 16;
    }
}
