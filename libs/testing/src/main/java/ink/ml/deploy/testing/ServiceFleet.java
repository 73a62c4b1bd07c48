package ink.ml.deploy.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Many projects, services, deployments and events of one user, written straight into the
 * product-plane tables with a few {@code generate_series} statements: thousands of rows in well
 * under a second, for the tests that prove a read runs as many SQL statements for a large account
 * as for a small one. Rows are shaped as the platform writes them (GitHub sources, a config
 * snapshot per deployment, the newest deployment active and the older ones failed). The user must
 * exist already, with its default project (new projects take its region) and no services yet; its
 * projects (the default one too) get the services.
 *
 * @param projects how many projects the user has in all (the existing ones count)
 * @param servicesPerProject services in each of the user's projects
 * @param deploymentsPerService deployments of each service, one second apart
 * @param eventsPerDeployment events of each deployment, "step {n} of {deployment id}"
 */
public record ServiceFleet(
        int projects, int servicesPerProject, int deploymentsPerService, int eventsPerDeployment) {

    public ServiceFleet {
        if (projects < 1 || servicesPerProject < 1 || deploymentsPerService < 1) {
            throw new IllegalArgumentException("a fleet has at least one of each");
        }
        if (eventsPerDeployment < 0) {
            throw new IllegalArgumentException("eventsPerDeployment must not be negative");
        }
    }

    /** Writes the fleet for {@code userId} in one transaction. */
    public void seed(DataSource dataSource, String userId) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                projectsOf(connection, userId);
                servicesOf(connection, userId);
                deploymentsOf(connection, userId);
                eventsOf(connection, userId);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not seed the fleet of " + userId, e);
        }
    }

    /**
     * Adds {@code events} events and {@code logLines} build output lines to the newest deployment
     * of a service: a long history, for reads that must not walk all of it.
     */
    public static void longHistory(
            DataSource dataSource, String serviceId, int events, int logLines) {
        String newest =
                "(select id from deployments where service_id = cast(? as uuid)"
                        + " order by created_at desc, id desc limit 1)";
        try (Connection connection = dataSource.getConnection()) {
            update(
                    connection,
                    "insert into deployment_events (deployment_id, step, status, message)"
                            + " select "
                            + newest
                            + ", 'build', 'info', 'step ' || n from generate_series(1, ?) n"
                            + " order by n",
                    serviceId,
                    events);
            update(
                    connection,
                    "insert into build_log_lines (deployment_id, line_no, line)"
                            + " select d.id, coalesce(m.last, 0) + n, 'line ' || n"
                            + " from "
                            + newest
                            + " as d(id)"
                            + " left join lateral (select max(line_no) as last"
                            + "   from build_log_lines l where l.deployment_id = d.id) m on true"
                            + " cross join generate_series(1, ?) n",
                    serviceId,
                    logLines);
        } catch (SQLException e) {
            throw new IllegalStateException("could not add history to " + serviceId, e);
        }
    }

    private void projectsOf(Connection connection, String userId) throws SQLException {
        update(
                connection,
                "insert into projects (id, user_id, name, region, is_default, created_at)"
                        + " select gen_random_uuid(), ?, 'fleet-' || n,"
                        + "   (select region from projects where user_id = ?"
                        + "     order by created_at limit 1), false,"
                        + "   now() + n * interval '1 millisecond'"
                        + " from generate_series(1, ? - (select count(*) from projects"
                        + "   where user_id = ?)) n",
                userId,
                userId,
                projects,
                userId);
    }

    private void servicesOf(Connection connection, String userId) throws SQLException {
        update(
                connection,
                "insert into services (id, project_id, name, host_label, source_kind, github_repo,"
                        + " branch, root_directory, dockerfile_path, build_strategy, port,"
                        + " memory_mi, milli_cpu, created_at, updated_at)"
                        + " select gen_random_uuid(), p.id, 's' || n,"
                        + "   's' || n || '-' || p.name || '-' || p.user_id, 'github',"
                        + "   'acme/s' || n, 'main', '', 'Dockerfile', 'dockerfile', 8080, 512, 500,"
                        + "   p.created_at + n * interval '1 microsecond', now()"
                        + " from projects p cross join generate_series(1, ?) n"
                        + " where p.user_id = ?",
                servicesPerProject,
                userId);
    }

    private void deploymentsOf(Connection connection, String userId) throws SQLException {
        update(
                connection,
                "insert into deployments (id, service_id, status, trigger, commit_sha,"
                        + " config_snapshot, error_step, error_message, created_at, updated_at,"
                        + " finished_at)"
                        + " select gen_random_uuid(), s.id,"
                        + "   case when n = ? then 'active' else 'failed' end, 'api',"
                        + "   repeat(to_hex(n % 16), 40),"
                        + "   jsonb_build_object('port', s.port, 'memoryMi', s.memory_mi,"
                        + "     'milliCpu', s.milli_cpu, 'rootDirectory', s.root_directory,"
                        + "     'dockerfilePath', s.dockerfile_path, 'branch', s.branch,"
                        + "     'buildStrategy', s.build_strategy, 'source',"
                        + "     jsonb_build_object('kind', 'github', 'githubRepo', s.github_repo)),"
                        + "   case when n = ? then null else 'build' end,"
                        + "   case when n = ? then null else 'exit code 1' end,"
                        + "   s.created_at + n * interval '1 second',"
                        + "   s.created_at + n * interval '1 second',"
                        + "   s.created_at + n * interval '1 second'"
                        + " from services s join projects p on p.id = s.project_id"
                        + " cross join generate_series(1, ?) n"
                        + " where p.user_id = ?",
                deploymentsPerService,
                deploymentsPerService,
                deploymentsPerService,
                deploymentsPerService,
                userId);
    }

    private void eventsOf(Connection connection, String userId) throws SQLException {
        update(
                connection,
                "insert into deployment_events (deployment_id, step, status, message, created_at)"
                        + " select d.id, 'build', 'info', 'step ' || n || ' of ' || d.id,"
                        + "   d.created_at"
                        + " from deployments d join services s on s.id = d.service_id"
                        + " join projects p on p.id = s.project_id"
                        + " cross join generate_series(1, ?) n"
                        + " where p.user_id = ?"
                        + " order by d.id, n",
                eventsPerDeployment,
                userId);
    }

    private static void update(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
