package ink.ml.deploy.platform.users;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person or organisation that owns projects. Its id is a libs/domain {@code UserId}. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {
    @Id public String id;

    @Column(name = "display_name")
    public String displayName;

    public String email;

    @Column(name = "firebase_uid")
    public String firebaseUid;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
