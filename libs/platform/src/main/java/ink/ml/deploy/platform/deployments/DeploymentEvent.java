package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a deployment at one step; append-only. The id comes from the database and orders
 * a deployment's events, so followers ask for "events after id N".
 */
@Entity
@Table(name = "deployment_events")
public class DeploymentEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "deployment_id", nullable = false)
    public UUID deploymentId;

    /** A {@link DeploymentStep#value()}. */
    @Column(nullable = false)
    public String step;

    /** An {@link EventStatus#value()}. */
    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String message;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * Set by a writer that may run twice (a workflow's activity): the same key, the same event,
     * stored once per deployment. Null for every other event.
     */
    @Column(name = "event_key")
    public String eventKey;
}
