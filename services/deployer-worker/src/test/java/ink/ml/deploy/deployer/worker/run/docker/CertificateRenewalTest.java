package ink.ml.deploy.deployer.worker.run.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertificateRenewalTest {
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(90));

    @Test
    void aNinetyDayCertificateIsRenewedFromItsLastThirtyDaysOn() {
        assertThat(CertificateRenewal.isDue(ISSUED, EXPIRES, ISSUED)).isFalse();
        assertThat(CertificateRenewal.isDue(ISSUED, EXPIRES, EXPIRES.minus(Duration.ofDays(31))))
                .isFalse();
        assertThat(CertificateRenewal.isDue(ISSUED, EXPIRES, EXPIRES.minus(Duration.ofDays(30))))
                .isTrue();
        assertThat(CertificateRenewal.isDue(ISSUED, EXPIRES, EXPIRES.plusSeconds(1))).isTrue();
    }
}
