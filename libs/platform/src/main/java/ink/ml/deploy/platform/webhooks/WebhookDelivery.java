package ink.ml.deploy.platform.webhooks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A webhook delivery already received, keyed by its sender and the sender's delivery id. */
@Entity
@Table(name = "webhook_deliveries")
@IdClass(WebhookDelivery.Key.class)
public class WebhookDelivery extends PanacheEntityBase {
    @Id public String source;

    @Id
    @Column(name = "delivery_id")
    public String deliveryId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** Composite primary key (source, delivery id). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public String source;
        public String deliveryId;

        public Key() {}

        public Key(String source, String deliveryId) {
            this.source = source;
            this.deliveryId = deliveryId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(source, key.source)
                    && Objects.equals(deliveryId, key.deliveryId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(source, deliveryId);
        }
    }
}
