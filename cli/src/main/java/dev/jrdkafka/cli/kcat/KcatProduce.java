package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.Header;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerOptions;
import dev.jrdkafka.producer.ProducerRecord;
import java.io.IOException;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code -P} as kcat runs it: messages from stdin (or the one -l file) split at the
 * {@code -D} delimiter (a newline by default), each split at the first {@code -K} delimiter
 * into key and value, empty messages skipped; or one message per file operand. Read as a
 * stream in 1 MiB chunks of native memory, each message handed to librdkafka straight from
 * there (librdkafka copies it), so a 1 GiB input is never held in memory. -T echoes each message as
 * kcat 1.7.1 does (its bytes, without the delimiter); -c stops after that many; -Z sends an
 * empty key or value (after -K) as null. With {@code -X transactional.id=…} everything goes in
 * one transaction, committed at the end of the input (as kcat). Exit status 1 if any message failed.
 */
final class KcatProduce {
    private static final int CHUNK = 1 << 20;
    /** Messages between two servings of delivery reports (a power of two). */
    private static final int POLL_EVERY = 1 << 10;

    private final KcatOptions o;
    private final PrintStream err;
    private final KcatOut tee;
    private final byte[] delimiter;
    private final byte[] keyDelimiter;
    private final MemorySegment fixedKey;
    private final List<Header> headers = new ArrayList<>();
    private final AtomicLong failed = new AtomicLong();
    private final KcatErrors errors;
    private long sent;
    private long bytes;
    private Progress progress = Progress.OFF;
    private boolean pollerThread;

    KcatProduce(KcatOptions o, KcatOut stdout, PrintStream err) {
        this.o = o;
        this.err = err;
        this.tee = o.tee ? stdout : null;
        this.errors = new KcatErrors(o, err);
        this.delimiter = o.delimiter.getBytes(StandardCharsets.UTF_8);
        this.keyDelimiter = o.keyDelimiter == null ? null : o.keyDelimiter.getBytes(StandardCharsets.UTF_8);
        this.fixedKey = o.key == null ? null : MemorySegment.ofArray(o.key.getBytes(StandardCharsets.UTF_8));
        for (String[] h : o.headers) headers.add(new Header(h[0], h[1] == null ? null : h[1].getBytes(StandardCharsets.UTF_8)));
        if (delimiter.length == 0) throw new KcatOptions.UsageException("Message delimiter -D must not be empty when producing");
    }

    int run(KafkaConfig config, InputStream in) throws IOException {
        boolean transactional = config.get("transactional.id").filter(id -> !id.isEmpty()).isPresent();
        // As kcat: delivery reports and errors are served on this thread, between messages (no
        // poller thread: messages are then allocated and freed on one thread, with no contention
        // for malloc's arena and no cache lines moving between cores). Not for a transaction:
        // librdkafka's commit waits for the reports, which a poller thread must serve meanwhile.
        pollerThread = transactional;
        ProducerOptions options = ProducerOptions.defaults().withPollerThread(transactional).withListener(errors)
                .withDeliveryListener(report -> {
                    if (report.errorCode() != 0) failed(dev.jrdkafka.KafkaError.fromCode(report.errorCode()).description());
                });
        progress = Progress.forRun(o, err, "produced", o.tee);
        int status = 0;
        Duration txnTimeout = Duration.ofSeconds(Math.max(1, o.metadataTimeoutSeconds));
        try (Producer producer = Producer.create(config, options)) {
            String topic = o.topics.getFirst();
            if (transactional) { // as kcat: everything in one transaction, committed at the end of the input
                if (o.verbosity >= 1) err.println("% Using transactional producer");
                producer.initTransactions(txnTimeout);
                producer.beginTransaction();
            }
            if (o.files.isEmpty() || o.linePerMessage) {
                if (o.files.isEmpty()) {
                    split(in, producer, topic);
                } else {
                    try (InputStream file = open(o.files.getFirst())) {
                        split(file, producer, topic);
                    }
                }
            } else {
                int good = 0;
                for (String f : o.files) {
                    byte[] data;
                    try {
                        data = Files.readAllBytes(Path.of(f));
                    } catch (IOException e) {
                        if (o.verbosity >= 1) err.println("% Failed to open " + f + ": " + e.getMessage());
                        continue;
                    }
                    good++;
                    if (data.length > 0) send(producer, topic, MemorySegment.ofArray(data), 0, -1, 0, data.length, data.length);
                }
                if (good == 0) status = 1;
                else if (good < o.files.size() && o.verbosity >= 1) {
                    err.printf("%% Failed to produce from %d/%d files%n", o.files.size() - good, o.files.size());
                }
            }
            if (tee != null) tee.flush();
            if (transactional && Kcat.stopRequested()) {
                err.println("% Aborting transaction due to termination signal");
                producer.abortTransaction(txnTimeout);
            } else if (transactional) {
                if (o.verbosity >= 1) err.println("% Committing transaction");
                try {
                    producer.commitTransaction(txnTimeout);
                } catch (KafkaException e) {
                    throw new KafkaException(e.code(), "commit_transaction(): " + e.getMessage());
                }
                if (o.verbosity >= 1) err.println("% Transaction successfully committed");
            }
            // as kcat: wait for every delivery report (librdkafka's message.timeout.ms bounds it)
            while (!errors.stop()) {
                try {
                    producer.flush(Duration.ofSeconds(1));
                    break;
                } catch (KafkaException e) {
                    if (e.error() != dev.jrdkafka.KafkaError._TIMED_OUT) throw e;
                }
            }
        } finally {
            progress.done();
        }
        if (o.verbosity >= 2) err.printf("%% %d messages produced (%d failed)%n", sent - failed.get(), failed.get());
        if (failed.get() > 0 || errors.stop()) status = 1;
        return status;
    }

    private static InputStream open(String path) {
        try {
            return new FileInputStream(path); // a FileInputStream: read through its channel
        } catch (IOException e) {
            throw new KcatOptions.UsageException("Cannot open " + path + ": " + e.getMessage());
        }
    }

    /**
     * Reads messages up to each delimiter in 1 MiB chunks of native memory (stdin straight
     * from its file channel): a message is handed to librdkafka from the read buffer, with no
     * copy on the Java side, and never accumulated beyond its own length; the last one needs
     * no delimiter after it.
     */
    private void split(InputStream in, Producer producer, String topic) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(CHUNK);
            java.nio.channels.ReadableByteChannel channel = in instanceof FileInputStream f ? f.getChannel() : null;
            byte[] scratch = channel == null ? new byte[1 << 16] : null;
            long start = 0; // first byte of the message being read
            long end = 0;   // bytes in seg
            long scanned = 0;
            while (true) {
                if (Kcat.stopRequested()) return; // Ctrl-C: what was read so far is delivered, as in kcat
                long at = indexOf(seg, scanned, end, delimiter);
                if (at >= 0) {
                    if (!message(producer, topic, seg, start, at - start)) return;
                    start = at + delimiter.length;
                    scanned = start;
                    continue;
                }
                scanned = Math.max(start, end - delimiter.length + 1);
                if (start > 0) { // move the partial message to the front
                    MemorySegment.copy(seg, start, seg, 0, end - start);
                    end -= start;
                    scanned -= start;
                    start = 0;
                }
                if (end == seg.byteSize()) { // a message longer than the buffer
                    MemorySegment bigger = arena.allocate(seg.byteSize() * 2);
                    MemorySegment.copy(seg, 0, bigger, 0, end);
                    seg = bigger;
                }
                progress.tick(sent, bytes);
                serve(producer); // before a read that may block: reports of what was sent
                int n;
                if (channel != null) {
                    n = channel.read(seg.asSlice(end).asByteBuffer());
                } else {
                    n = in.read(scratch, 0, (int) Math.min(scratch.length, seg.byteSize() - end));
                    if (n > 0) MemorySegment.copy(scratch, 0, seg, ValueLayout.JAVA_BYTE, end, n);
                }
                if (n < 0) break;
                end += n;
            }
            if (end > start) message(producer, topic, seg, start, end - start);
        }
    }

    /** One message of the input: split at -K, produced, echoed with -T. Returns false once -c is reached. */
    private boolean message(Producer producer, String topic, MemorySegment seg, long off, long len) throws IOException {
        if (len == 0) return true; // kcat skips empty messages
        // key and value as regions of the read buffer (a negative length is null): no slice per line
        long keyOff = 0, keyLen = -1, valueOff = off, valueLen = len;
        if (keyDelimiter != null) {
            long at = indexOf(seg, off, off + len, keyDelimiter);
            if (at >= 0) {
                keyOff = off;
                keyLen = at - off;
                valueOff = at + keyDelimiter.length;
                valueLen = off + len - valueOff;
                if (o.nullAsString) {
                    if (valueLen == 0) valueLen = -1;
                    if (keyLen == 0) keyLen = -1;
                }
            }
        }
        send(producer, topic, seg, keyOff, keyLen, valueOff, valueLen, len);
        if (tee != null) {
            tee.write(seg, off, len);
            if (o.unbuffered) tee.flush();
        }
        return sent != o.count;
    }

    /**
     * Produces one message: key and value are regions of {@code data} (a negative length is
     * null; no key region means -k's key, if any). Without headers it takes the
     * zero-allocation path (librdkafka copies the bytes during the call); outcomes are
     * counted by the delivery listener.
     */
    private void send(Producer producer, String topic, MemorySegment data, long keyOff, long keyLen,
                      long valueOff, long valueLen, long messageLen) {
        boolean ownKey = keyLen >= 0 || fixedKey == null;
        if (headers.isEmpty()) {
            try {
                if (ownKey) producer.produce(topic, o.partition, data, keyOff, keyLen, valueOff, valueLen, 0);
                else producer.produce(topic, o.partition, fixedKey, valueLen < 0 ? null : data.asSlice(valueOff, valueLen), 0);
            } catch (KafkaException e) {
                throw new KafkaException(e.code(), "Failed to produce message (" + messageLen + " bytes): " + e.getMessage());
            }
        } else {
            byte[] key = !ownKey ? fixedKey.toArray(ValueLayout.JAVA_BYTE) : keyLen < 0 ? null : bytes(data, keyOff, keyLen);
            producer.send(new ProducerRecord(topic, o.partition, key, valueLen < 0 ? null : bytes(data, valueOff, valueLen),
                    0, headers), (md, e) -> {
                        if (e != null) failed(e.getMessage());
                    });
        }
        sent++;
        bytes += messageLen;
        if ((sent & (POLL_EVERY - 1)) == 0) serve(producer);
    }

    /** Delivery reports and errors so far, when this thread serves them (no poller thread). */
    private void serve(Producer producer) {
        if (!pollerThread) producer.poll(Duration.ZERO);
    }

    private static byte[] bytes(MemorySegment data, long off, long len) {
        return data.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE);
    }

    private void failed(String why) {
        failed.incrementAndGet();
        if (o.verbosity >= 1) err.println("% Delivery failed for message: " + why);
    }

    /** The first index of {@code pattern} in {@code data[from, to)}, or -1. */
    private static long indexOf(MemorySegment data, long from, long to, byte[] pattern) {
        byte first = pattern[0];
        long last = to - pattern.length;
        outer:
        for (long i = from; i <= last; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, i) != first) continue;
            for (int j = 1; j < pattern.length; j++) {
                if (data.get(ValueLayout.JAVA_BYTE, i + j) != pattern[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
