package ink.ml.deploy.mcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private final AtomicReference<Instant> now =
            new AtomicReference<>(Instant.parse("2025-06-18T10:00:00Z"));
    private final TokenBuckets buckets = new TokenBuckets(10, Duration.ofMinutes(1), 3, now::get);

    @Test
    void aFullBucketLetsABurstThroughThenRefusesWithTheWaitForTheNextToken() {
        for (int i = 0; i < 10; i++) {
            assertThat(buckets.take("203.0.113.7")).as("take %d", i).isEmpty();
        }

        assertThat(buckets.take("203.0.113.7")).contains(Duration.ofSeconds(6));
        advance(Duration.ofSeconds(2));
        assertThat(buckets.take("203.0.113.7")).contains(Duration.ofSeconds(4));
    }

    @Test
    void aTokenComesBackEveryPeriodOverCapacity() {
        drain("203.0.113.7");

        advance(Duration.ofSeconds(6));
        assertThat(buckets.take("203.0.113.7")).isEmpty();
        assertThat(buckets.take("203.0.113.7")).contains(Duration.ofSeconds(6));

        advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertThat(buckets.take("203.0.113.7")).as("take %d", i).isEmpty();
        }
        assertThat(buckets.take("203.0.113.7")).isPresent();
    }

    @Test
    void refusedRequestsDoNotPushTheNextTokenFurtherAway() {
        drain("203.0.113.7");
        for (int i = 0; i < 100; i++) {
            buckets.take("203.0.113.7");
        }

        advance(Duration.ofSeconds(6));
        assertThat(buckets.take("203.0.113.7")).isEmpty();
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        drain("203.0.113.7");

        assertThat(buckets.take("198.51.100.1")).isEmpty();
    }

    @Test
    void fullBucketsAreForgottenWhenTooManyKeysAreTracked() {
        drain("a");
        buckets.take("b");
        buckets.take("c");
        advance(Duration.ofMinutes(1));

        assertThat(buckets.take("d")).isEmpty();
        assertThat(buckets.trackedKeys()).isEqualTo(1);
    }

    @Test
    void newKeysAreRefusedWhileTooManyBucketsAreInUse() {
        buckets.take("a");
        buckets.take("b");
        buckets.take("c");

        assertThat(buckets.take("d")).contains(Duration.ofSeconds(6));
        assertThat(buckets.take("a")).isEmpty();
        advance(Duration.ofSeconds(6));
        assertThat(buckets.take("d")).isEmpty();
    }

    private void drain(String key) {
        for (int i = 0; i < 10; i++) {
            buckets.take(key);
        }
        assertThat(buckets.take(key)).isPresent();
    }

    private void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }
}
