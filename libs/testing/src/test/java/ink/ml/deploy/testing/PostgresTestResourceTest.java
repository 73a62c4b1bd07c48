package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresTestResourceTest {

    @Test
    void startsFreshDatabaseThatAnswersQueries() throws SQLException {
        PostgresTestResource resource = new PostgresTestResource();
        Map<String, String> config = resource.start();
        try {
            assertThat(config)
                    .containsEntry("quarkus.datasource.db-kind", "postgresql")
                    .containsEntry("quarkus.datasource.jdbc.url", resource.jdbcUrl())
                    .containsKeys("quarkus.datasource.username", "quarkus.datasource.password");

            try (Connection connection =
                            DriverManager.getConnection(
                                    config.get("quarkus.datasource.jdbc.url"),
                                    config.get("quarkus.datasource.username"),
                                    config.get("quarkus.datasource.password"));
                    Statement statement = connection.createStatement()) {
                assertThat(single(statement, "select 1")).isEqualTo("1");
                assertThat(single(statement, "select current_database()")).startsWith("test_");
                assertThat(
                                single(
                                        statement,
                                        "select count(*) from information_schema.tables"
                                                + " where table_schema = 'public'"))
                        .isEqualTo("0");
            }
        } finally {
            resource.stop();
        }
    }

    @Test
    void replacesDatabaseInJdbcUrlKeepingParameters() {
        assertThat(
                        PostgresTestResource.withDatabase(
                                "jdbc:postgresql://db.local:5433/app?sslmode=require", "t1"))
                .isEqualTo("jdbc:postgresql://db.local:5433/t1?sslmode=require");
        assertThat(PostgresTestResource.withDatabase("jdbc:postgresql://db.local/app", "t1"))
                .isEqualTo("jdbc:postgresql://db.local/t1");
        assertThat(PostgresTestResource.withDatabase("jdbc:postgresql://db.local:5432", "t1"))
                .isEqualTo("jdbc:postgresql://db.local:5432/t1");
        assertThat(PostgresTestResource.withDatabase("jdbc:postgresql://h?user=u", "t1"))
                .isEqualTo("jdbc:postgresql://h/t1?user=u");
    }

    @Test
    void rejectsUrlThatIsNotPostgresJdbc() {
        assertThatThrownBy(() -> PostgresTestResource.withDatabase("postgres://u:p@h/db", "t1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TEST_DATABASE_URL");
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
