package ink.ml.deploy.deployer.worker.build.policy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into instructions the way BuildKit's Dockerfile frontend does: parser
 * directives at the top, comments, escape-token line continuations, builder flags and heredoc
 * bodies. A policy that reads the file differently from the builder can be walked around, so where
 * the two could disagree this parser follows BuildKit, and where BuildKit versions disagree it
 * reports enough for the policy to refuse.
 */
final class DockerfileParser {
    /**
     * A {@code key=value} comment at the top of the file. {@code applied} is false when BuildKit's
     * Dockerfile parser does not treat it as a directive (after a plain comment, or an unknown
     * key), though the frontend selection may still read a {@code syntax} key from it.
     */
    record Directive(int line, String name, String value, boolean applied) {}

    /**
     * One instruction: its first line, lower-case keyword, builder flags as {@code name=value} and
     * the arguments after them.
     */
    record Instruction(int line, String keyword, List<String> flags, String arguments) {
        /**
         * The instruction an {@code ONBUILD} registers, which runs in a stage built on this one.
         */
        Optional<Instruction> trigger() {
            return keyword.equals("onbuild") && !arguments.isEmpty()
                    ? Optional.of(of(line, arguments))
                    : Optional.empty();
        }

        /** The values of every {@code --name=} flag; a flag without value has an empty one. */
        List<String> flagValues(String name) {
            List<String> values = new ArrayList<>();
            for (String flag : flags) {
                int equals = flag.indexOf('=');
                String flagName = equals < 0 ? flag : flag.substring(0, equals);
                if (flagName.equalsIgnoreCase("--" + name)) {
                    values.add(equals < 0 ? "" : flag.substring(equals + 1));
                }
            }
            return values;
        }

        static Instruction of(int line, String text) {
            String[] command = COMMAND_SPLIT.split(trimGoSpace(text), 2);
            String keyword = command[0].toLowerCase(Locale.ROOT);
            if (command.length < 2) {
                return new Instruction(line, keyword, List.of(), "");
            }
            List<String> flags = new ArrayList<>();
            String arguments = extractFlags(command[1], flags);
            return new Instruction(line, keyword, List.copyOf(flags), trimGoSpace(arguments));
        }
    }

    record Parsed(List<Directive> directives, char escape, List<Instruction> instructions) {}

    /** Go's {@code \s}, which BuildKit's directive pattern uses. */
    private static final String GO_SPACES = "[\\t\\n\\f\\r ]*";

    private static final Pattern DIRECTIVE =
            Pattern.compile(
                    "(#|//)"
                            + GO_SPACES
                            + "([a-zA-Z][a-zA-Z0-9]*)"
                            + GO_SPACES
                            + "="
                            + GO_SPACES
                            + "(.+?)"
                            + GO_SPACES,
                    Pattern.DOTALL);
    private static final Set<String> DIRECTIVE_NAMES = Set.of("syntax", "escape", "check");
    private static final Pattern COMMAND_SPLIT = Pattern.compile("[\\t\\u000B\\f\\r ]+");
    private static final Pattern HEREDOC = Pattern.compile("(\\d*)<<(-?)([^<]*)", Pattern.DOTALL);
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("add", "copy", "run");

    private DockerfileParser() {}

    static Parsed parse(String text) {
        String[] lines = physicalLines(text);
        List<Directive> directives = leadingDirectives(lines);
        char escape = '\\';
        for (Directive directive : directives) {
            if (directive.applied() && directive.name().equals("escape")) {
                escape = directive.value().equals("`") ? '`' : '\\';
            }
        }
        Pattern continuation = continuation(escape);
        List<Instruction> instructions = new ArrayList<>();
        int next = 0;
        while (next < lines.length) {
            int start = next;
            String first = stripGoSpace(lines[next++]);
            if (first.startsWith("#")) {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            boolean continues = appendLine(logical, first, continuation);
            if (!continues && logical.isEmpty()) {
                continue;
            }
            while (continues && next < lines.length) {
                String line = lines[next++];
                if (stripGoSpace(line).isEmpty() || stripGoSpace(line).startsWith("#")) {
                    // BuildKit drops comment and blank lines inside a continued instruction.
                    continue;
                }
                continues = appendLine(logical, line, continuation);
            }
            Instruction instruction = Instruction.of(start + 1, logical.toString());
            instructions.add(instruction);
            next = skipHeredocBodies(lines, next, instruction, logical.toString());
        }
        return new Parsed(directives, escape, instructions);
    }

    /** Lines split on {@code \n} only, as Go's scanner does; a carriage return is not a break. */
    private static String[] physicalLines(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int end = line.length();
            while (end > 0 && line.charAt(end - 1) == '\r') {
                end--;
            }
            lines[i] = line.substring(0, end);
        }
        return lines;
    }

    /**
     * Every {@code key=value} comment in the leading block of comments, {@code #} or {@code //}:
     * BuildKit applies only the unbroken run of known {@code #} directives, but picks the frontend
     * ({@code syntax}) from either comment style and after a {@code #!} line, so all are reported.
     */
    private static List<Directive> leadingDirectives(String[] lines) {
        List<Directive> directives = new ArrayList<>();
        boolean applying = true;
        for (int i = 0; i < lines.length; i++) {
            String line = stripGoSpace(lines[i]);
            if (!line.startsWith("#") && !line.startsWith("//")) {
                break;
            }
            Matcher directive = DIRECTIVE.matcher(line);
            if (!directive.matches()) {
                applying = false;
                continue;
            }
            String name = directive.group(2).toLowerCase(Locale.ROOT);
            applying = applying && directive.group(1).equals("#") && DIRECTIVE_NAMES.contains(name);
            directives.add(new Directive(i + 1, name, directive.group(3), applying));
        }
        return directives;
    }

    /** BuildKit's rule: the escape token at the end, unless itself escaped, continues the line. */
    private static Pattern continuation(char escape) {
        String token = Pattern.quote(String.valueOf(escape));
        return Pattern.compile(
                "([^"
                        + (escape == '\\' ? "\\\\" : "`")
                        + "])"
                        + token
                        + "[ \\t]*\\z|\\A"
                        + token
                        + "[ \\t]*\\z",
                Pattern.DOTALL);
    }

    /**
     * Appends a physical line without its continuation token; true when the instruction goes on.
     */
    private static boolean appendLine(StringBuilder logical, String line, Pattern continuation) {
        Matcher matcher = continuation.matcher(line);
        if (matcher.find()) {
            logical.append(line, 0, matcher.start());
            if (matcher.group(1) != null) {
                logical.append(matcher.group(1));
            }
            return true;
        }
        logical.append(line);
        return false;
    }

    /**
     * Skips the bodies of the instruction's heredocs. A heredoc that never ends is not skipped:
     * BuildKit then fails the build, or (if it did not see a heredoc there) reads those lines as
     * instructions, which must then be checked.
     */
    private static int skipHeredocBodies(
            String[] lines, int next, Instruction instruction, String logical) {
        Instruction target = instruction.trigger().orElse(instruction);
        if (!HEREDOC_INSTRUCTIONS.contains(target.keyword())
                || jsonArray(target.arguments()).isPresent()) {
            return next;
        }
        int position = next;
        for (String word : words(logical, '\\')) {
            Matcher heredoc = HEREDOC.matcher(word);
            if (!heredoc.matches() || heredoc.group(3).isEmpty()) {
                continue;
            }
            String terminator = unquote(heredoc.group(3));
            boolean chomp = heredoc.group(2).equals("-");
            int end = position;
            while (end < lines.length && !isTerminator(lines[end], terminator, chomp)) {
                end++;
            }
            if (end == lines.length) {
                return next;
            }
            position = end + 1;
        }
        return position;
    }

    private static boolean isTerminator(String line, String terminator, boolean chomp) {
        String candidate = chomp ? line.replaceFirst("^\\t+", "") : line;
        return candidate.equals(terminator);
    }

    private static String unquote(String word) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else if (c == '\\' && quote != '\'' && i + 1 < word.length()) {
                out.append(word.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Words split on white space outside quotes, quotes and escapes kept, as BuildKit splits ARG,
     * ENV and heredoc lines. A {@code ${...}} stays one word: BuildKit's shell lexer reads it
     * whole, so {@code ${X:- <<EOF}} does not open a heredoc.
     */
    static List<String> words(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isGoSpace(c)) {
                if (!word.isEmpty() || quoted) {
                    words.add(word.toString());
                }
                word.setLength(0);
                quoted = false;
                i++;
            } else if (c == escape) {
                if (i + 1 < text.length()) {
                    word.append(c).append(text.charAt(i + 1));
                }
                i += 2;
            } else if (c == '\'' || c == '"') {
                int end = closingQuote(text, i, escape);
                word.append(text, i, end);
                quoted = true;
                i = end;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = closingBrace(text, i + 2, escape);
                word.append(text, i, end);
                i = end;
            } else {
                word.append(c);
                i++;
            }
        }
        if (!word.isEmpty() || quoted) {
            words.add(word.toString());
        }
        return words;
    }

    /** The index after the quote that closes the one at {@code open}, or the text's end. */
    private static int closingQuote(String text, int open, char escape) {
        char quote = text.charAt(open);
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            i += c == escape && quote == '"' ? 2 : 1;
        }
        return text.length();
    }

    private static int closingBrace(String text, int from, char escape) {
        int depth = 1;
        int i = from;
        while (i < text.length() && depth > 0) {
            char c = text.charAt(i);
            if (c == escape) {
                i += 2;
            } else if (c == '\'' || c == '"') {
                i = closingQuote(text, i, escape);
            } else {
                if (c == '{' && text.charAt(i - 1) == '$') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
                i++;
            }
        }
        return Math.min(i, text.length());
    }

    /** White-space separated fields, as BuildKit splits FROM and shell-form ADD and COPY. */
    static List<String> fields(String arguments) {
        String trimmed = trimGoSpace(arguments);
        return trimmed.isEmpty() ? List.of() : List.of(COMMAND_SPLIT.split(trimmed));
    }

    /**
     * The strings of a JSON array at the start of the arguments, as BuildKit's exec-form check
     * reads them (text after the array is ignored); empty when they are in shell form.
     */
    static Optional<List<String>> jsonArray(String arguments) {
        String text = stripGoSpace(arguments);
        if (!text.startsWith("[")) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        int[] position = {jsonSpace(text, 1)};
        if (position[0] < text.length() && text.charAt(position[0]) == ']') {
            return Optional.of(values);
        }
        while (position[0] < text.length()) {
            String value = jsonString(text, position);
            if (value == null) {
                return Optional.empty();
            }
            values.add(value);
            int i = jsonSpace(text, position[0]);
            if (i >= text.length()) {
                return Optional.empty();
            }
            if (text.charAt(i) == ']') {
                return Optional.of(values);
            }
            if (text.charAt(i) != ',') {
                return Optional.empty();
            }
            position[0] = jsonSpace(text, i + 1);
        }
        return Optional.empty();
    }

    private static int jsonSpace(String text, int from) {
        int i = from;
        while (i < text.length() && " \t\n\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** A JSON string at position[0], position moved past it; null when there is none. */
    private static String jsonString(String text, int[] position) {
        int i = position[0];
        if (i >= text.length() || text.charAt(i) != '"') {
            return null;
        }
        StringBuilder out = new StringBuilder();
        i++;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == '"') {
                position[0] = i;
                return out.toString();
            }
            if (c < 0x20) {
                return null;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= text.length()) {
                return null;
            }
            char escaped = text.charAt(i++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 > text.length()
                            || !text.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
                        return null;
                    }
                    out.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * BuildKit's builder-flag scan: leading {@code --name=value} or {@code --name value} words,
     * with quotes and backslash escapes. It reads bytes, so a byte 0x85 or 0xA0 inside a UTF-8
     * character separates words there; this scan does the same.
     */
    private static String extractFlags(String line, List<String> flags) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        boolean inWord = false;
        boolean inQuote = false;
        boolean blankOk = false;
        byte quote = 0;
        boolean parsingFlagArgument = false;
        boolean needFlagArgument = true;
        for (int pos = 0; pos <= bytes.length; pos++) {
            if (!inWord && !inQuote) {
                if (pos == bytes.length) {
                    break;
                }
                if (isGoSpace((char) (bytes[pos] & 0xFF))) {
                    continue;
                }
                boolean flagStart =
                        bytes[pos] == '-' && pos + 1 < bytes.length && bytes[pos + 1] == '-';
                if (!parsingFlagArgument && !flagStart) {
                    return new String(bytes, pos, bytes.length - pos, StandardCharsets.UTF_8);
                }
                inWord = true;
            }
            if (pos == bytes.length) {
                String last = word.toString(StandardCharsets.UTF_8);
                if (parsingFlagArgument && !flags.isEmpty()) {
                    flags.set(flags.size() - 1, flags.get(flags.size() - 1) + "=" + last);
                } else if (!last.equals("--") && (blankOk || !last.isEmpty())) {
                    flags.add(last);
                }
                break;
            }
            byte b = bytes[pos];
            if (inQuote) {
                if (b == quote) {
                    inQuote = false;
                    inWord = true;
                    continue;
                }
                if (b == '\\') {
                    if (pos + 1 == bytes.length) {
                        inQuote = false;
                        inWord = true;
                        continue;
                    }
                    b = bytes[++pos];
                }
                word.write(b);
                continue;
            }
            if (isGoSpace((char) (b & 0xFF))) {
                inWord = false;
                String current = word.toString(StandardCharsets.UTF_8);
                if (parsingFlagArgument) {
                    flags.set(flags.size() - 1, flags.get(flags.size() - 1) + "=" + current);
                    parsingFlagArgument = false;
                    needFlagArgument = true;
                } else {
                    if (current.equals("--")) {
                        return new String(bytes, pos, bytes.length - pos, StandardCharsets.UTF_8);
                    }
                    if (blankOk || !current.isEmpty()) {
                        parsingFlagArgument = needFlagArgument;
                        flags.add(current);
                    }
                }
                word.reset();
                blankOk = false;
                continue;
            }
            if (b == '=' && needFlagArgument) {
                needFlagArgument = false;
            }
            if (b == '\'' || b == '"') {
                quote = b;
                blankOk = true;
                inQuote = true;
                inWord = false;
                continue;
            }
            if (b == '\\') {
                if (pos + 1 == bytes.length) {
                    continue;
                }
                b = bytes[++pos];
            }
            word.write(b);
        }
        return "";
    }

    /** Go's {@code unicode.IsSpace}, which BuildKit uses to trim lines and split words. */
    static boolean isGoSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0' -> true;
            default -> c > 0xFF && Character.isSpaceChar(c);
        };
    }

    private static String trimGoSpace(String text) {
        String start = stripGoSpace(text);
        int end = start.length();
        while (end > 0 && isGoSpace(start.charAt(end - 1))) {
            end--;
        }
        return start.substring(0, end);
    }

    static String stripGoSpace(String text) {
        int i = 0;
        while (i < text.length() && isGoSpace(text.charAt(i))) {
            i++;
        }
        return text.substring(i);
    }
}
