package ink.ml.deploy.platform.deployments;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of a deployment's build output; append-only. The line number is part of the key, so a
 * retried append of the same lines stores nothing twice.
 */
@Entity
@Table(name = "build_log_lines")
@IdClass(BuildLogLine.Key.class)
public class BuildLogLine extends PanacheEntityBase {
    @Id
    @Column(name = "deployment_id")
    public UUID deploymentId;

    /** 1-based. */
    @Id
    @Column(name = "line_no")
    public int lineNo;

    @Column(nullable = false)
    public String line;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Composite primary key (deployment, line number). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public UUID deploymentId;
        public int lineNo;

        public Key() {}

        public Key(UUID deploymentId, int lineNo) {
            this.deploymentId = deploymentId;
            this.lineNo = lineNo;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && lineNo == key.lineNo
                    && Objects.equals(deploymentId, key.deploymentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deploymentId, lineNo);
        }
    }
}
