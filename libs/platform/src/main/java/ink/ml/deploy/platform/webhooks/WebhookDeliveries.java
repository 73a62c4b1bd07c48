package ink.ml.deploy.platform.webhooks;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.platform.common.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Remembers webhook deliveries, so a redelivery is recognised and starts nothing new. */
@ApplicationScoped
public class WebhookDeliveries {
    private final EntityManager entityManager;

    public WebhookDeliveries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * True the first time a delivery is seen, false for every redelivery, also when two arrive at
     * once: the insert and the check are one statement ({@code ON CONFLICT DO NOTHING}).
     */
    @Transactional
    public boolean firstSeen(String source, String deliveryId) {
        WebhookSource validSource = WebhookSource.of(source);
        DeliveryId validId = DeliveryId.of(deliveryId);
        int inserted =
                entityManager
                        .createNativeQuery(
                                "insert into webhook_deliveries (source, delivery_id, received_at)"
                                        + " values (?1, ?2, ?3) on conflict do nothing")
                        .setParameter(1, validSource.value())
                        .setParameter(2, validId.value())
                        .setParameter(3, Timestamps.now())
                        .executeUpdate();
        return inserted == 1;
    }
}
