package dev.jrdkafka.cli.kcat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kcat's command line, parsed as kcat (getopt) parses it: single-letter flags, clustered
 * ({@code -Ce}), with their value attached or as the next argument ({@code -tfoo},
 * {@code -t foo}); the rest are operands (files to produce). Only the flags jrdkafka
 * implements are accepted; any other is refused with its name.
 */
final class KcatOptions {
    /** Flags that take a value. */
    private static final String WITH_VALUE = "GtpbXFocfKDkHzdsm";
    /** Flags without a value. */
    private static final String WITHOUT_VALUE = "PCLeqvJZElu";

    char mode;            // 'P', 'C', 'L' (or 'G' for -C with a group)
    String group;
    final List<String> topics = new ArrayList<>();
    int partition = -1;   // RD_KAFKA_PARTITION_UA: all (consume) or the partitioner (produce)
    String brokers;
    final Map<String, String> config = new LinkedHashMap<>();
    String offset;        // null: kcat's default (end for -C, stored for -G)
    boolean exitAtEnd;
    long count = -1;
    String format;
    String keyDelimiter;
    String delimiter = "\n";
    String key;
    final List<String[]> headers = new ArrayList<>();
    boolean quiet;
    int verbosity = 1;
    boolean json;
    boolean nullAsString; // -Z: NULL for null keys and values
    boolean exitOnError;  // -E
    boolean linePerMessage; // -l: each line of a file is a message
    boolean unbuffered;
    final List<String> files = new ArrayList<>();

    /** Parses {@code args}; a wrong command line throws {@link UsageException} with what to fix. */
    static KcatOptions parse(String[] args) {
        KcatOptions o = new KcatOptions();
        int i = 0;
        while (i < args.length) {
            String a = args[i++];
            if (a.equals("--")) {
                while (i < args.length) o.files.add(args[i++]);
                break;
            }
            if (!a.startsWith("-") || a.length() == 1) {
                o.files.add(a);
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char f = a.charAt(j);
                if (WITH_VALUE.indexOf(f) >= 0) {
                    String value;
                    if (j + 1 < a.length()) {
                        value = a.substring(j + 1);
                    } else if (i < args.length) {
                        value = args[i++];
                    } else {
                        throw new UsageException("option -" + f + " requires a value");
                    }
                    o.set(f, value);
                    break;
                } else if (WITHOUT_VALUE.indexOf(f) >= 0) {
                    o.set(f, null);
                } else {
                    throw new UsageException("option -" + f + " is not supported by jrdkafka's kcat mode"
                            + " (supported: -P -C -G -L -t -p -b -X -F -o -e -c -f -K -D -k -H -z -d -q -v -J -Z -E -l -u)");
                }
            }
        }
        if (o.mode == 'G') { // kcat -G group topic1 topic2...: the operands are the topics
            o.topics.addAll(o.files);
            o.files.clear();
        }
        if (o.mode == 0) throw new UsageException("give a mode: -P (produce), -C (consume), -G GROUP (balanced consumer) or -L (metadata)");
        if (o.mode != 'L' && o.topics.isEmpty()) throw new UsageException("-" + o.mode + " needs a topic: -t TOPIC");
        if (o.mode == 'G' && o.group == null) throw new UsageException("-G needs a group");
        return o;
    }

    private void set(char f, String v) {
        switch (f) {
            case 'P', 'C', 'L' -> mode(f);
            case 'G' -> {
                mode('G');
                group = v;
            }
            case 't' -> topics.add(v);
            case 'p' -> partition = integer("-p", v);
            case 'b' -> brokers = v;
            case 'X' -> property(v);
            case 'F' -> configFile(v);
            case 'o' -> offset = v;
            case 'e' -> exitAtEnd = true;
            case 'c' -> count = integer("-c", v);
            case 'f' -> format = v;
            case 'K' -> keyDelimiter = Escapes.unescape(v);
            case 'D' -> delimiter = Escapes.unescape(v);
            case 'k' -> key = v;
            case 'H' -> header(v);
            case 'z' -> config.put("compression.codec", v);
            case 'd' -> config.put("debug", v);
            case 's', 'm' -> throw new UsageException("option -" + f + " is not supported by jrdkafka's kcat mode");
            case 'q' -> quiet = true;
            case 'v' -> verbosity++;
            case 'J' -> json = true;
            case 'Z' -> nullAsString = true;
            case 'E' -> exitOnError = true;
            case 'l' -> linePerMessage = true;
            case 'u' -> unbuffered = true;
            default -> throw new UsageException("option -" + f + " is not supported");
        }
    }

    private void mode(char m) {
        if (mode != 0 && mode != m) throw new UsageException("give one mode only: -" + mode + " and -" + m);
        mode = m;
    }

    private static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a number, got '" + v + "'");
        }
    }

    private void property(String v) {
        int eq = v.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("-X needs property=value (e.g. -X security.protocol=SSL), got '" + v
                    + "' (-X list and -X dump are not supported by jrdkafka's kcat mode)");
        }
        config.put(v.substring(0, eq), v.substring(eq + 1));
    }

    private void configFile(String path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("-F " + path + ": cannot read the configuration file: " + e.getMessage());
        }
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            property(l);
        }
    }

    private void header(String v) {
        int eq = v.indexOf('=');
        if (eq <= 0) throw new UsageException("-H needs name=value, got '" + v + "'");
        headers.add(new String[] {v.substring(0, eq), v.substring(eq + 1)});
    }

    /** A command line that cannot be run: kcat's exit status 1 with this message. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
