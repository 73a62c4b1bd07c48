package ink.ml.deploy.platform.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a failure that means the product plane's database could not be reached (stopped,
 * restarting, refusing connections, a connection that broke mid-call) from one where it answered
 * and refused something. The front doors answer the first as {@code UNAVAILABLE}, something to try
 * again, and never quote it: a JDBC message can carry SQL.
 */
public final class DatabaseUnavailable {
    /** What one is told, in the API's words. */
    public static final String MESSAGE =
            "the platform's database cannot be reached right now; try again in a few seconds";

    /** How deep a cause chain is followed (a chain may loop). */
    private static final int MAX_DEPTH = 20;

    private DatabaseUnavailable() {}

    /** Whether {@code thrown} or one of its causes says the database could not be reached. */
    public static boolean isCause(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof JDBCConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && isUnreachable(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception: refused, broken, failed to open), 57P01 to 57P03
     * (the server is shutting down, crashed, or is still starting), and the pool's own timeout
     * waiting for a connection it cannot open.
     */
    private static boolean isUnreachable(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null
                && (state.startsWith("08")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03"))) {
            return true;
        }
        String message = sql.getMessage();
        return message != null && message.startsWith("Acquisition timeout");
    }
}
