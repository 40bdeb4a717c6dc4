package dev.jrdkafka.cli.kcat;

/** kcat's backslash escapes in delimiters and formats: \n \r \t, \xHH, \NNN (decimal), else the character itself. */
final class Escapes {
    private Escapes() {}

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    int end = i + 1;
                    while (end < s.length() && end < i + 3 && Character.digit(s.charAt(end), 16) >= 0) end++;
                    out.append(end > i + 1 ? (char) Integer.parseInt(s.substring(i + 1, end), 16) : 'x');
                    i = end - 1;
                }
                default -> {
                    if (Character.isDigit(n)) {
                        int end = i;
                        while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
                        out.append((char) Integer.parseInt(s.substring(i, end)));
                        i = end - 1;
                    } else {
                        out.append(n);
                    }
                }
            }
        }
        return out.toString();
    }
}
