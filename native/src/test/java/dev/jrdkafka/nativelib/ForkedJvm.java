package dev.jrdkafka.nativelib;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link LoadMain} in a fresh JVM, where loading state starts empty. */
final class ForkedJvm {
    record Result(int exitCode, String output) {}

    private ForkedJvm() {}

    static Process start(List<String> jvmArgs) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = String.join(File.pathSeparator,
                System.getProperty("jrdkafka.test.classesDir"),
                System.getProperty("jrdkafka.test.nativeStageDir"),
                Path.of(LoadMain.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classpath));
        command.addAll(jvmArgs);
        command.add(LoadMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove(RdKafkaLibrary.PATH_ENV);
        pb.environment().remove(RdKafkaLibrary.CACHE_DIR_ENV);
        return pb.start();
    }

    static Result finish(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("forked JVM did not finish within 60 s:\n" + out);
        }
        return new Result(p.exitValue(), out);
    }

    static Result run(List<String> jvmArgs) throws IOException, InterruptedException {
        return finish(start(jvmArgs));
    }
}
