package ink.ml.deploy.deployer.worker.build.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ARG and ENV values in scope at a line, and BuildKit's expansion of a word with them ({@code
 * $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR:+word}}, quotes, escapes).
 *
 * <p>The platform passes no build arguments, so an ARG's default is its value. A name this class
 * cannot know leaves the word unresolved, and the policy refuses it rather than guess: a name from
 * the base image's ENV, the platform ARGs BuildKit fills in ({@code TARGETARCH}, ...), or an
 * expansion form it does not model ({@code ${VAR#prefix}}).
 */
final class Variables {
    /** A word after expansion; {@code prefix} is what came before the first unknown name. */
    record Expansion(String value, boolean resolved, String prefix) {}

    private static final Set<String> PLATFORM_ARGS =
            Set.of(
                    "TARGETPLATFORM",
                    "TARGETOS",
                    "TARGETARCH",
                    "TARGETVARIANT",
                    "BUILDPLATFORM",
                    "BUILDOS",
                    "BUILDARCH",
                    "BUILDVARIANT",
                    "TARGETSTAGE");

    /** A known value, or empty when the name is defined but its value is not knowable here. */
    private final Map<String, Optional<String>> values = new HashMap<>();

    /** The ENV part of {@link #values}: what a stage built on this one starts with. */
    private final Map<String, Optional<String>> environment = new HashMap<>();

    /**
     * True before the first FROM, where nothing but the Dockerfile defines names; in a stage the
     * base image's ENV may define any name.
     */
    private final boolean undeclaredAreUnset;

    private Variables(boolean undeclaredAreUnset) {
        this.undeclaredAreUnset = undeclaredAreUnset;
    }

    static Variables global() {
        return new Variables(true);
    }

    /** A stage on an image, whose ENV is unknown. */
    static Variables stage() {
        return new Variables(false);
    }

    /** A stage built on an earlier stage: that stage's ENV carries over. */
    Variables child() {
        Variables child = new Variables(false);
        child.values.putAll(environment);
        child.environment.putAll(environment);
        return child;
    }

    /**
     * {@code ARG name} without default: in a stage it takes the global default, if there is one.
     */
    void declare(String name, Variables global) {
        if (undeclaredAreUnset) {
            return;
        }
        Optional<String> inherited = global.values.getOrDefault(name, Optional.empty());
        if (inherited.isPresent() || !values.containsKey(name)) {
            setArg(name, inherited);
        }
    }

    void setArg(String name, Expansion value) {
        setArg(name, value.resolved() ? Optional.of(value.value()) : Optional.empty());
    }

    void setEnv(String name, Expansion value) {
        setArg(name, value);
        environment.put(name, values.get(name));
    }

    private void setArg(String name, Optional<String> value) {
        values.put(name, value);
        if (environment.containsKey(name)) {
            // Whether a stage built on this one sees the ENV or the ARG value is not modelled.
            environment.put(name, Optional.empty());
        }
    }

    Expansion expand(String word, char escape) {
        Lexer lexer = new Lexer(word, escape);
        String value = lexer.word(null);
        return new Expansion(
                value,
                lexer.firstUnknown == null,
                lexer.firstUnknown == null ? value : lexer.firstUnknown);
    }

    private Optional<String> known(String name) {
        return values.getOrDefault(name, Optional.empty());
    }

    private boolean certainlyUnset(String name) {
        return !values.containsKey(name) && undeclaredAreUnset && !PLATFORM_ARGS.contains(name);
    }

    /** A port of the parts of BuildKit's shell lexer a Dockerfile can use outside RUN. */
    private final class Lexer {
        private final String text;
        private final char escape;
        private final StringBuilder top = new StringBuilder();
        private int position;
        private String firstUnknown;

        Lexer(String text, char escape) {
            this.text = text;
            this.escape = escape;
        }

        /**
         * Reads up to {@code stop} (consumed) or the end; the top level writes into {@link #top}.
         */
        String word(Character stop) {
            StringBuilder out = stop == null ? top : new StringBuilder();
            while (position < text.length()) {
                char c = text.charAt(position);
                if (stop != null && c == stop) {
                    position++;
                    return out.toString();
                }
                if (c == escape) {
                    position++;
                    if (position < text.length()) {
                        out.append(text.charAt(position++));
                    }
                } else if (c == '\'') {
                    singleQuoted(out);
                } else if (c == '"') {
                    doubleQuoted(out);
                } else if (c == '$') {
                    out.append(dollar());
                } else {
                    out.append(c);
                    position++;
                }
            }
            if (stop != null) {
                unknown();
            }
            return out.toString();
        }

        private void singleQuoted(StringBuilder out) {
            int end = text.indexOf('\'', position + 1);
            if (end < 0) {
                unknown();
                end = text.length();
            }
            out.append(text, position + 1, end);
            position = Math.min(end + 1, text.length());
        }

        private void doubleQuoted(StringBuilder out) {
            position++;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '"') {
                    position++;
                    return;
                }
                if (c == '$') {
                    out.append(dollar());
                    continue;
                }
                position++;
                if (c == escape && position < text.length()) {
                    char next = text.charAt(position);
                    if (next == '"' || next == '$' || next == escape) {
                        c = next;
                        position++;
                    }
                } else if (c == escape) {
                    continue;
                }
                out.append(c);
            }
            unknown();
        }

        private String dollar() {
            position++;
            if (position >= text.length()) {
                return "$";
            }
            if (text.charAt(position) != '{') {
                String name = name();
                return name.isEmpty() ? "$" : plain(name);
            }
            position++;
            String name = name();
            char operator = position < text.length() ? text.charAt(position++) : 0;
            if (!name.isEmpty() && operator == '}') {
                return plain(name);
            }
            boolean colon = operator == ':';
            if (colon) {
                operator = position < text.length() ? text.charAt(position++) : 0;
            }
            Optional<String> value = known(name);
            boolean modelled = !name.isEmpty() && operator != 0 && "-+?".indexOf(operator) >= 0;
            if (!modelled || value.isEmpty() && !certainlyUnset(name)) {
                // ${VAR#prefix}, ${VAR/a/b} or a name whose value is not knowable: not trusted.
                unknown();
                return discardWord("");
            }
            boolean set = value.isPresent() && !(colon && value.get().isEmpty());
            return switch (operator) {
                case '-' -> set ? discardWord(value.get()) : word('}');
                case '+' -> set ? word('}') : discardWord("");
                default -> {
                    if (!set) {
                        unknown();
                    }
                    yield discardWord(value.orElse(""));
                }
            };
        }

        /** Moves past a modifier's word that is not used: its own unknown names do not count. */
        private String discardWord(String result) {
            String unknownBefore = firstUnknown;
            word('}');
            firstUnknown = unknownBefore;
            return result;
        }

        private String plain(String name) {
            Optional<String> value = known(name);
            if (value.isPresent()) {
                return value.get();
            }
            unknown();
            return "";
        }

        /** A name, or one of the shell's special parameters, which BuildKit looks up as names. */
        private String name() {
            int start = position;
            if (position < text.length()) {
                char c = text.charAt(position);
                if (Character.isDigit(c)) {
                    while (position < text.length() && Character.isDigit(text.charAt(position))) {
                        position++;
                    }
                    return text.substring(start, position);
                }
                if ("@*#?-$!".indexOf(c) >= 0) {
                    position++;
                    return String.valueOf(c);
                }
            }
            while (position < text.length()
                    && (Character.isLetterOrDigit(text.charAt(position))
                            || text.charAt(position) == '_')) {
                position++;
            }
            return text.substring(start, position);
        }

        private void unknown() {
            if (firstUnknown == null) {
                firstUnknown = top.toString();
            }
        }
    }
}
