package ink.ml.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The app the tests deploy: a {@code FROM scratch} image whose one program is Debian's static
 * busybox, serving {@code /www} over HTTP on the port the platform passes in {@code PORT} (8080
 * when absent), as a Railway app does. Its page says which version it is, so a run of the image
 * proves which commit was built.
 */
final class BusyboxApp {
    static final Path BUSYBOX = Path.of("/bin/busybox");

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

    private BusyboxApp() {}

    /** Writes the Dockerfile, busybox and a page saying {@code body} into the working copy. */
    static void writeTo(GitCli git, String body) {
        try {
            git.write("Dockerfile", DOCKERFILE)
                    .write("busybox", Files.readAllBytes(BUSYBOX), true)
                    .write("www/index.html", body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the page changes: the next commit of the same app. */
    static void writePage(GitCli git, String body) {
        git.write("www/index.html", body);
    }
}
