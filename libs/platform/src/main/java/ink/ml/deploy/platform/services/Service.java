package ink.ml.deploy.platform.services;

import ink.ml.deploy.platform.pagination.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer service: where its code comes from, how it is built and what it runs with. Soft
 * deleted, so its deployments and logs stay readable while its workload is being removed.
 */
@Entity
@Table(name = "services")
public class Service extends PanacheEntityBase {
    public static final String SOURCE_INTERNAL = "internal";
    public static final String SOURCE_GITHUB = "github";

    @Id public UUID id;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Column(nullable = false)
    public String name;

    /** {@code ServiceRef.hostLabel()}: globally unique among live services. */
    @Column(name = "host_label", nullable = false)
    public String hostLabel;

    @Column(name = "source_kind", nullable = false)
    public String sourceKind;

    @Column(name = "internal_repo_id")
    public UUID internalRepoId;

    /** {@code owner/name} on GitHub, when {@link #sourceKind} is github. */
    @Column(name = "github_repo")
    public String githubRepo;

    @Column(nullable = false)
    public String branch;

    @Column(name = "root_directory", nullable = false)
    public String rootDirectory;

    @Column(name = "dockerfile_path", nullable = false)
    public String dockerfilePath;

    @Column(name = "build_strategy", nullable = false)
    public String buildStrategy;

    /** The user's install command for a generated build; null for the detected one. */
    @Column(name = "install_command")
    public String installCommand;

    /** The user's build command for a generated build; null for the detected one. */
    @Column(name = "build_command")
    public String buildCommand;

    /** The user's start command for a generated build; null for the detected one. */
    @Column(name = "start_command")
    public String startCommand;

    @Column(nullable = false)
    public int port;

    @Column(name = "memory_mi", nullable = false)
    public int memoryMi;

    @Column(name = "milli_cpu", nullable = false)
    public int milliCpu;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public boolean isLive() {
        return deletedAt == null;
    }

    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }
}
