package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.Header;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
        ProducerOptions options = ProducerOptions.defaults().withDeliveryListener(report -> {
            if (report.errorCode() != 0) failed(report.topic() + " [" + report.partition() + "]: " + dev.jrdkafka.KafkaError.fromCode(report.errorCode()));
        });
        try (Producer producer = Producer.create(config, options)) {
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

    /**
     * Reads messages up to each delimiter, streaming in 64 KiB chunks: a message is copied
     * once (into the producer), never accumulated beyond its own length; the last one needs
     * no delimiter after it.
     */
    private void split(InputStream in, Producer producer, String topic) throws IOException {
        byte[] buf = new byte[1 << 16];
        int start = 0; // first byte of the message being read
        int end = 0;   // bytes in buf
        int scanned = 0;
        while (true) {
            int at = indexOf(buf, scanned, end, delimiter);
            if (at >= 0) {
                send(producer, topic, buf, start, at - start, true);
                start = at + delimiter.length;
                scanned = start;
                continue;
            }
            scanned = Math.max(start, end - delimiter.length + 1);
            if (start > 0) { // move the partial message to the front
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            }
            if (end == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a message longer than the buffer
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) break;
            end += n;
        }
        if (end > start) send(producer, topic, buf, start, end - start, true);
    }

    private void send(Producer producer, String topic, byte[] data, boolean splitKey) {
        send(producer, topic, data, 0, data.length, splitKey);
    }

    /**
     * One message: {@code len} bytes of {@code data} at {@code off}, split at the -K delimiter.
     * Without headers it takes the zero-allocation path (librdkafka copies the bytes during
     * the call); outcomes are counted by the delivery listener.
     */
    private void send(Producer producer, String topic, byte[] data, int off, int len, boolean splitKey) {
        MemorySegment all = MemorySegment.ofArray(data).asSlice(off, len);
        MemorySegment key = fixedKey == null ? null : MemorySegment.ofArray(fixedKey);
        MemorySegment value = all;
        if (splitKey && keyDelimiter != null) {
            int at = indexOf(data, off, off + len, keyDelimiter);
            if (at >= 0) {
                key = MemorySegment.ofArray(data).asSlice(off, at - off);
                value = MemorySegment.ofArray(data).asSlice(at + keyDelimiter.length, off + len - at - keyDelimiter.length);
            }
        }
        sent.incrementAndGet();
        if (headers.isEmpty()) {
            producer.produce(topic, o.partition, key, value, 0);
            return;
        }
        producer.send(new ProducerRecord(topic, o.partition, key == null ? null : key.toArray(ValueLayout.JAVA_BYTE),
                value.toArray(ValueLayout.JAVA_BYTE), 0, headers), (md, e) -> {
            if (e != null) failed(e.getMessage());
        });
    }

    void failed(String why) {
        failed.incrementAndGet();
        err.println("% ERROR: delivery failed: " + why);
    }

    /** The first index of {@code pattern} in {@code data[from, to)}, or -1. */
    private static int indexOf(byte[] data, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i + pattern.length <= to; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
