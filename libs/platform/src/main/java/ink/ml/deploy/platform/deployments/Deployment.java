package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.platform.pagination.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One attempt to put a service's code live. Changed only through {@link Deployments} (for a caller)
 * and {@link DeploymentRecords} (for the deploy workflow): the status only moves through {@link
 * DeploymentStatus#transitionTo}.
 */
@Entity
@Table(name = "deployments")
public class Deployment extends PanacheEntityBase {
    @Id public UUID id;

    @Column(name = "service_id", nullable = false)
    public UUID serviceId;

    /** A {@link DeploymentStatus#value()}. */
    @Column(nullable = false)
    public String status;

    /** A {@link DeploymentTrigger#value()}. */
    @Column(nullable = false)
    public String trigger;

    @Column(name = "commit_sha")
    public String commitSha;

    /** The pushed image reference, once the build pushed one (or reused from the rollback). */
    @Column(name = "image_ref")
    public String imageRef;

    @Column(name = "rollback_of")
    public UUID rollbackOf;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "config_snapshot", nullable = false)
    public ConfigSnapshot configSnapshot;

    /** The variables as one sealed JSON object; associated data {@code deployment/<id>}. */
    @Column(name = "env_snapshot")
    public byte[] envSnapshot;

    @Column(name = "env_key_id")
    public String envKeyId;

    @Column(name = "error_step")
    public String errorStep;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "workflow_id")
    public String workflowId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public DeploymentStatus status() {
        return DeploymentStatus.fromValue(status);
    }

    public DeploymentTrigger trigger() {
        return DeploymentTrigger.fromValue(trigger);
    }

    /** Position in a service's list, which is ordered newest first. */
    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }
}
