package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.Header;
import dev.jrdkafka.consumer.ConsumerRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * kcat's {@code -f} output format: literal text (with kcat's backslash escapes) and the
 * tokens %s (value), %S (value length, -1 for null), %R (value length as 4 bytes, big
 * endian), %k (key), %K (key length, -1 for null), %t (topic), %p (partition), %o
 * (offset), %T (timestamp, ms), %h (headers, name=value comma separated) and %%.
 */
final class KcatFormat {
    private interface Piece {
        void write(ConsumerRecord r, OutputStream out) throws IOException;
    }

    private static final byte[] NULL = "NULL".getBytes(StandardCharsets.US_ASCII);

    private final List<Piece> pieces;

    private KcatFormat(List<Piece> pieces) {
        this.pieces = pieces;
    }

    /** kcat's format when no -f is given: the value (after the key and -K delimiter, if any), then the -D delimiter. */
    static KcatFormat defaults(String keyDelimiter, String delimiter, boolean nullAsString) {
        String f = (keyDelimiter != null ? "%k" + escapePercent(keyDelimiter) : "") + "%s" + escapePercent(delimiter);
        return parse(f, false, nullAsString);
    }

    private static String escapePercent(String s) {
        return s.replace("%", "%%");
    }

    /** Parses a -f format; an unknown token is refused with its name. */
    static KcatFormat parse(String format, boolean unescape, boolean nullAsString) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
                continue;
            }
            if (i + 1 == format.length()) throw new KcatOptions.UsageException("-f: empty formatter at the end of '" + format + "'");
            char t = format.charAt(++i);
            if (t == '%') {
                text.append('%');
                continue;
            }
            literal(pieces, text, unescape);
            pieces.add(switch (t) {
                case 's' -> (r, out) -> bytesOrNull(r.value(), out, nullAsString);
                case 'S' -> (r, out) -> ascii(String.valueOf(r.value() == null ? -1 : r.value().length), out);
                case 'R' -> (r, out) -> {
                    int n = r.value() == null ? -1 : r.value().length;
                    out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
                };
                case 'k' -> (r, out) -> bytesOrNull(r.key(), out, nullAsString);
                case 'K' -> (r, out) -> ascii(String.valueOf(r.key() == null ? -1 : r.key().length), out);
                case 't' -> (r, out) -> out.write(r.topic().getBytes(StandardCharsets.UTF_8));
                case 'p' -> (r, out) -> ascii(String.valueOf(r.partition()), out);
                case 'o' -> (r, out) -> ascii(String.valueOf(r.offset()), out);
                case 'T' -> (r, out) -> ascii(String.valueOf(r.timestamp()), out);
                case 'h' -> (r, out) -> headers(r.headers(), out);
                default -> throw new KcatOptions.UsageException("-f: unsupported formatter %" + t
                        + " (supported: %s %S %R %k %K %t %p %o %T %h %%)");
            });
        }
        literal(pieces, text, unescape);
        return new KcatFormat(List.copyOf(pieces));
    }

    private static void literal(List<Piece> pieces, StringBuilder text, boolean unescape) {
        if (text.isEmpty()) return;
        byte[] bytes = (unescape ? Escapes.unescape(text.toString()) : text.toString()).getBytes(StandardCharsets.UTF_8);
        pieces.add((r, out) -> out.write(bytes));
        text.setLength(0);
    }

    /** kcat writes a key or value that is null or empty as nothing, or as NULL with -Z. */
    private static void bytesOrNull(byte[] b, OutputStream out, boolean nullAsString) throws IOException {
        if (b != null && b.length > 0) out.write(b);
        else if (nullAsString) out.write(NULL);
    }

    private static void ascii(String s, OutputStream out) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void headers(List<Header> headers, OutputStream out) throws IOException {
        for (int i = 0; i < headers.size(); i++) {
            if (i > 0) out.write(',');
            out.write(headers.get(i).key().getBytes(StandardCharsets.UTF_8));
            out.write('=');
            if (headers.get(i).value() != null) out.write(headers.get(i).value());
        }
    }

    void write(ConsumerRecord r, OutputStream out) throws IOException {
        for (Piece p : pieces) p.write(r, out);
    }
}
