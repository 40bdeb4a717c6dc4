package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.Header;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * kcat's {@code -f} output format: literal text (with kcat's backslash escapes) and the
 * tokens %s (value), %S (value length, -1 for null), %R (value length as 4 bytes, big
 * endian), %k (key), %K (key length, -1 for null), %t (topic), %p (partition), %o
 * (offset), %T (timestamp, ms), %h (headers, name=value comma separated, NULL for a null
 * value) and %%. Keys and values go through the {@code -s} deserializers when given. Writes
 * straight from the message's segments into {@link KcatOut}.
 */
final class KcatFormat {
    /** One part of the format; returns null, or why the message could not be formatted. */
    private interface Piece {
        String write(KcatMessage m, KcatOut out) throws IOException;
    }

    private static final byte[] NULL = "NULL".getBytes(StandardCharsets.US_ASCII);

    private final List<Piece> pieces;
    /** The format's first piece if it is literal text: what kcat writes after each -J object. */
    private final byte[] leadingText;

    private KcatFormat(List<Piece> pieces, byte[] leadingText) {
        this.pieces = pieces;
        this.leadingText = leadingText;
    }

    /** kcat's format when no -f is given: the value (after the key and -K delimiter, if any), then the -D delimiter. */
    static KcatFormat defaults(String keyDelimiter, String delimiter, boolean nullAsString, Unpack keyPack, Unpack valuePack) {
        String f = (keyDelimiter != null ? "%k" + escapePercent(keyDelimiter) : "") + "%s" + escapePercent(delimiter);
        return parse(f, false, nullAsString, keyPack, valuePack);
    }

    static KcatFormat parse(String format, boolean unescape, boolean nullAsString) {
        return parse(format, unescape, nullAsString, null, null);
    }

    private static String escapePercent(String s) {
        return s.replace("%", "%%");
    }

    /** Parses a -f format; an unknown token is refused with kcat's message. */
    static KcatFormat parse(String format, boolean unescape, boolean nullAsString, Unpack keyPack, Unpack valuePack) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        byte[] leading = null;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
                continue;
            }
            if (i + 1 == format.length()) throw new KcatOptions.UsageException("Empty formatter");
            char t = format.charAt(++i);
            if (t == '%') {
                text.append('%');
                continue;
            }
            byte[] lit = literal(pieces, text, unescape);
            if (pieces.size() == 1 && lit != null) leading = lit;
            pieces.add(switch (t) {
                case 's' -> valuePack != null ? (m, out) -> bytes(m.value(), valuePack, nullAsString, out)
                        : (m, out) -> {
                            if (m.valueSize() > 0) m.writeValue(out);
                            else if (nullAsString) out.write(NULL);
                            return null;
                        };
                case 'S' -> (m, out) -> {
                    out.writeLong(m.valueSize());
                    return null;
                };
                case 'R' -> (m, out) -> {
                    int n = (int) m.valueSize();
                    out.write(n >>> 24);
                    out.write(n >>> 16);
                    out.write(n >>> 8);
                    out.write(n);
                    return null;
                };
                case 'k' -> keyPack != null ? (m, out) -> bytes(m.key(), keyPack, nullAsString, out)
                        : (m, out) -> {
                            if (m.keySize() > 0) m.writeKey(out);
                            else if (nullAsString) out.write(NULL);
                            return null;
                        };
                case 'K' -> (m, out) -> {
                    out.writeLong(m.keySize());
                    return null;
                };
                case 't' -> (m, out) -> {
                    out.writeText(m.topic());
                    return null;
                };
                case 'p' -> (m, out) -> {
                    out.writeLong(m.partition());
                    return null;
                };
                case 'o' -> (m, out) -> {
                    out.writeLong(m.offset());
                    return null;
                };
                case 'T' -> (m, out) -> {
                    out.writeLong(m.timestamp());
                    return null;
                };
                case 'h' -> (m, out) -> {
                    headers(m.headers(), out);
                    return null;
                };
                default -> throw new KcatOptions.UsageException("Unsupported formatter: %" + t);
            });
        }
        byte[] lit = literal(pieces, text, unescape);
        if (pieces.size() == 1 && lit != null) leading = lit;
        return new KcatFormat(List.copyOf(pieces), leading == null ? new byte[0] : leading);
    }

    private static byte[] literal(List<Piece> pieces, StringBuilder text, boolean unescape) {
        if (text.isEmpty()) return null;
        byte[] bytes = (unescape ? Escapes.unescape(text.toString()) : text.toString()).getBytes(StandardCharsets.UTF_8);
        pieces.add((m, out) -> {
            out.write(bytes);
            return null;
        });
        text.setLength(0);
        return bytes;
    }

    /** kcat writes a key or value that is null or empty as nothing, or as NULL with -Z; else raw or deserialized (-s). */
    private static String bytes(MemorySegment b, Unpack pack, boolean nullAsString, KcatOut out) throws IOException {
        if (b != null && b.byteSize() > 0) {
            if (pack != null) return pack.write(b, out);
            out.write(b);
        } else if (nullAsString) {
            out.write(NULL);
        }
        return null;
    }

    private static void headers(List<Header> headers, KcatOut out) throws IOException {
        for (int i = 0; i < headers.size(); i++) {
            if (i > 0) out.write(',');
            out.write(headers.get(i).key().getBytes(StandardCharsets.UTF_8));
            out.write('=');
            byte[] v = headers.get(i).value();
            if (v == null) out.write(NULL);
            else out.write(v);
        }
    }

    /**
     * Prints {@code m}; returns null, or kcat's text for a message that could not be
     * formatted (a -s deserializer failed), after which the rest of the format is skipped.
     */
    String write(KcatMessage m, KcatOut out) throws IOException {
        for (Piece p : pieces) {
            String failed = p.write(m, out);
            if (failed != null) {
                return "Failed to format message in " + m.topic() + " [" + m.partition() + "] at offset " + m.offset() + ": " + failed;
            }
        }
        return null;
    }

    /** What kcat writes after each -J object: the format's leading literal text (the -D delimiter without -f). */
    byte[] jsonTrailer() {
        return leadingText;
    }
}
