package ink.ml.deploy.platform.deployments;

/**
 * Makes text from builds and workflows safe to store and show: no control characters that could
 * forge lines or break terminals, no unpaired surrogates (PostgreSQL stores UTF-8), and cut to a
 * column's limit with a visible "…".
 */
final class Text {
    static final String ELLIPSIS = "…";

    private Text() {}

    /** One line: control characters other than tab are dropped. */
    static String line(String value, int maxLength) {
        return cut(clean(value, false), maxLength);
    }

    /** A message that may span lines: newlines and tabs stay, other control characters go. */
    static String message(String value, int maxLength) {
        return cut(clean(value, true), maxLength);
    }

    private static String clean(String value, boolean keepNewlines) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else if (c == '\t' || (keepNewlines && c == '\n') || !Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** At most {@code maxLength} chars; a longer text ends in "…" and never in half a pair. */
    private static String cut(String value, int maxLength) {
        if (value.length() <= maxLength) {
            return value;
        }
        int end = maxLength - ELLIPSIS.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + ELLIPSIS;
    }
}
