package ink.ml.deploy.platform.variables;

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

/** One environment variable of a service; the value is only ever stored sealed. */
@Entity
@Table(name = "service_variables")
@IdClass(ServiceVariable.Key.class)
public class ServiceVariable extends PanacheEntityBase {
    @Id
    @Column(name = "service_id")
    public UUID serviceId;

    @Id public String name;

    @Column(name = "value_ciphertext", nullable = false)
    public byte[] valueCiphertext;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    /** Plaintext size in bytes, so size limits are checked without decrypting everything. */
    @Column(name = "value_size", nullable = false)
    public int valueSize;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Composite primary key (service, name). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public UUID serviceId;
        public String name;

        public Key() {}

        public Key(UUID serviceId, String name) {
            this.serviceId = serviceId;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(serviceId, key.serviceId)
                    && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(serviceId, name);
        }
    }
}
