package ink.ml.deploy.platform.services;

import static ink.ml.deploy.platform.common.ConstraintViolations.violates;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.BuildCommand;
import ink.ml.deploy.domain.BuildSettings;
import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.GitBranch;
import ink.ml.deploy.domain.GitHubRepo;
import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.RepoPath;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.ServiceName;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.domain.Vcpu;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.pagination.Keyset;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.Project;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepo;
import ink.ml.deploy.platform.variables.Variables;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Services in the caller's projects: the only way to create, change, read and delete them. Every
 * input is checked with the libs/domain rules; a service of someone else is "not found", exactly
 * like one that does not exist.
 */
@ApplicationScoped
public class Services {
    /** What a service builds when it names no Dockerfile. */
    public static final String DEFAULT_DOCKERFILE = "Dockerfile";

    /** How a new service is built when it names no strategy: its Dockerfile, else detection. */
    public static final BuildStrategy DEFAULT_STRATEGY = BuildStrategy.AUTO;

    /** What both APIs call the strategy, so that a refusal names the field the client sent. */
    public static final String BUILD_FIELD = "build";

    private static final String UNIQUE_NAME = "services_live_name";
    private static final String UNIQUE_HOST_LABEL = "services_live_host_label";

    private final Projects projects;
    private final Variables variables;
    private final Clusters clusters;

    public Services(Projects projects, Variables variables, Clusters clusters) {
        this.projects = projects;
        this.variables = variables;
        this.clusters = clusters;
    }

    /**
     * Creates a service, with its initial variables, in one transaction: a refused variable leaves
     * no service behind.
     */
    @Transactional
    public ServiceView create(Caller caller, CreateServiceRequest request) {
        Objects.requireNonNull(request, "request");
        Project project =
                request.projectId().isPresent()
                        ? projects.owned(caller, Ids.parse("projectId", request.projectId().get()))
                        : projects.owned(caller, UUID.fromString(projects.getDefault(caller).id()));
        ServiceName name = ServiceName.of(request.name());
        Source source =
                source(project, request.repoId(), request.githubRepo())
                        .orElseThrow(
                                () ->
                                        new InvalidValueException(
                                                "source",
                                                "give the code's source: repoId (an internal"
                                                        + " repository of the project) or"
                                                        + " githubRepo (owner/name)"));
        GitBranch branch = GitBranch.of(request.branch().orElse(GitBranch.MAIN.value()));
        RepoPath rootDirectory =
                RepoPath.directory("rootDirectory", request.rootDirectory().orElse(""));
        RepoPath dockerfilePath =
                RepoPath.file(
                        "dockerfilePath", request.dockerfilePath().orElse(DEFAULT_DOCKERFILE));
        BuildStrategy buildStrategy =
                BuildStrategy.parse(
                        BUILD_FIELD, request.buildStrategy().orElse(DEFAULT_STRATEGY.id()));
        BuildSettings build =
                new BuildSettings(
                        buildStrategy,
                        rootDirectory,
                        dockerfilePath,
                        command(BuildCommand.INSTALL_FIELD, request.installCommand()),
                        command(BuildCommand.BUILD_FIELD, request.buildCommand()),
                        command(BuildCommand.START_FIELD, request.startCommand()));
        AppPort port = AppPort.of(request.port().orElse(AppPort.DEFAULT.value()));
        ResourcePlan plan = plan(request.memoryMi(), request.vcpu(), ResourcePlan.DEFAULT);
        ServiceRef ref = new ServiceRef(caller.userId(), ProjectName.of(project.name), name);
        // Refused before anything is written: a service only lives where a cluster serves it.
        clusterOf(project);

        refuseNameClashes(project, ref);
        Instant now = Timestamps.now();
        Service service = new Service();
        service.id = Ids.random();
        service.projectId = project.id;
        service.name = name.value();
        service.hostLabel = ref.hostLabel();
        source.applyTo(service);
        service.branch = branch.value();
        apply(build, service);
        service.port = port.value();
        service.memoryMi = plan.memoryMi();
        service.milliCpu = plan.milliCpu();
        service.createdAt = now;
        service.updatedAt = now;
        try {
            service.persistAndFlush();
        } catch (PersistenceException e) {
            // Another transaction took the name or label between the check and the insert.
            throw raceLost(e, project, ref);
        }
        variables.initialize(service, request.env());
        return view(service, project);
    }

    /**
     * Changes only the fields present in the request; each is checked like on create. The name is
     * fixed for the service's lifetime.
     */
    @Transactional
    public ServiceView update(Caller caller, String serviceId, UpdateServiceRequest request) {
        Objects.requireNonNull(request, "request");
        Service service = owned(caller, Ids.parse("serviceId", serviceId));
        Project project = projects.owned(caller, service.projectId);
        if (request.name().isPresent() && !request.name().get().equals(service.name)) {
            throw new InvalidValueException(
                    "name",
                    "cannot be changed: it names the service's resources in the project's"
                            + " namespace and is part of its hostname "
                            + clusterOf(project).platformHostname(ref(project, service))
                            + "; create a new service instead");
        }
        // Everything is checked before anything changes.
        Optional<Source> source = source(project, request.repoId(), request.githubRepo());
        Optional<GitBranch> branch = request.branch().map(GitBranch::of);
        Optional<RepoPath> rootDirectory =
                request.rootDirectory().map(path -> RepoPath.directory("rootDirectory", path));
        Optional<RepoPath> dockerfilePath =
                request.dockerfilePath().map(path -> RepoPath.file("dockerfilePath", path));
        BuildSettings build =
                new BuildSettings(
                        request.buildStrategy()
                                .map(id -> BuildStrategy.parse(BUILD_FIELD, id))
                                .orElseGet(() -> BuildStrategy.parse(service.buildStrategy)),
                        rootDirectory.orElseGet(
                                () -> RepoPath.directory("rootDirectory", service.rootDirectory)),
                        dockerfilePath.orElseGet(
                                () -> RepoPath.file("dockerfilePath", service.dockerfilePath)),
                        changedCommand(
                                BuildCommand.INSTALL_FIELD,
                                request.installCommand(),
                                service.installCommand),
                        changedCommand(
                                BuildCommand.BUILD_FIELD,
                                request.buildCommand(),
                                service.buildCommand),
                        changedCommand(
                                BuildCommand.START_FIELD,
                                request.startCommand(),
                                service.startCommand));
        Optional<AppPort> port = request.port().map(AppPort::of);
        ResourcePlan plan =
                plan(
                        request.memoryMi(),
                        request.vcpu(),
                        new ResourcePlan(service.memoryMi, service.milliCpu));

        source.ifPresent(s -> s.applyTo(service));
        branch.ifPresent(b -> service.branch = b.value());
        apply(build, service);
        port.ifPresent(p -> service.port = p.value());
        service.memoryMi = plan.memoryMi();
        service.milliCpu = plan.milliCpu();
        service.updatedAt = Timestamps.now();
        return view(service, project);
    }

    /**
     * Deletes a service: from now on it is not shown and its name is free again. Its variables are
     * erased with it. Its deployments and logs stay (soft delete); removing the running workload is
     * the delete workflow's job.
     */
    @Transactional
    public void delete(Caller caller, String serviceId) {
        Service service = owned(caller, Ids.parse("serviceId", serviceId));
        Instant now = Timestamps.now();
        service.deletedAt = now;
        service.updatedAt = now;
        variables.removeAll(service);
    }

    /**
     * Soft-deletes a service for the delete workflow, with no caller to authorize: <b>only trusted
     * orchestration code calls this</b>, for a deletion an authorized request started. Idempotent:
     * a service that is already deleted stays as it is. Either way, says what names its resources
     * in the cluster.
     */
    @Transactional
    public RetiredService retire(UUID serviceId) {
        Service service = Service.findById(serviceId);
        if (service == null) {
            throw new NotFoundException("service", serviceId.toString());
        }
        if (service.isLive()) {
            Instant now = Timestamps.now();
            service.deletedAt = now;
            service.updatedAt = now;
            variables.removeAll(service);
        }
        Project project = Project.findById(service.projectId);
        long othersLive =
                Service.count(
                        "projectId = ?1 and id <> ?2 and deletedAt is null",
                        project.id,
                        service.id);
        return new RetiredService(
                service.id, ref(project, service), Region.of(project.region), othersLive == 0);
    }

    /**
     * The live services that deploy on a push to {@code branch} of a repository, oldest first. For
     * trusted orchestration code (the push workflow), which got the push from a verified source.
     *
     * @param sourceKind {@link Service#SOURCE_GITHUB}, with {@code repository} as {@code
     *     owner/name} (matched case-insensitively, like GitHub), or {@link
     *     Service#SOURCE_INTERNAL}, with {@code repository} the internal repository's path on the
     *     git-server, {@code {user}/{project}/{repo}} ({@link InternalRepoPath})
     */
    @Transactional
    public List<UUID> trackingServices(String sourceKind, String repository, String branch) {
        String branchName = GitBranch.of(branch).value();
        List<Service> tracking =
                switch (sourceKind) {
                    case Service.SOURCE_GITHUB ->
                            Service.list(
                                    "lower(githubRepo) = ?1 and branch = ?2 and deletedAt is null"
                                            + " order by createdAt, id",
                                    GitHubRepo.parse(repository)
                                            .toString()
                                            .toLowerCase(Locale.ROOT),
                                    branchName);
                    case Service.SOURCE_INTERNAL -> {
                        InternalRepoPath path = InternalRepoPath.parse(repository);
                        yield Service.list(
                                "internalRepoId in (select r.id from InternalRepo r, Project p"
                                        + " where p.id = r.projectId and p.userId = ?1"
                                        + " and p.name = ?2 and r.name = ?3)"
                                        + " and branch = ?4 and deletedAt is null"
                                        + " order by createdAt, id",
                                path.user().value(),
                                path.project().value(),
                                path.repo().value(),
                                branchName);
                    }
                    default ->
                            throw new InvalidValueException(
                                    "sourceKind", "must be github or internal");
                };
        return tracking.stream().map(s -> s.id).toList();
    }

    @Transactional
    public ServiceView get(Caller caller, String serviceId) {
        Service service = owned(caller, Ids.parse("serviceId", serviceId));
        return view(service, projects.owned(caller, service.projectId));
    }

    /** A project's live services, oldest first. */
    @Transactional
    public Page<ServiceView> list(Caller caller, String projectId, PageRequest page) {
        Project project = projects.owned(caller, Ids.parse("projectId", projectId));
        return pagesOf(List.of(project), page).get(project.id);
    }

    /**
     * The same page ({@code first} after {@code after}, oldest first) of the live services of each
     * of the caller's projects, for batched GraphQL fields: at most four statements however many
     * projects and services (the projects, every page in one query, the variable names, the
     * internal repositories when a service uses one). Projects that are not the caller's are
     * absent; the caller's projects without services map to an empty page.
     */
    @Transactional
    public Map<UUID, Page<ServiceView>> listByProjects(
            Caller caller, Collection<UUID> projectIds, PageRequest page) {
        List<UUID> ids = projectIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Project> owned =
                Project.list(
                        "id in :ids and userId = :user",
                        Parameters.with("ids", ids).and("user", caller.id()));
        return pagesOf(owned, page);
    }

    /**
     * One page per project in one query (a lateral join walks each project's page index), then the
     * variable names and internal repositories of every service shown in one query each.
     */
    private Map<UUID, Page<ServiceView>> pagesOf(List<Project> owned, PageRequest page) {
        if (owned.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<Service>> rowsByProject = new LinkedHashMap<>();
        owned.forEach(p -> rowsByProject.put(p.id, new ArrayList<>()));
        for (Service row : pageRows(rowsByProject.keySet(), page)) {
            rowsByProject.get(row.projectId).add(row);
        }
        List<Service> shown =
                rowsByProject.values().stream()
                        .flatMap(rows -> rows.stream().limit(page.first()))
                        .toList();
        Map<UUID, List<String>> names = variables.namesOf(shown.stream().map(s -> s.id).toList());
        List<UUID> repoIds =
                shown.stream().map(s -> s.internalRepoId).filter(Objects::nonNull).toList();
        Map<UUID, InternalRepo> repos =
                repoIds.isEmpty()
                        ? Map.of()
                        : InternalRepo.<InternalRepo>list("id in ?1", repoIds).stream()
                                .collect(Collectors.toMap(r -> r.id, Function.identity()));
        Map<UUID, Page<ServiceView>> pages = new LinkedHashMap<>();
        for (Project project : owned) {
            Cluster cluster = clusterOf(project);
            pages.put(
                    project.id,
                    Page.of(
                            rowsByProject.get(project.id),
                            page,
                            Service::cursor,
                            s ->
                                    ServiceView.of(
                                            s,
                                            project,
                                            cluster,
                                            s.internalRepoId == null
                                                    ? null
                                                    : repos.get(s.internalRepoId),
                                            names.getOrDefault(s.id, List.of()))));
        }
        return pages;
    }

    /**
     * Up to {@code first + 1} live services of each project after the cursor, ordered by (project,
     * created_at, id): the extra row per project only tells whether its next page exists.
     */
    private List<Service> pageRows(Collection<UUID> projectIds, PageRequest page) {
        String afterCursor =
                page.after().isPresent()
                        ? " and (x.created_at > :cursorAt"
                                + " or (x.created_at = :cursorAt and x.id > :cursorId))"
                        : "";
        Query query =
                Service.getEntityManager()
                        .createNativeQuery(
                                "select s.* from unnest(cast(:ids as uuid[])) as p(id)"
                                        + " cross join lateral (select * from services x"
                                        + "   where x.project_id = p.id and x.deleted_at is null"
                                        + afterCursor
                                        + "   order by x.created_at, x.id limit :rows) s"
                                        + " order by s.project_id, s.created_at, s.id",
                                Service.class)
                        .setParameter("ids", projectIds.toArray(UUID[]::new))
                        .setParameter("rows", page.first() + 1);
        page.after()
                .ifPresent(
                        cursor ->
                                query.setParameter("cursorAt", cursor.createdAt())
                                        .setParameter("cursorId", cursor.id()));
        @SuppressWarnings("unchecked")
        List<Service> rows = query.getResultList();
        return rows;
    }

    /**
     * How many live services each of the given projects has, in one query (for batched totalCount
     * fields). Projects that are not the caller's are absent from the map.
     */
    @Transactional
    public Map<UUID, Long> countByProjects(Caller caller, Collection<UUID> projectIds) {
        UUID[] ids = projectIds.stream().distinct().toArray(UUID[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        return Keyset.countsPerScope(
                Service.getEntityManager(),
                Projects.OWNED,
                "services",
                "project_id",
                "and x.deleted_at is null",
                Map.of("ids", ids, "user", caller.id()));
    }

    /** How many live services the caller's project has (a connection's totalCount). */
    @Transactional
    public long count(Caller caller, String projectId) {
        Project project = projects.owned(caller, Ids.parse("projectId", projectId));
        return Service.count("projectId = ?1 and deletedAt is null", project.id);
    }

    /**
     * The caller's live service, for the other application services (variables, deployments,
     * domains). A deleted service, one of another user and one that never existed are all the same
     * {@link NotFoundException}. Call it inside the caller's transaction: the entity is managed.
     */
    public Service owned(Caller caller, UUID serviceId) {
        Service service =
                Service.find(
                                "id = :id and deletedAt is null and projectId in"
                                        + " (select p.id from Project p where p.userId = :user)",
                                Parameters.with("id", serviceId).and("user", caller.id()))
                        .firstResult();
        if (service == null) {
            throw new NotFoundException("service", serviceId.toString());
        }
        return service;
    }

    private ServiceView view(Service service, Project project) {
        InternalRepo repo =
                service.internalRepoId == null
                        ? null
                        : InternalRepo.findById(service.internalRepoId);
        return ServiceView.of(
                service, project, clusterOf(project), repo, variables.namesOf(service));
    }

    /**
     * The source a request names, if it names one: an internal repository of the SAME project (any
     * other is "not found") or a GitHub {@code owner/name}; never both.
     */
    private static Optional<Source> source(
            Project project, Optional<String> repoId, Optional<String> githubRepo) {
        if (repoId.isPresent() && githubRepo.isPresent()) {
            throw new InvalidValueException(
                    "source",
                    "give either repoId (an internal repository) or githubRepo (owner/name), not"
                            + " both");
        }
        if (repoId.isPresent()) {
            UUID id = Ids.parse("repoId", repoId.get());
            InternalRepo repo =
                    InternalRepo.find(
                                    "id = :id and projectId = :project",
                                    Parameters.with("id", id).and("project", project.id))
                            .firstResult();
            if (repo == null) {
                throw new NotFoundException("repo", id.toString());
            }
            return Optional.of(new Source(Service.SOURCE_INTERNAL, repo.id, null));
        }
        return githubRepo.map(
                ref -> new Source(Service.SOURCE_GITHUB, null, GitHubRepo.parse(ref).toString()));
    }

    /** A command as given on create: none when absent or blank. */
    private static Optional<BuildCommand> command(String field, Optional<String> given) {
        return given.flatMap(raw -> BuildCommand.parse(field, raw));
    }

    /**
     * A command after an update: the given one, none when it was given blank (back to the detected
     * one), the stored one when it was not given.
     */
    private static Optional<BuildCommand> changedCommand(
            String field, Optional<String> given, String stored) {
        return given.isPresent()
                ? BuildCommand.parse(field, given.get())
                : Optional.ofNullable(stored).map(BuildCommand::new);
    }

    private static void apply(BuildSettings build, Service service) {
        service.buildStrategy = build.strategy().id();
        service.rootDirectory = build.rootDirectory().value();
        service.dockerfilePath = build.dockerfilePath().value();
        service.installCommand = build.installCommand().map(BuildCommand::value).orElse(null);
        service.buildCommand = build.buildCommand().map(BuildCommand::value).orElse(null);
        service.startCommand = build.startCommand().map(BuildCommand::value).orElse(null);
    }

    private static ResourcePlan plan(
            Optional<Integer> memoryMi, Optional<String> vcpu, ResourcePlan current) {
        return new ResourcePlan(
                memoryMi.orElse(current.memoryMi()),
                vcpu.map(Vcpu::parse).map(Vcpu::milliCpu).orElse(current.milliCpu()));
    }

    /**
     * The readable refusal for what the unique indexes would refuse anyway: the same name twice in
     * a project, or the same hostname label twice on the platform (only one user's own services can
     * share a label, since the user id ends it: {@code web-a}/{@code b} and {@code web}/{@code a-b}
     * of one user).
     */
    private void refuseNameClashes(Project project, ServiceRef ref) {
        if (Service.count(
                        "projectId = ?1 and name = ?2 and deletedAt is null",
                        project.id,
                        ref.service().value())
                > 0) {
            throw nameTaken(project, ref);
        }
        if (Service.count("hostLabel = ?1 and deletedAt is null", ref.hostLabel()) > 0) {
            throw labelTaken(project, ref);
        }
    }

    private RuntimeException raceLost(PersistenceException e, Project project, ServiceRef ref) {
        if (violates(e, UNIQUE_NAME)) {
            return nameTaken(project, ref);
        }
        if (violates(e, UNIQUE_HOST_LABEL)) {
            return labelTaken(project, ref);
        }
        return e;
    }

    private static ConflictException nameTaken(Project project, ServiceRef ref) {
        return new ConflictException(
                "name",
                "a service named " + ref.service() + " already exists in project " + project.name);
    }

    private ConflictException labelTaken(Project project, ServiceRef ref) {
        return new ConflictException(
                "name",
                "the hostname "
                        + clusterOf(project).platformHostname(ref)
                        + " is already used by another of your services (its service and project"
                        + " names join into the same label); choose another service name");
    }

    /** The cluster of the project's own region: its names and URLs are that cluster's. */
    private Cluster clusterOf(Project project) {
        return clusters.of(Region.of(project.region));
    }

    private static ServiceRef ref(Project project, Service service) {
        return ServiceRef.of(project.userId, project.name, service.name);
    }

    /** Exactly one of the two sources, as stored. */
    private record Source(String kind, UUID internalRepoId, String githubRepo) {
        void applyTo(Service service) {
            service.sourceKind = kind;
            service.internalRepoId = internalRepoId;
            service.githubRepo = githubRepo;
        }
    }
}
