package ink.ml.deploy.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's history written straight into the platform's database with set-based SQL (seconds, where
 * going through the API would build and deploy 30,000 times): projects, each with services on
 * GitHub repositories, each with deployments (the newest {@code active}, the others {@code
 * superseded}), each with the six events of a successful deployment, and 50 build log lines on each
 * service's newest deployment. The user and their default project exist already (the API made
 * them); the default project counts as the first of {@code projects}. Rows follow the schema's
 * checks and the JSON shape of {@code ConfigSnapshot}, so the services read them as their own.
 */
final class LoadSeed {
    private static final int EVENTS_PER_DEPLOYMENT = 6;
    private static final int LOG_LINES = 50;

    private LoadSeed() {}

    /**
     * @return the ids of the seeded services, oldest project first
     */
    static List<String> seed(
            String jdbcUrl,
            String userId,
            String prefix,
            int projects,
            int servicesPerProject,
            int deploymentsPerService)
            throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            db.setAutoCommit(false);
            execute(
                    db,
                    """
                    INSERT INTO projects (id, user_id, name, region, is_default, created_at)
                    SELECT gen_random_uuid(), d.user_id, ? || '-' || lpad(n::text, 2, '0'), d.region,
                           false, d.created_at + n * interval '1 second'
                    FROM projects d, generate_series(1, ? - 1) n
                    WHERE d.user_id = ? AND d.is_default
                    """,
                    prefix,
                    projects,
                    userId);
            execute(
                    db,
                    """
                    INSERT INTO services (id, project_id, name, host_label, source_kind, github_repo,
                                          branch, build_strategy, port, memory_mi, milli_cpu,
                                          created_at, updated_at)
                    SELECT gen_random_uuid(), p.id, 'svc-' || lpad(s::text, 2, '0'),
                           'svc-' || lpad(s::text, 2, '0') || '-' || p.name || '-' || p.user_id,
                           'github', 'bench-seed/' || p.name || '-svc-' || s, 'main', 'dockerfile',
                           8080, 512, 500, p.created_at + s * interval '1 millisecond', now()
                    FROM projects p, generate_series(1, ?) s
                    WHERE p.user_id = ?
                    """,
                    servicesPerProject,
                    userId);
            execute(
                    db,
                    """
                    INSERT INTO deployments (id, service_id, status, trigger, commit_sha, image_ref,
                                             config_snapshot, created_at, updated_at, finished_at)
                    SELECT gen_random_uuid(), s.id,
                           CASE WHEN d = ? THEN 'active' ELSE 'superseded' END, 'git_push', x.sha,
                           'registry.local/' || s.host_label || ':' || left(x.sha, 12),
                           jsonb_build_object('port', 8080, 'memoryMi', 512, 'milliCpu', 500,
                               'rootDirectory', '', 'dockerfilePath', 'Dockerfile', 'branch', 'main',
                               'buildStrategy', 'dockerfile', 'installCommand', null,
                               'buildCommand', null, 'startCommand', null,
                               'source', jsonb_build_object('kind', 'github',
                                   'githubRepo', s.github_repo, 'internalRepoId', null,
                                   'internalRepoName', null)),
                           now() - (? - d) * interval '1 hour',
                           now() - (? - d) * interval '1 hour' + interval '40 seconds',
                           now() - (? - d) * interval '1 hour' + interval '40 seconds'
                    FROM services s
                    JOIN projects p ON p.id = s.project_id,
                    generate_series(1, ?) d,
                    LATERAL (SELECT md5(s.id::text || d) || left(md5(d || s.id::text), 8) AS sha) x
                    WHERE p.user_id = ?
                    """,
                    deploymentsPerService,
                    deploymentsPerService,
                    deploymentsPerService,
                    deploymentsPerService,
                    deploymentsPerService,
                    userId);
            execute(
                    db,
                    """
                    INSERT INTO deployment_events (deployment_id, step, status, message, created_at)
                    SELECT d.id, e.step, e.status, e.message, d.created_at + e.n * interval '5 seconds'
                    FROM deployments d
                    JOIN services s ON s.id = d.service_id
                    JOIN projects p ON p.id = s.project_id,
                    (VALUES (1, 'queued', 'info', 'Deployment queued'),
                            (2, 'build', 'started', 'Building the image'),
                            (3, 'build', 'succeeded', 'Image built'),
                            (4, 'deploy', 'started', 'Applying the workload'),
                            (5, 'rollout', 'succeeded', 'All replicas ready'),
                            (6, 'active', 'succeeded', 'Serving traffic')) e(n, step, status, message)
                    WHERE p.user_id = ?
                    ORDER BY d.created_at, d.id, e.n
                    """,
                    userId);
            execute(
                    db,
                    """
                    INSERT INTO build_log_lines (deployment_id, line_no, line, created_at)
                    SELECT d.id, n, '#' || n || ' [build] step ' || n || ' of the seeded build',
                           d.created_at + n * interval '100 milliseconds'
                    FROM deployments d
                    JOIN services s ON s.id = d.service_id
                    JOIN projects p ON p.id = s.project_id,
                    generate_series(1, ?) n
                    WHERE p.user_id = ? AND d.status = 'active'
                    """,
                    LOG_LINES,
                    userId);
            db.commit();
            try (PreparedStatement query =
                    db.prepareStatement(
                            """
                            SELECT s.id FROM services s JOIN projects p ON p.id = s.project_id
                            WHERE p.user_id = ? ORDER BY p.created_at, s.created_at
                            """)) {
                query.setString(1, userId);
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                db.setAutoCommit(true);
                try (var analyze = db.createStatement()) {
                    analyze.execute("ANALYZE");
                }
                return ids;
            }
        }
    }

    /** What the seed wrote for a user, as {@code table: rows}, to print beside the figures. */
    static String counts(String jdbcUrl, String userId) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement query =
                        db.prepareStatement(
                                """
                                SELECT (SELECT count(*) FROM projects WHERE user_id = ?),
                                       (SELECT count(*) FROM services s JOIN projects p
                                            ON p.id = s.project_id WHERE p.user_id = ?),
                                       (SELECT count(*) FROM deployments d JOIN services s
                                            ON s.id = d.service_id JOIN projects p
                                            ON p.id = s.project_id WHERE p.user_id = ?),
                                       (SELECT count(*) FROM deployment_events),
                                       (SELECT count(*) FROM build_log_lines)
                                """)) {
            query.setString(1, userId);
            query.setString(2, userId);
            query.setString(3, userId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return String.format(
                        "projects %d, services %d, deployments %d; in the whole database: events %d,"
                                + " build log lines %d",
                        row.getLong(1),
                        row.getLong(2),
                        row.getLong(3),
                        row.getLong(4),
                        row.getLong(5));
            }
        }
    }

    private static void execute(Connection db, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
