package ink.ml.deploy.mcp.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSON-RPC messages between an MCP client and the server, in order, with secrets elided: API keys,
 * git tokens (also inside remote URLs) and environment variable values never reach the file.
 */
final class Transcript {
    private static final Pattern API_KEY = Pattern.compile("dk_live_[A-Za-z0-9_-]+");
    private static final Pattern GIT_TOKEN = Pattern.compile("dpg_[A-Za-z0-9._-]+");

    private final List<String> lines = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();

    /** A value that must not appear, e.g. an environment variable's value. */
    synchronized void hide(String secret) {
        secrets.add(secret);
    }

    synchronized void note(String text) {
        lines.add("");
        lines.add("### " + text);
    }

    synchronized void sent(String json) {
        lines.add("--> " + elide(json));
    }

    synchronized void received(String json) {
        lines.add("<-- " + elide(json));
    }

    synchronized String text() {
        return String.join("\n", lines) + "\n";
    }

    void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String elide(String json) {
        String out = API_KEY.matcher(json).replaceAll("dk_live_…(elided)");
        out = GIT_TOKEN.matcher(out).replaceAll("dpg_…(elided)");
        for (String secret : secrets) {
            out = out.replace(secret, "…(elided)");
        }
        return out;
    }
}
