package ink.ml.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * An app whose output and memory the tests watch: Debian's static busybox in a {@code FROM scratch}
 * image, serving HTTP on {@code $PORT} with two CGI programs.
 *
 * <ul>
 *   <li>{@code /cgi-bin/say?WORD} writes {@code said WORD} to the app's standard output and {@code
 *       warned WORD} to its standard error: one line on each stream per request.
 *   <li>{@code /cgi-bin/hold?N} makes the app hold N MiB: a file of that size in {@code /dev/shm},
 *       which is memory (tmpfs) inside the sandbox, kept until the app stops; it answers at once
 *       and the file grows in the background. Asking again holds the same N MiB (the same file), so
 *       a request that timed out can be repeated.
 * </ul>
 *
 * CGI programs inherit the server's standard error; standard output is the HTTP answer, so {@code
 * say} writes its stdout line to the server's own ({@code /proc/1/fd/1}).
 */
final class ObservedApp {
    static final String DOCKERFILE =
            String.join(
                    "\n",
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "COPY www /www",
                    "EXPOSE 8080",
                    "CMD [\"/bin/busybox\", \"sh\", \"-c\","
                            + " \"exec /bin/busybox httpd -f -p ${PORT:-8080} -h /www\"]",
                    "");

    private static final String SAY =
            String.join(
                    "\n",
                    "#!/bin/busybox sh",
                    "echo \"said $QUERY_STRING\" > /proc/1/fd/1",
                    "echo \"warned $QUERY_STRING\" >&2",
                    "printf 'Content-Type: text/plain\\r\\n\\r\\nsaid %s\\n' \"$QUERY_STRING\"",
                    "");

    private static final String HOLD =
            String.join(
                    "\n",
                    "#!/bin/busybox sh",
                    // In the background: writing under gVisor's ptrace platform can take longer
                    // than a request should.
                    "/bin/busybox head -c \"${QUERY_STRING}m\" /dev/zero"
                            + " > /dev/shm/held 2> /dev/null < /dev/null &",
                    "printf 'Content-Type: text/plain\\r\\n\\r\\nholding %s MiB\\n'"
                            + " \"$QUERY_STRING\"",
                    "");

    private ObservedApp() {}

    static void writeTo(GitCli git) {
        try {
            git.write("Dockerfile", DOCKERFILE)
                    .write("busybox", Files.readAllBytes(BusyboxApp.BUSYBOX), true)
                    .write("www/index.html", "observed\n")
                    .write("www/cgi-bin/say", SAY.getBytes(StandardCharsets.UTF_8), true)
                    .write("www/cgi-bin/hold", HOLD.getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
