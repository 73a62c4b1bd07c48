package ink.ml.deploy.testing.github;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Git's smart HTTP protocol for the bare repositories under one root, served by running {@code git
 * http-backend} as a CGI program per request, as Git documents it. The request body is read whole
 * first so that {@code CONTENT_LENGTH} is exact (the fake serves small test repositories).
 */
final class GitHttpBackend {
    private static final long TIMEOUT_SECONDS = 60;

    private final Path root;

    /** What git said on stderr last time, for a test's failure message. */
    private volatile String lastErrors = "";

    GitHttpBackend(Path root) {
        this.root = root;
    }

    /**
     * @param pathInfo the path below the root, e.g. {@code /owner/name.git/info/refs}
     * @param remoteUser who authenticated, for git's logs and {@code receive-pack}'s rule
     */
    void serve(HttpExchange exchange, String pathInfo, String remoteUser) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = cgi.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", pathInfo);
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("QUERY_STRING", nullToEmpty(exchange.getRequestURI().getRawQuery()));
        env.put("CONTENT_LENGTH", String.valueOf(body.length));
        env.put("REMOTE_USER", remoteUser);
        env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
        copyHeader(exchange, "Content-Type", env, "CONTENT_TYPE");
        copyHeader(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        copyHeader(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
        // Stderr to a file: a pipe nobody reads could block git; the file explains a failure.
        Path errors = Files.createTempFile("git-http-backend-", ".log");
        cgi.redirectError(errors.toFile());
        Process process = cgi.start();
        // Fed from its own thread: git may answer before it has read all of its input.
        Thread feeder =
                new Thread(
                        () -> {
                            try (OutputStream in = process.getOutputStream()) {
                                in.write(body);
                            } catch (IOException e) {
                                // git stopped reading; its exit status tells why.
                            }
                        },
                        "git-http-backend-stdin");
        feeder.setDaemon(true);
        feeder.start();
        byte[] output;
        try (InputStream out = process.getInputStream()) {
            output = out.readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(
                        "git http-backend took longer than " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while git http-backend ran", e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            lastErrors = Files.readString(errors, StandardCharsets.UTF_8);
            Files.deleteIfExists(errors);
        }
        respond(exchange, output);
    }

    /** CGI output: header lines, a blank line, the body; {@code Status:} sets the HTTP status. */
    private static void respond(HttpExchange exchange, byte[] output) throws IOException {
        int headerEnd = -1;
        int bodyStart = -1;
        for (int i = 0; i < output.length - 1; i++) {
            if (output[i] == '\n' && output[i + 1] == '\n') {
                headerEnd = i;
                bodyStart = i + 2;
                break;
            }
            if (i < output.length - 3
                    && output[i] == '\r'
                    && output[i + 1] == '\n'
                    && output[i + 2] == '\r'
                    && output[i + 3] == '\n') {
                headerEnd = i;
                bodyStart = i + 4;
                break;
            }
        }
        if (headerEnd < 0) {
            HttpExchanges.send(
                    exchange, 502, "text/plain", "git http-backend wrote no CGI headers");
            return;
        }
        int status = 200;
        String headers = new String(output, 0, headerEnd, StandardCharsets.ISO_8859_1);
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ", 2)[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        int length = output.length - bodyStart;
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(output, bodyStart, length);
        }
    }

    private static void copyHeader(
            HttpExchange exchange, String header, Map<String, String> env, String variable) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    String lastErrors() {
        return lastErrors;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
