package dev.jrdkafka.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@link KafkaCluster}: a combined KRaft controller and broker with fixed
 * ports and data directory, so that it can be killed and started again as the same node.
 * Signals go to the process this node started, by its PID, and to nothing else.
 */
public final class ClusterNode {
    private final int id;
    private final Path lib;
    private final Path serverProperties;
    private final Path log;
    private final List<String> jvmArgs;
    private final int brokerPort;
    private Process process;
    private boolean paused;

    ClusterNode(int id, Path lib, Path serverProperties, Path log, List<String> jvmArgs, int brokerPort) {
        this.id = id;
        this.lib = lib;
        this.serverProperties = serverProperties;
        this.log = log;
        this.jvmArgs = jvmArgs;
        this.brokerPort = brokerPort;
    }

    /** The node id (broker id in Metadata, voter id in the controller quorum). */
    public int id() {
        return id;
    }

    public int port() {
        return brokerPort;
    }

    /** {@code 127.0.0.1:<port>} of this node's broker listener. */
    public String bootstrapServers() {
        return BrokerFiles.HOST + ":" + brokerPort;
    }

    /** The PID of the running process (-1 if it is not running). */
    public synchronized long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public Path logFile() {
        return log;
    }

    synchronized void start() throws IOException {
        if (isAlive()) throw new IllegalStateException("node " + id + " is running (pid " + process.pid() + ")");
        process = JavaProcess.start(lib, jvmArgs, "kafka.Kafka", List.of(serverProperties.toString()), log);
        paused = false;
    }

    /** kill -9: SIGKILL to this node's process, then waits for it to be gone. */
    synchronized void kill() throws InterruptedException {
        if (!isAlive()) throw new IllegalStateException("node " + id + " is not running");
        paused = false; // a stopped process dies on SIGKILL too
        process.destroyForcibly(); // SIGKILL on Unix
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("node " + id + " survived SIGKILL for 30 s");
    }

    /** SIGSTOP: the process stays, frozen (no heartbeats, no answers) until {@link #resume()}. */
    synchronized void pause() throws IOException, InterruptedException {
        if (!isAlive()) throw new IllegalStateException("node " + id + " is not running");
        if (paused) return;
        signal("STOP");
        paused = true;
    }

    /** SIGCONT. */
    synchronized void resume() throws IOException, InterruptedException {
        if (!paused) return;
        signal("CONT");
        paused = false;
    }

    /** Stops the process (SIGTERM, SIGKILL after {@code grace}); used at close. */
    synchronized void stop(Duration grace) throws InterruptedException {
        if (process == null) return;
        if (paused && process.isAlive()) {
            try {
                signal("CONT"); // a stopped JVM cannot act on SIGTERM
            } catch (IOException e) {
                process.destroyForcibly();
            }
            paused = false;
        }
        JavaProcess.destroy(process, grace);
    }

    synchronized void stopNow() {
        if (process != null) process.destroyForcibly();
    }

    private void signal(String name) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + name, Long.toString(process.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    @Override
    public String toString() {
        return "node " + id + " (" + bootstrapServers() + ", pid " + pid() + (paused ? ", paused" : "") + ")";
    }
}
