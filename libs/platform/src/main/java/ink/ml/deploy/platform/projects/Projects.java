package ink.ml.deploy.platform.projects;

import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.pagination.Keyset;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Projects of the caller: the only way to create, read and delete them. */
@ApplicationScoped
public class Projects {
    public static final String DEFAULT_NAME = "default";

    /**
     * Native SQL: of the given projects ({@code :ids}, a uuid array), those of the caller ({@code
     * :user}), as column {@code id}: the scopes of batched reads ({@code Keyset.rowsPerScope}).
     */
    public static final String OWNED =
            "select p.id from projects p where p.id = any(cast(:ids as uuid[]))"
                    + " and p.user_id = :user";

    private final EntityManager entityManager;

    /** New projects are placed in the home cluster's region. */
    private final Clusters clusters;

    public Projects(EntityManager entityManager, Clusters clusters) {
        this.entityManager = entityManager;
        this.clusters = clusters;
    }

    @Transactional
    public ProjectView create(Caller caller, String name) {
        return ProjectView.of(insert(caller, ProjectName.of(name), false));
    }

    /**
     * The project a new user starts with, and where tools put services when no project is named.
     */
    @Transactional
    public ProjectView createDefault(Caller caller) {
        return ProjectView.of(insert(caller, ProjectName.of(DEFAULT_NAME), true));
    }

    @Transactional
    public ProjectView get(Caller caller, String projectId) {
        return ProjectView.of(owned(caller, Ids.parse("projectId", projectId)));
    }

    @Transactional
    public ProjectView getByName(Caller caller, String name) {
        ProjectName valid = ProjectName.of(name);
        Project project =
                Project.find(
                                "userId = :user and name = :name",
                                Parameters.with("user", caller.id()).and("name", valid.value()))
                        .firstResult();
        if (project == null) {
            throw new NotFoundException("project", valid.value());
        }
        return ProjectView.of(project);
    }

    /** The caller's default project; created if an older account has none. */
    @Transactional
    public ProjectView getDefault(Caller caller) {
        Project project =
                Project.find("userId = ?1 and isDefault = true", caller.id()).firstResult();
        return project == null ? createDefault(caller) : ProjectView.of(project);
    }

    @Transactional
    public Page<ProjectView> list(Caller caller, PageRequest page) {
        List<Project> rows =
                Keyset.rows(
                        entityManager,
                        Project.class,
                        "e.userId = :user",
                        Map.of("user", caller.id()),
                        page,
                        Keyset.Order.OLDEST_FIRST);
        return Page.of(rows, page, Project::cursor, ProjectView::of);
    }

    /** How many projects the caller has (a connection's totalCount). */
    @Transactional
    public long count(Caller caller) {
        return Project.count("userId", caller.id());
    }

    /**
     * Deletes an empty project. A project with live services is refused: their workloads must be
     * removed by the delete workflow first, or the namespace would be orphaned in the cluster.
     */
    @Transactional
    public void delete(Caller caller, String projectId) {
        Project project = owned(caller, Ids.parse("projectId", projectId));
        long liveServices =
                ((Number)
                                entityManager
                                        .createNativeQuery(
                                                "select count(*) from services where project_id = ?1"
                                                        + " and deleted_at is null")
                                        .setParameter(1, project.id)
                                        .getSingleResult())
                        .longValue();
        if (liveServices > 0) {
            throw new ConflictException(
                    "projectId",
                    "project "
                            + project.name
                            + " still has "
                            + liveServices
                            + " service(s); delete them first");
        }
        project.delete();
    }

    /**
     * The caller's project, for the other application services. Another user's project is "not
     * found", exactly like one that does not exist.
     */
    public Project owned(Caller caller, UUID projectId) {
        Project project =
                Project.find(
                                "id = :id and userId = :user",
                                Parameters.with("id", projectId).and("user", caller.id()))
                        .firstResult();
        if (project == null) {
            throw new NotFoundException("project", projectId.toString());
        }
        return project;
    }

    private Project insert(Caller caller, ProjectName name, boolean isDefault) {
        if (Project.count("userId = ?1 and name = ?2", caller.id(), name.value()) > 0) {
            throw new ConflictException("name", "you already have a project named " + name);
        }
        Project project = new Project();
        project.id = Ids.random();
        project.userId = caller.id();
        project.name = name.value();
        project.region = clusters.homeRegion().id();
        project.isDefault = isDefault;
        project.createdAt = Timestamps.now();
        project.persistAndFlush();
        return project;
    }
}
