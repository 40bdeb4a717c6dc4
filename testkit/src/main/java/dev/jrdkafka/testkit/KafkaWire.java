package dev.jrdkafka.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Just enough of the Kafka protocol to see that the broker serves requests and to create
 * topics, so that the kit needs no client library (and no second JVM per topic). Only
 * non-flexible request versions that Kafka 4.x still supports: ApiVersions v0, Metadata v4,
 * CreateTopics v4 (request header v1, response header v0).
 */
final class KafkaWire implements AutoCloseable {
    static final short API_VERSIONS = 18;
    static final short METADATA = 3;
    static final short CREATE_TOPICS = 19;
    static final short METADATA_VERSION = 4;
    static final short CREATE_TOPICS_VERSION = 4;

    /** A topic-level answer: Kafka's error code (0: none) and message. */
    record TopicResult(short errorCode, String errorMessage) {}

    /** One partition in a Metadata answer: its error code, leader (-1: none), replicas and in-sync replicas. */
    record PartitionState(short errorCode, int leader, int[] replicas, int[] isr) {}

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlationId;

    private KafkaWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connects; {@code timeout} bounds the connect and every later read. */
    static KafkaWire connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            int millis = (int) timeout.toMillis();
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            return new KafkaWire(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** ApiVersions v0: per api key, the {min, max} versions the broker supports. */
    Map<Short, short[]> apiVersions() throws IOException {
        ByteBuffer r = call(API_VERSIONS, (short) 0, new ByteArrayOutputStream());
        short error = r.getShort();
        if (error != 0) throw new IOException("ApiVersions answered error code " + error);
        Map<Short, short[]> versions = new HashMap<>();
        for (int i = r.getInt(); i > 0; i--) versions.put(r.getShort(), new short[] {r.getShort(), r.getShort()});
        return versions;
    }

    /** Metadata v4 for no topics: how many brokers the broker reports alive (fenced ones are not). */
    int aliveBrokers() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeInt(0);         // topics: none (null would mean all)
        b.writeBoolean(false); // allow_auto_topic_creation
        ByteBuffer r = call(METADATA, METADATA_VERSION, body);
        r.getInt();            // throttle_time_ms
        return r.getInt();     // brokers: array length
    }

    /** Metadata v4 for no topics: the ids of the brokers the broker reports alive (registered, unfenced). */
    java.util.Set<Integer> aliveBrokerIds() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeInt(0);
        b.writeBoolean(false);
        ByteBuffer r = call(METADATA, METADATA_VERSION, body);
        r.getInt();
        java.util.Set<Integer> ids = new java.util.TreeSet<>();
        for (int i = r.getInt(); i > 0; i--) {
            ids.add(r.getInt());
            readString(r);
            r.getInt();
            readString(r);
        }
        return ids;
    }

    /**
     * Metadata v4 for one topic: its partitions by index (empty if the broker does not know
     * the topic, or reports a topic-level error).
     */
    PartitionState[] partitions(String topic) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeInt(1);
        writeString(b, topic);
        b.writeBoolean(false); // allow_auto_topic_creation
        ByteBuffer r = call(METADATA, METADATA_VERSION, body);
        r.getInt(); // throttle_time_ms
        for (int i = r.getInt(); i > 0; i--) { // brokers
            r.getInt();
            readString(r);
            r.getInt();
            readString(r); // rack
        }
        readString(r); // cluster_id
        r.getInt();    // controller_id
        if (r.getInt() != 1) throw new IOException("Metadata: expected one topic in the response");
        short topicError = r.getShort();
        readString(r);
        r.get();       // is_internal
        int count = r.getInt();
        if (topicError != 0 || count < 0) return new PartitionState[0];
        PartitionState[] partitions = new PartitionState[count];
        for (int i = 0; i < count; i++) {
            short error = r.getShort();
            int index = r.getInt();
            int leader = r.getInt();
            int[] replicas = readInts(r);
            int[] isr = readInts(r);
            if (index < 0 || index >= count) throw new IOException("Metadata: partition index " + index + " of " + count);
            partitions[index] = new PartitionState(error, leader, replicas, isr);
        }
        return partitions;
    }

    private static int[] readInts(ByteBuffer r) {
        int n = Math.max(0, r.getInt());
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = r.getInt();
        return out;
    }

    /** CreateTopics v4 for one topic; {@code timeoutMs} is how long the broker may wait for the controller. */
    TopicResult createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs, int timeoutMs)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeInt(1);
        writeString(b, name);
        b.writeInt(partitions);
        b.writeShort(replicationFactor);
        b.writeInt(0); // assignments: none, the controller places the replicas
        b.writeInt(configs.size());
        for (Map.Entry<String, String> c : configs.entrySet()) {
            writeString(b, c.getKey());
            writeString(b, c.getValue());
        }
        b.writeInt(timeoutMs);
        b.writeBoolean(false); // validate_only
        ByteBuffer r = call(CREATE_TOPICS, CREATE_TOPICS_VERSION, body);
        r.getInt(); // throttle_time_ms
        if (r.getInt() != 1) throw new IOException("CreateTopics: expected one topic in the response");
        readString(r); // name
        return new TopicResult(r.getShort(), readString(r));
    }

    private ByteBuffer call(short apiKey, short version, ByteArrayOutputStream body) throws IOException {
        int id = ++correlationId;
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(request);
        h.writeShort(apiKey);
        h.writeShort(version);
        h.writeInt(id);
        writeString(h, "jrdkafka-testkit"); // client_id
        body.writeTo(request);
        out.writeInt(request.size());
        request.writeTo(out);
        out.flush();

        int size = in.readInt();
        if (size < 4 || size > 16 << 20) throw new IOException("implausible response size " + size);
        byte[] response = new byte[size];
        in.readFully(response);
        ByteBuffer r = ByteBuffer.wrap(response);
        int answered = r.getInt();
        if (answered != id) throw new IOException("response to correlation id " + answered + ", expected " + id);
        return r;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeShort(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static String readString(ByteBuffer r) throws EOFException {
        short length = r.getShort();
        if (length < 0) return null;
        if (length > r.remaining()) throw new EOFException("string of " + length + " bytes past the response's end");
        byte[] bytes = new byte[length];
        r.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
