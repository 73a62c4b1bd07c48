package ink.ml.deploy.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of LogQL that {@link LokiStandIn} evaluates: a stream selector of equality matchers and
 * any number of {@code |=} line filters, strings double-quoted (Go escapes) or in backticks (raw),
 * as Loki reads them. Anything else is a parse error with Loki's wording, so a client that builds
 * something the stand-in does not know hears about it instead of getting an empty answer.
 */
final class LokiStandInQuery {
    private final Map<String, String> matchers;
    private final List<String> lineFilters;

    private LokiStandInQuery(Map<String, String> matchers, List<String> lineFilters) {
        this.matchers = Map.copyOf(matchers);
        this.lineFilters = List.copyOf(lineFilters);
    }

    /**
     * @throws IllegalArgumentException with Loki's {@code parse error at line 1, col N: …}
     */
    static LokiStandInQuery parse(String query) {
        return new Parser(query).query();
    }

    boolean selects(Map<String, String> labels) {
        return matchers.entrySet().stream()
                .allMatch(matcher -> matcher.getValue().equals(labels.get(matcher.getKey())));
    }

    boolean keeps(String line) {
        return lineFilters.stream().allMatch(line::contains);
    }

    Map<String, String> matchers() {
        return matchers;
    }

    List<String> lineFilters() {
        return lineFilters;
    }

    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        LokiStandInQuery query() {
            Map<String, String> matchers = new LinkedHashMap<>();
            List<String> filters = new ArrayList<>();
            skipSpace();
            expect('{');
            do {
                skipSpace();
                String label = identifier();
                skipSpace();
                expect('=');
                if (peek() == '~' || peek() == '=') {
                    throw error("only equality matchers are supported");
                }
                skipSpace();
                matchers.put(label, string());
                skipSpace();
            } while (accept(','));
            expect('}');
            skipSpace();
            while (position < text.length()) {
                if (!text.startsWith("|=", position)) {
                    throw error("syntax error: unexpected " + rest());
                }
                position += 2;
                skipSpace();
                filters.add(string());
                skipSpace();
            }
            if (matchers.isEmpty()) {
                throw error("queries require at least one matcher");
            }
            return new LokiStandInQuery(matchers, filters);
        }

        private String identifier() {
            int start = position;
            while (position < text.length()) {
                char c = text.charAt(position);
                boolean letter = Character.isLetter(c) || c == '_';
                if (!(letter || (position > start && Character.isDigit(c)))) {
                    break;
                }
                position++;
            }
            if (start == position) {
                throw error("syntax error: unexpected " + rest() + ", expecting IDENTIFIER");
            }
            return text.substring(start, position);
        }

        private String string() {
            char quote = peek();
            if (quote == '`') {
                int end = text.indexOf('`', position + 1);
                if (end < 0) {
                    throw error("literal not terminated");
                }
                String value = text.substring(position + 1, end);
                position = end + 1;
                return value;
            }
            if (quote != '"') {
                throw error("syntax error: unexpected " + rest() + ", expecting STRING");
            }
            position++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (position >= text.length()) {
                    throw error("literal not terminated");
                }
                char c = text.charAt(position++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\n') {
                    throw error("literal not terminated");
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (position >= text.length()) {
                    throw error("literal not terminated");
                }
                char escape = text.charAt(position++);
                switch (escape) {
                    case '\\' -> value.append('\\');
                    case '"' -> value.append('"');
                    case '\'' -> value.append('\'');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'a' -> value.append('\u0007');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'v' -> value.append('\u000b');
                    case 'x' -> value.appendCodePoint(hex(2));
                    case 'u' -> value.appendCodePoint(hex(4));
                    case 'U' -> value.appendCodePoint(hex(8));
                    default -> throw error("invalid char escape");
                }
            }
        }

        private int hex(int digits) {
            if (position + digits > text.length()) {
                throw error("invalid char escape");
            }
            try {
                int value = Integer.parseInt(text.substring(position, position + digits), 16);
                position += digits;
                return value;
            } catch (NumberFormatException e) {
                throw error("invalid char escape");
            }
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw error("syntax error: unexpected " + rest() + ", expecting " + c);
            }
        }

        private boolean accept(char c) {
            if (peek() == c) {
                position++;
                return true;
            }
            return false;
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        private void skipSpace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private String rest() {
            return position >= text.length()
                    ? "$end"
                    : text.substring(position, Math.min(text.length(), position + 10));
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(
                    "parse error at line 1, col " + (position + 1) + ": " + what);
        }
    }
}
