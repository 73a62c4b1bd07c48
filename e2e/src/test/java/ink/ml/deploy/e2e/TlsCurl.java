package ink.ml.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code curl --resolve <name>:<port>:127.0.0.1 --cacert <root> https://<name>:<port>/}: what a
 * user types to reach their domain over TLS before their DNS points at the platform, trusting only
 * the CA's root (so a default or self-signed certificate fails the handshake).
 */
final class TlsCurl {
    private final int port;
    private final Path trustedRoot;

    TlsCurl(int port, Path trustedRoot) {
        this.port = port;
        this.trustedRoot = trustedRoot;
    }

    /** What curl printed, and its exit code (0: a verified TLS answer came). */
    record Answer(int exitCode, String body, String error) {
        boolean answered() {
            return exitCode == 0;
        }
    }

    Answer get(String domain) {
        List<String> command =
                List.of(
                        "curl",
                        "--silent",
                        "--show-error",
                        "--max-time",
                        "5",
                        "--resolve",
                        domain + ":" + port + ":127.0.0.1",
                        "--cacert",
                        trustedRoot.toString(),
                        "https://" + domain + ":" + port + "/");
        try {
            Process curl = new ProcessBuilder(command).start();
            byte[] body = curl.getInputStream().readAllBytes();
            byte[] error = curl.getErrorStream().readAllBytes();
            if (!curl.waitFor(10, TimeUnit.SECONDS)) {
                curl.destroyForcibly();
                return new Answer(-1, "", "curl did not finish");
            }
            return new Answer(
                    curl.exitValue(),
                    new String(body, StandardCharsets.UTF_8),
                    new String(error, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("curl could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
