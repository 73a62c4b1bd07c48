package ink.ml.deploy.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookDeliveriesTest {
    @Inject WebhookDeliveries deliveries;

    @Test
    void aDeliveryIsNewOnceAndEveryRedeliveryIsNot() {
        String id = UUID.randomUUID().toString();

        assertThat(deliveries.firstSeen("github", id)).isTrue();
        assertThat(deliveries.firstSeen("github", id)).isFalse();
        assertThat(deliveries.firstSeen("github", id)).isFalse();
    }

    @Test
    void theSameIdFromAnotherSourceIsAnotherDelivery() {
        String id = UUID.randomUUID().toString();

        assertThat(deliveries.firstSeen("github", id)).isTrue();
        assertThat(deliveries.firstSeen("git-server", id)).isTrue();
    }

    @Test
    void redeliveriesArrivingTogetherStartOneThing() throws Exception {
        String id = UUID.randomUUID().toString();
        int parallel = 4;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                results.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return deliveries.firstSeen("github", id);
                                }));
            }
            start.countDown();
            int firsts = 0;
            for (Future<Boolean> result : results) {
                firsts += result.get() ? 1 : 0;
            }
            assertThat(firsts).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesUnknownSourcesAndMalformedIdsNamingTheField() {
        assertThatThrownBy(() -> deliveries.firstSeen("gitlab", "abc"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("source: must be github or git-server");
        assertThatThrownBy(() -> deliveries.firstSeen(null, "abc"))
                .hasMessageStartingWith("source: ");
        for (String bad : new String[] {null, "", "a b", "../x", "a".repeat(129), "x\ny"}) {
            assertThatThrownBy(() -> deliveries.firstSeen("github", bad))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("deliveryId: ");
        }
    }
}
