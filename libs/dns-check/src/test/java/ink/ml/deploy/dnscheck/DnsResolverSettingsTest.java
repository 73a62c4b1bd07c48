package ink.ml.deploy.dnscheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.CustomDomain;
import ink.ml.deploy.domain.DomainVerificationRecords;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.VerificationToken;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolver settings: every refusal names its field. */
class DnsResolverSettingsTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void readsHostPortPlainHostAndBracketedIpv6() {
        DnsResolverSettings settings =
                new DnsResolverSettings(
                        List.of("127.0.0.1:5353", "9.9.9.9", "[::1]:53"), SECOND, 1);

        assertThat(settings.addresses())
                .containsExactly(
                        new ResolverAddress("127.0.0.1", 5353),
                        new ResolverAddress("9.9.9.9", 53),
                        new ResolverAddress("::1", 53));
        assertThat(settings.addresses().get(2)).hasToString("[::1]:53");
    }

    @Test
    void refusesNoResolvers() {
        assertRefused(() -> new DnsResolverSettings(List.of(), SECOND, 0), "resolvers");
        assertRefused(() -> new DnsResolverSettings(null, SECOND, 0), "resolvers");
    }

    @Test
    void refusesMalformedResolvers() {
        for (String bad :
                List.of("", " ", ":53", "host:0", "host:70000", "host:x", "::1", "[::1")) {
            assertRefused(() -> new DnsResolverSettings(List.of(bad), SECOND, 0), "resolvers");
        }
    }

    @Test
    void refusesATimeoutThatIsNotPositiveOrTooLong() {
        assertRefused(() -> new DnsResolverSettings(List.of("h"), Duration.ZERO, 0), "timeout");
        assertRefused(() -> new DnsResolverSettings(List.of("h"), null, 0), "timeout");
        assertRefused(
                () -> new DnsResolverSettings(List.of("h"), Duration.ofMinutes(5), 0), "timeout");
    }

    @Test
    void refusesRetriesOutOfRange() {
        assertRefused(() -> new DnsResolverSettings(List.of("h"), SECOND, -1), "retries");
        assertRefused(() -> new DnsResolverSettings(List.of("h"), SECOND, 6), "retries");
    }

    @Test
    void theCheckerRefusesMissingSettingsAndRecords() {
        assertRefused(() -> new DomainRecordChecker(null), "settings");
        DomainRecordChecker checker =
                new DomainRecordChecker(new DnsResolverSettings(List.of("127.0.0.1"), SECOND, 0));
        assertRefused(() -> checker.check(null), "records");
        assertRefused(() -> checker.check(recordsWithTarget("")), "cnameTarget");
        assertRefused(() -> checker.check(recordsWithTarget("web..cname.ml.ink")), "cnameTarget");
    }

    private static DomainVerificationRecords recordsWithTarget(String target) {
        return new DomainVerificationRecords(
                new CustomDomain("app.shop.com"), VerificationToken.generate(), target);
    }

    private static void assertRefused(Runnable action, String field) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
