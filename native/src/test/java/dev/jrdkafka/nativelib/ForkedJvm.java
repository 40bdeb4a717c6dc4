package dev.jrdkafka.nativelib;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link LoadMain} in a fresh JVM, where loading state starts empty.
 *
 * <p>The forked JVM gets a fixed environment, never the caller's: the loader reads
 * {@code XDG_CACHE_HOME}, {@value RdKafkaLibrary#PATH_ENV} and
 * {@value RdKafkaLibrary#CACHE_DIR_ENV}, the JDK reads {@code HOME} (for user.home) and
 * {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} and {@code _JAVA_OPTIONS}; any of
 * them would change what a test loads. Tests pass the variables they mean to set.
 */
final class ForkedJvm {
    record Result(int exitCode, String output) {}

    private ForkedJvm() {}

    static Process start(List<String> jvmArgs) throws IOException {
        return start(jvmArgs, Map.of());
    }

    static Process start(List<String> jvmArgs, Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = String.join(File.pathSeparator,
                System.getProperty("jrdkafka.test.classesDir"),
                System.getProperty("jrdkafka.test.nativeStageDir"),
                Path.of(LoadMain.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classpath));
        command.addAll(jvmArgs);
        command.add(LoadMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("LC_ALL", "C.UTF-8"); // finish() reads the output as UTF-8
        pb.environment().putAll(env);
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

    static Result run(List<String> jvmArgs, Map<String, String> env) throws IOException, InterruptedException {
        return finish(start(jvmArgs, env));
    }
}
