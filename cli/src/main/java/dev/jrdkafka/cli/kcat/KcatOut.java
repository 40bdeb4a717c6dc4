package dev.jrdkafka.cli.kcat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * kcat's stdout: one large buffer in front of the stream, filled straight from librdkafka's
 * buffers (a key or value segment is copied once, into this buffer) and numbers written as
 * digits without a String, so printing a record allocates nothing. Counts what it wrote
 * (for the progress line). Not thread-safe.
 */
final class KcatOut {
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream sink;
    private final byte[] buf;
    private int used;
    private long total;

    KcatOut(OutputStream sink, int size) {
        this.sink = sink;
        this.buf = new byte[size];
    }

    // The last string written by writeText and its bytes: a topic name is the same String
    // instance for every record of the topic, so its bytes are encoded once.
    private String lastText;
    private byte[] lastBytes;

    /** {@code s} in UTF-8, encoded once for consecutive calls with the same instance. */
    void writeText(String s) throws IOException {
        if (s != lastText) {
            lastBytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            lastText = s;
        }
        write(lastBytes);
    }

    /** Bytes written so far (buffered or not). */
    long total() {
        return total + used;
    }

    void write(int b) throws IOException {
        if (used == buf.length) drain();
        buf[used++] = (byte) b;
    }

    void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (len > buf.length - used) {
            drain();
            if (len > buf.length) {
                sink.write(b, off, len);
                total += len;
                return;
            }
        }
        System.arraycopy(b, off, buf, used, len);
        used += len;
    }

    /** The bytes of {@code s}, copied from native memory into the buffer in chunks. */
    void write(MemorySegment s) throws IOException {
        write(s, 0, s.byteSize());
    }

    /** {@code n} bytes of {@code s} from {@code from}, copied into the buffer in chunks. */
    void write(MemorySegment s, long from, long n) throws IOException {
        long at = from;
        long end = from + n;
        while (at < end) {
            if (used == buf.length) drain();
            int chunk = (int) Math.min(end - at, buf.length - used);
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, at, buf, used, chunk);
            used += chunk;
            at += chunk;
        }
    }

    /** {@code n} bytes (n < 0: none) of the i-th key or value of {@code batch}, copied into the buffer in chunks. */
    void write(dev.jrdkafka.consumer.RecordBatch batch, int i, boolean value, long n) throws IOException {
        long at = 0;
        while (at < n) {
            if (used == buf.length) drain();
            int chunk = (int) Math.min(n - at, buf.length - used);
            if (value) batch.copyValue(i, at, buf, used, chunk);
            else batch.copyKey(i, at, buf, used, chunk);
            used += chunk;
            at += chunk;
        }
    }

    /** {@code v} in decimal, as printf's %lld. */
    void writeLong(long v) throws IOException {
        if (v == Long.MIN_VALUE || buf.length < 20) {
            write(v == Long.MIN_VALUE ? MIN_LONG : Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return;
        }
        if (buf.length - used < 20) drain();
        if (v < 0) {
            buf[used++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) digits++;
        for (int i = used + digits - 1; i >= used; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        used += digits;
    }

    /** Writes what is buffered to the stream and flushes it. */
    void flush() throws IOException {
        drain();
        sink.flush();
    }

    private void drain() throws IOException {
        if (used > 0) {
            sink.write(buf, 0, used);
            total += used;
            used = 0;
        }
    }
}
