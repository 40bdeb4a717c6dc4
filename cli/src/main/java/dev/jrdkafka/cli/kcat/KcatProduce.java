package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.Header;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code -P}: messages from stdin split at the {@code -D} delimiter (a newline by default),
 * each split at the first {@code -K} delimiter into key and value, or from files (one message
 * per file, or per line with {@code -l}). Read as a stream: a message is held only until it
 * is handed to librdkafka, whatever the input's size. Exit status 1 if any message failed.
 */
final class KcatProduce {
    private final KcatOptions o;
    private final PrintStream err;
    private final byte[] delimiter;
    private final byte[] keyDelimiter;
    private final byte[] fixedKey;
    private final List<Header> headers = new ArrayList<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    KcatProduce(KcatOptions o, PrintStream err) {
        this.o = o;
        this.err = err;
        this.delimiter = o.delimiter.getBytes(StandardCharsets.UTF_8);
        this.keyDelimiter = o.keyDelimiter == null ? null : o.keyDelimiter.getBytes(StandardCharsets.UTF_8);
        this.fixedKey = o.key == null ? null : o.key.getBytes(StandardCharsets.UTF_8);
        for (String[] h : o.headers) headers.add(new Header(h[0], h[1].getBytes(StandardCharsets.UTF_8)));
        if (delimiter.length == 0) throw new KcatOptions.UsageException("-D: the delimiter is empty");
    }

    int run(KafkaConfig config, InputStream in) throws IOException {
        try (Producer producer = Producer.create(config)) {
            String topic = o.topics.getFirst();
            if (o.files.isEmpty()) {
                split(new BufferedInputStream(in, 1 << 16), producer, topic);
            } else {
                for (String f : o.files) {
                    if (o.linePerMessage) {
                        try (InputStream file = new BufferedInputStream(Files.newInputStream(Path.of(f)), 1 << 16)) {
                            split(file, producer, topic);
                        }
                    } else {
                        send(producer, topic, Files.readAllBytes(Path.of(f)), false);
                    }
                }
            }
            producer.flush(Duration.ofMinutes(5));
        }
        if (!o.quiet && o.verbosity > 1) err.printf("%% %d messages produced (%d failed)%n", sent.get() - failed.get(), failed.get());
        if (failed.get() > 0) {
            err.printf("%% ERROR: %d of %d messages failed to be delivered%n", failed.get(), sent.get());
            return 1;
        }
        return 0;
    }

    /** Reads messages up to each delimiter, streaming; the last one needs no delimiter after it. */
    private void split(InputStream in, Producer producer, String topic) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            message.write(b);
            if (b == delimiter[matched]) {
                if (++matched == delimiter.length) {
                    byte[] m = message.toByteArray();
                    send(producer, topic, Arrays.copyOf(m, m.length - delimiter.length), true);
                    message.reset();
                    matched = 0;
                }
            } else {
                matched = b == delimiter[0] ? 1 : 0;
            }
        }
        if (message.size() > 0) send(producer, topic, message.toByteArray(), true);
    }

    private void send(Producer producer, String topic, byte[] data, boolean splitKey) {
        byte[] key = fixedKey;
        byte[] value = data;
        if (splitKey && keyDelimiter != null) {
            int at = indexOf(data, keyDelimiter);
            if (at >= 0) {
                key = Arrays.copyOfRange(data, 0, at);
                value = Arrays.copyOfRange(data, at + keyDelimiter.length, data.length);
            }
        }
        sent.incrementAndGet();
        producer.send(new ProducerRecord(topic, o.partition, key, value, 0, headers), (md, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                err.println("% ERROR: delivery failed: " + e.getMessage());
            }
        });
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
