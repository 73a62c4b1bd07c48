package ink.ml.deploy.platform.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * V12 on a database that already has services: they keep building their Dockerfile, and only a
 * service created afterwards gets the new default. Runs the real migrations into a schema of its
 * own, stopped before V12, then applies V12 over rows written the way V1 wrote them.
 */
@QuarkusTest
class BuildStrategyMigrationTest {
    private static final String SCHEMA = "before_build_strategies";

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void existingServicesKeepDockerfileAndNewOnesDefaultToAuto() throws SQLException {
        migrate("11");
        UUID existing = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            sql.execute("SET search_path TO " + SCHEMA);
            sql.execute("INSERT INTO users (id) VALUES ('u1')");
            sql.execute(
                    "INSERT INTO projects (id, user_id, name, region) VALUES ('"
                            + project
                            + "', 'u1', 'shop', 'eu-central-1')");
            sql.execute(insertService(existing, project, "web"));
        }

        migrate("12");

        UUID created = UUID.randomUUID();
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            sql.execute("SET search_path TO " + SCHEMA);
            sql.execute(insertService(created, project, "api"));
            assertThat(strategyOf(sql, existing)).isEqualTo("dockerfile");
            assertThat(strategyOf(sql, created)).isEqualTo("auto");
            try (ResultSet row =
                    sql.executeQuery(
                            "SELECT install_command, build_command, start_command FROM services"
                                    + " WHERE id = '"
                                    + existing
                                    + "'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isNull();
                assertThat(row.getString(2)).isNull();
                assertThat(row.getString(3)).isNull();
            }
            sql.execute("UPDATE services SET build_strategy = 'java' WHERE id = '" + created + "'");
            assertThatThrownBy(
                            () ->
                                    sql.execute(
                                            "UPDATE services SET build_strategy = 'nixpacks'"
                                                    + " WHERE id = '"
                                                    + created
                                                    + "'"))
                    .hasMessageContaining("services_build_strategy_check");
        }
    }

    /**
     * A connection of its own, never the application's pool: this test moves its search path to the
     * schema it drops afterwards.
     */
    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    private static String url() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    private static String user() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.datasource.username", String.class)
                .orElse("postgres");
    }

    private static String password() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.datasource.password", String.class)
                .orElse("");
    }

    private static void migrate(String target) {
        Flyway.configure()
                .dataSource(url(), user(), password())
                .schemas(SCHEMA)
                .locations("classpath:db/migration")
                .target(target)
                .load()
                .migrate();
    }

    private static String insertService(UUID id, UUID project, String name) {
        return "INSERT INTO services (id, project_id, name, host_label, source_kind, github_repo,"
                + " branch, port, memory_mi, milli_cpu) VALUES ('"
                + id
                + "', '"
                + project
                + "', '"
                + name
                + "', '"
                + name
                + "-shop-u1', 'github', 'octo/shop', 'main', 8080, 512, 500)";
    }

    private static String strategyOf(Statement sql, UUID service) throws SQLException {
        try (ResultSet row =
                sql.executeQuery(
                        "SELECT build_strategy FROM services WHERE id = '" + service + "'")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}
