package ink.ml.deploy.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL (io.zonky.test) that a test can stop and start again, as an outage would:
 * the same port and data directory, so clients find the same server at the same address with its
 * data once it is back. Close it to stop the server and delete its data.
 */
public final class RestartablePostgres implements AutoCloseable {
    /** Embedded PostgreSQL trusts local connections: any password passes. */
    public static final String USER = "postgres";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** A new server on a free port, its data in a fresh temporary directory. */
    public static RestartablePostgres start() {
        try {
            return start(Files.createTempDirectory("postgres-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new server on a free port, its data in {@code dataDirectory} (emptied first). */
    public static RestartablePostgres start(Path dataDirectory) {
        RestartablePostgres postgres =
                new RestartablePostgres(Directories.recreate(dataDirectory), freePort());
        postgres.startAgain();
        return postgres;
    }

    /** {@code jdbc:postgresql://localhost:<port>/<database>?user=postgres}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return server != null;
    }

    /**
     * Stops the server (a fast shutdown: open sessions are ended, clients get connection refused
     * until {@link #startAgain()}); its data stays.
     */
    public void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop", e);
        } finally {
            server = null;
        }
    }

    /** Starts the server on its port with its data; returns once it accepts connections. */
    public void startAgain() {
        if (server != null) {
            return;
        }
        try {
            server =
                    EmbeddedPostgres.builder()
                            .setDataDirectory(dataDirectory)
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            Directories.deleteQuietly(dataDirectory);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
