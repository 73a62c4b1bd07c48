package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of TOML that pyproject.toml and Pipfile use for what detection reads: tables, keys with
 * string values, and arrays of strings (over several lines too). Other values are kept as their raw
 * text, which is enough to know a key exists (e.g. {@code gunicorn = { version = "^22" }}).
 */
final class TomlFile {
    private final Map<String, Map<String, Object>> tables = new LinkedHashMap<>();

    private TomlFile() {}

    static TomlFile parse(String text) {
        TomlFile toml = new TomlFile();
        String table = "";
        toml.tables.put(table, new LinkedHashMap<>());
        List<String> lines = List.of(text.replace("\r\n", "\n").split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                table = unquote(line.replaceAll("^\\[+|\\]+$", "").strip());
                toml.tables.putIfAbsent(table, new LinkedHashMap<>());
                continue;
            }
            int equals = indexOutsideStrings(line, '=');
            if (equals < 0) {
                continue;
            }
            String key = unquote(line.substring(0, equals).strip());
            StringBuilder value = new StringBuilder(line.substring(equals + 1).strip());
            while (openBrackets(value.toString()) > 0 && i + 1 < lines.size()) {
                value.append(' ').append(stripComment(lines.get(++i)).strip());
            }
            if (value.toString().startsWith("\"\"\"") || value.toString().startsWith("'''")) {
                String quote = value.substring(0, 3);
                while (value.indexOf(quote, 3) < 0 && i + 1 < lines.size()) {
                    value.append('\n').append(lines.get(++i));
                }
            }
            toml.tables.get(table).put(key, value(value.toString().strip()));
        }
        return toml;
    }

    boolean hasTable(String table) {
        return tables.containsKey(table);
    }

    Set<String> keys(String table) {
        return tables.getOrDefault(table, Map.of()).keySet();
    }

    Optional<String> string(String table, String key) {
        Object value = tables.getOrDefault(table, Map.of()).get(key);
        return value instanceof String text ? Optional.of(text) : Optional.empty();
    }

    /** An array of strings; its non-string elements are left out. */
    List<String> strings(String table, String key) {
        Object value = tables.getOrDefault(table, Map.of()).get(key);
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static Object value(String raw) {
        if (raw.startsWith("\"\"\"") || raw.startsWith("'''")) {
            return raw.substring(3, Math.max(3, raw.length() - 3));
        }
        if (raw.startsWith("\"") || raw.startsWith("'")) {
            return unquote(raw);
        }
        if (raw.startsWith("[")) {
            List<Object> elements = new ArrayList<>();
            String inner =
                    raw.substring(
                            1, raw.lastIndexOf(']') < 0 ? raw.length() : raw.lastIndexOf(']'));
            for (String element : splitOutsideStrings(inner)) {
                String trimmed = element.strip();
                if (!trimmed.isEmpty()) {
                    elements.add(value(trimmed));
                }
            }
            return elements;
        }
        return new Raw(raw);
    }

    /** A value detection does not read (a number, a boolean, an inline table), as written. */
    private record Raw(String text) {}

    private static String unquote(String text) {
        if (text.length() >= 2
                && (text.startsWith("\"") && text.endsWith("\"")
                        || text.startsWith("'") && text.endsWith("'"))) {
            String inner = text.substring(1, text.length() - 1);
            return text.startsWith("\"")
                    ? inner.replace("\\\"", "\"").replace("\\\\", "\\")
                    : inner;
        }
        return text;
    }

    private static String stripComment(String line) {
        int hash = indexOutsideStrings(line, '#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static int indexOutsideStrings(String text, char wanted) {
        for (int i : unquotedPositions(text)) {
            if (text.charAt(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int openBrackets(String text) {
        int depth = 0;
        for (int i : unquotedPositions(text)) {
            depth += nesting(text.charAt(i));
        }
        return depth;
    }

    private static List<String> splitOutsideStrings(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i : unquotedPositions(text)) {
            char c = text.charAt(i);
            depth += nesting(c);
            if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /**
     * The positions of {@code text} outside TOML strings (the quotes themselves included): basic
     * strings in double quotes with backslash escapes, literal strings in single quotes without.
     */
    private static int[] unquotedPositions(String text) {
        int[] positions = new int[text.length()];
        int count = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else {
                positions[count++] = i;
            }
        }
        return Arrays.copyOf(positions, count);
    }

    /** +1 for an opening bracket or brace, -1 for a closing one, else 0. */
    private static int nesting(char c) {
        return c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
    }
}
