package ink.ml.deploy.platform.projects;

import ink.ml.deploy.domain.Namespaces;
import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.pagination.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer project: one Kubernetes namespace in one region. */
@Entity
@Table(name = "projects")
public class Project extends PanacheEntityBase {
    @Id public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String region;

    @Column(name = "is_default", nullable = false)
    public boolean isDefault;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public String namespace() {
        return Namespaces.forProject(UserId.of(userId), ProjectName.of(name));
    }

    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }
}
