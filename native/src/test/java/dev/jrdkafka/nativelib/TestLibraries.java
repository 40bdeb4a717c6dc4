package dev.jrdkafka.nativelib;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Compiles tiny shared libraries with the system C compiler, as stand-ins in tests. */
final class TestLibraries {
    private TestLibraries() {}

    static Path compile(Path dir, String name, String source) throws IOException, InterruptedException {
        Path c = Files.writeString(dir.resolve(name + ".c"), source);
        Path out = dir.resolve(name);
        Process p = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", out.toString(), c.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("cc failed for " + name + ":\n" + log);
        }
        return out;
    }
}
