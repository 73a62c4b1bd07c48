package ink.ml.deploy.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for a Quarkus test, with a fresh database per start.
 *
 * <p>When {@code TEST_DATABASE_URL} (a JDBC URL, with {@code TEST_DATABASE_USERNAME} and {@code
 * TEST_DATABASE_PASSWORD}) is set, the database is created on that server and dropped on {@link
 * #stop()}. Otherwise an embedded PostgreSQL (io.zonky.test) is started and stopped with the
 * resource.
 *
 * <p>Use with {@code @QuarkusTestResource(PostgresTestResource.class)} or
 * {@code @WithTestResource(PostgresTestResource.class)}. It sets {@code
 * quarkus.datasource.db-kind}, {@code .jdbc.url}, {@code .username} and {@code .password} for the
 * default datasource.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_ENV = "TEST_DATABASE_URL";
    public static final String USERNAME_ENV = "TEST_DATABASE_USERNAME";
    public static final String PASSWORD_ENV = "TEST_DATABASE_PASSWORD";

    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    /** Embedded PostgreSQL trusts local connections: the password is never checked. */
    private static final String EMBEDDED_USER = "postgres";

    private static final String EMBEDDED_PASSWORD = "postgres";

    private EmbeddedPostgres embedded;
    private Server server;
    private String databaseName;

    @Override
    public Map<String, String> start() {
        server = externalServer();
        if (server == null) {
            server = startEmbedded();
        }
        databaseName = "test_" + UUID.randomUUID().toString().replace("-", "");
        execute(server, "CREATE DATABASE " + databaseName);
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password());
    }

    /** The JDBC URL of the fresh database; valid between {@link #start()} and {@link #stop()}. */
    public String jdbcUrl() {
        return withDatabase(server.adminUrl(), databaseName);
    }

    public String username() {
        return server.username();
    }

    public String password() {
        return server.password();
    }

    @Override
    public void stop() {
        try {
            if (embedded == null && server != null && databaseName != null) {
                execute(server, "DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
            }
        } finally {
            closeEmbedded();
            server = null;
            databaseName = null;
        }
    }

    private static Server externalServer() {
        String url = System.getenv(URL_ENV);
        if (url == null || url.isBlank()) {
            return null;
        }
        return new Server(
                url, orEmpty(System.getenv(USERNAME_ENV)), orEmpty(System.getenv(PASSWORD_ENV)));
    }

    private Server startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        return new Server(
                embedded.getJdbcUrl(EMBEDDED_USER, "postgres"), EMBEDDED_USER, EMBEDDED_PASSWORD);
    }

    private void closeEmbedded() {
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
        } finally {
            embedded = null;
        }
    }

    private static void execute(Server server, String sql) {
        try (Connection connection =
                        DriverManager.getConnection(
                                server.adminUrl(), server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + server.adminUrl() + " refused: " + sql, e);
        }
    }

    /**
     * Replaces the database of a PostgreSQL JDBC URL, keeping host, port and parameters: {@code
     * jdbc:postgresql://h:5432/app?ssl=true} with {@code t} gives {@code
     * jdbc:postgresql://h:5432/t?ssl=true}.
     */
    static String withDatabase(String jdbcUrl, String database) {
        if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException(
                    URL_ENV
                            + " must be a JDBC URL starting with "
                            + JDBC_PREFIX
                            + ", got "
                            + jdbcUrl);
        }
        int hostStart = JDBC_PREFIX.length();
        int query = jdbcUrl.indexOf('?', hostStart);
        int end = query < 0 ? jdbcUrl.length() : query;
        int slash = jdbcUrl.indexOf('/', hostStart);
        int hostEnd = slash < 0 || slash > end ? end : slash;
        return jdbcUrl.substring(0, hostEnd) + "/" + database + jdbcUrl.substring(end);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A server and the credentials allowed to create databases on it. */
    private record Server(String adminUrl, String username, String password) {}
}
