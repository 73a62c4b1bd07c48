package ink.ml.deploy.platform.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {
    @Test
    void aRefusedConnectionDeepInTheChainIsTheDatabaseBeingUnavailable() {
        SQLException refused =
                new SQLException(
                        "Connection to localhost:5432 refused. Check that the hostname and port"
                                + " are correct",
                        "08001");

        assertThat(
                        DatabaseUnavailable.isCause(
                                new PersistenceException(
                                        "could not prepare statement",
                                        new RuntimeException(refused))))
                .isTrue();
    }

    @Test
    void aServerShuttingDownOrStartingAndABrokenConnectionAreUnavailable() {
        assertThat(DatabaseUnavailable.isCause(new SQLException("terminating", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLException("starting up", "57P03"))).isTrue();
        assertThat(
                        DatabaseUnavailable.isCause(
                                new JDBCConnectionException(
                                        "broken", new SQLException("I/O error", "08006"))))
                .isTrue();
        assertThat(
                        DatabaseUnavailable.isCause(
                                new SQLException(
                                        "Acquisition timeout while waiting for new connection")))
                .isTrue();
    }

    @Test
    void aStatementTheDatabaseRefusedIsNot() {
        assertThat(
                        DatabaseUnavailable.isCause(
                                new PersistenceException(
                                        new SQLException(
                                                "duplicate key value violates unique constraint",
                                                "23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("x"))).isFalse();
    }
}
