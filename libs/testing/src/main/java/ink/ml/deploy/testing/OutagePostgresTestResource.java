package ink.ml.deploy.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL for a Quarkus test that stops it in the middle, as an outage would: {@link
 * #server()} is the running test's {@link RestartablePostgres}, to {@link
 * RestartablePostgres#stop()} and {@link RestartablePostgres#startAgain()} on the same port, with
 * the same data. Sets the default datasource as {@link PostgresTestResource} does; always embedded.
 *
 * <p>Use with {@code @WithTestResource(OutagePostgresTestResource.class)} on one test class at a
 * time: the server is held statically for the test to reach.
 */
public class OutagePostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static final String DATABASE = "outage";

    private static volatile RestartablePostgres server;

    /** The server of the test running now; fails outside one. */
    public static RestartablePostgres server() {
        RestartablePostgres current = server;
        if (current == null) {
            throw new IllegalStateException("no OutagePostgresTestResource is running");
        }
        return current;
    }

    @Override
    public Map<String, String> start() {
        RestartablePostgres started = RestartablePostgres.start();
        try (Connection connection =
                        DriverManager.getConnection(
                                started.jdbcUrl("postgres"), RestartablePostgres.USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            started.close();
            throw new IllegalStateException("cannot create the test database", e);
        }
        server = started;
        return Map.of(
                "quarkus.datasource.db-kind",
                "postgresql",
                "quarkus.datasource.jdbc.url",
                started.jdbcUrl(DATABASE),
                "quarkus.datasource.username",
                RestartablePostgres.USER,
                "quarkus.datasource.password",
                "postgres");
    }

    @Override
    public void stop() {
        RestartablePostgres stopping = server;
        server = null;
        if (stopping != null) {
            stopping.close();
        }
    }
}
