package dev.jrdkafka;

import dev.jrdkafka.internal.rd.Rd;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Facts about the librdkafka this JVM uses. The first call loads the library. */
public final class Librdkafka {
    private Librdkafka() {}

    /** librdkafka's version string, e.g. "2.15.0". */
    public static String version() {
        return Rd.versionString();
    }

    /** librdkafka's version as hex 0xMMmmrrpp (major, minor, revision, pre-release). */
    public static int versionNumber() {
        return Rd.version();
    }

    /** The features compiled into this librdkafka ({@code builtin.features}), in its order. */
    public static Set<String> builtinFeatures() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(Rd.builtinFeatures().split(","))));
    }

    /** The file the library was loaded from. */
    public static Path libraryPath() {
        return Rd.library().path();
    }

    /** Whether the library is jrdkafka's bundled build or an override the user named. */
    public static boolean isBundled() {
        return Rd.library().origin() == dev.jrdkafka.nativelib.LoadedLibrary.Origin.BUNDLED;
    }
}
