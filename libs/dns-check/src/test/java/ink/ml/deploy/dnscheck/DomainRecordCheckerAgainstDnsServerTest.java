package ink.ml.deploy.dnscheck;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.CustomDomain;
import ink.ml.deploy.domain.DomainVerificationRecords;
import ink.ml.deploy.domain.VerificationToken;
import ink.ml.deploy.testing.DnsServerProcess;
import ink.ml.deploy.testing.DnsZone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The check against Debian's BIND on loopback, serving zones written by each test: the resolver a
 * user's domain is read through, with real NXDOMAIN, SERVFAIL and silence.
 */
@Timeout(60)
class DomainRecordCheckerAgainstDnsServerTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String TARGET = "web-shop-u1.cname.ml.ink";
    private static final String PROOF = "dp-verify=" + TOKEN;

    /** For answers: a query the loaded machine's server answers late must not read as silence. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** For silence, which every query waits out in full. */
    private static final Duration SILENCE_TIMEOUT = Duration.ofMillis(400);

    private static DnsServerProcess dns;
    private static DomainRecordChecker checker;

    @BeforeAll
    static void start() {
        dns = DnsServerProcess.startOrSkip();
        checker =
                new DomainRecordChecker(
                        new DnsResolverSettings(
                                List.of(dns.host() + ":" + dns.port()), TIMEOUT, 1));
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void bothRecordsInPlaceVerifyTheDomain() {
        dns.serve(
                DnsZone.named("shop.com").txt("_dp-verify.app", PROOF).cname("app", TARGET + "."),
                platformZone());

        DomainCheck check = checker.check(records("app.shop.com"));

        assertThat(check.verified()).isTrue();
        assertThat(check.txt().status()).isEqualTo(RecordStatus.OK);
        assertThat(check.txt().name()).isEqualTo("_dp-verify.app.shop.com");
        assertThat(check.txt().expected()).isEqualTo(PROOF);
        assertThat(check.txt().found()).containsExactly(PROOF);
        assertThat(check.cname().status()).isEqualTo(RecordStatus.OK);
        assertThat(check.cname().expected()).isEqualTo(TARGET);
        assertThat(check.cname().found()).containsExactly(TARGET);
        assertThat(check.cname().byAddresses()).isFalse();
    }

    @Test
    void aMissingTxtRecordIsMissingAndSaysWhatToAdd() {
        dns.serve(DnsZone.named("shop.com").cname("app", TARGET + "."), platformZone());

        DomainCheck check = checker.check(records("app.shop.com"));

        assertThat(check.verified()).isFalse();
        assertThat(check.txt().status()).isEqualTo(RecordStatus.MISSING);
        assertThat(check.txt().message())
                .isEqualTo(
                        "_dp-verify.app.shop.com does not exist (NXDOMAIN): no DNS server"
                                + " knows this name yet: add TXT _dp-verify.app.shop.com = "
                                + PROOF);
        assertThat(check.cname().status()).isEqualTo(RecordStatus.OK);
    }

    @Test
    void aTxtRecordWithAnotherTokenAmongOtherStringsIsWrong() {
        dns.serve(
                DnsZone.named("shop.com")
                        .txt(
                                "_dp-verify.app",
                                "v=spf1 -all",
                                "dp-verify=ffffffffffffffffffffffffffffffff")
                        .txt("_dp-verify.app", "google-site-verification=abc")
                        .cname("app", TARGET + "."),
                platformZone());

        RecordCheck txt = checker.check(records("app.shop.com")).txt();

        assertThat(txt.status()).isEqualTo(RecordStatus.WRONG);
        assertThat(txt.found())
                .contains(
                        "v=spf1 -all",
                        "dp-verify=ffffffffffffffffffffffffffffffff",
                        "google-site-verification=abc");
        assertThat(txt.message()).contains("but none is " + PROOF);
    }

    @Test
    void theProofAmongOtherTxtStringsIsEnough() {
        dns.serve(
                DnsZone.named("shop.com")
                        .txt("_dp-verify.app", "v=spf1 -all")
                        .txt("_dp-verify.app", "other", PROOF)
                        .cname("app", TARGET + "."),
                platformZone());

        assertThat(checker.check(records("app.shop.com")).txt().status())
                .isEqualTo(RecordStatus.OK);
    }

    @Test
    void aCnameChainOfTwoHopsReachingTheTargetIsOk() {
        dns.serve(
                DnsZone.named("shop.com")
                        .txt("_dp-verify.app", PROOF)
                        .cname("app", "edge.cdn.net."),
                DnsZone.named("cdn.net").cname("edge", TARGET + "."),
                platformZone());

        RecordCheck cname = checker.check(records("app.shop.com")).cname();

        assertThat(cname.status()).isEqualTo(RecordStatus.OK);
        assertThat(cname.found()).containsExactly("edge.cdn.net", TARGET);
        assertThat(cname.message())
                .isEqualTo(
                        "app.shop.com points to " + TARGET + " through edge.cdn.net → " + TARGET);
    }

    @Test
    void aCnameLoopIsWrongAndEnds() {
        dns.serve(
                DnsZone.named("shop.com")
                        .cname("app", "a.shop.com.")
                        .cname("a", "b.shop.com.")
                        .cname("b", "a.shop.com."),
                platformZone());

        RecordCheck cname = checker.check(records("app.shop.com")).cname();

        assertThat(cname.status()).isEqualTo(RecordStatus.WRONG);
        assertThat(cname.message())
                .isEqualTo(
                        "app.shop.com's CNAME chain loops (app.shop.com → a.shop.com"
                                + " → b.shop.com → a.shop.com): no address is ever"
                                + " reached");
    }

    @Test
    void aCnameToAnotherTargetIsWrongAndNamesBoth() {
        dns.serve(
                DnsZone.named("shop.com").txt("_dp-verify.app", PROOF).cname("app", "x.net."),
                DnsZone.named("x.net").a("@", "192.0.2.99"),
                platformZone());

        RecordCheck cname = checker.check(records("app.shop.com")).cname();

        assertThat(cname.status()).isEqualTo(RecordStatus.WRONG);
        assertThat(cname.found()).containsExactly("x.net");
        assertThat(cname.message()).startsWith("app.shop.com points to x.net, expected " + TARGET);
    }

    @Test
    void aCnameToANameThatDoesNotExistIsWrongAndSaysWhere() {
        dns.serve(
                DnsZone.named("shop.com").txt("_dp-verify.app", PROOF).cname("app", "typo.net."),
                platformZone());

        RecordCheck cname = checker.check(records("app.shop.com")).cname();

        assertThat(cname.status()).isEqualTo(RecordStatus.WRONG);
        assertThat(cname.message())
                .isEqualTo(
                        "app.shop.com points to typo.net, but typo.net does not exist (NXDOMAIN):"
                                + " no DNS server knows this name yet");
    }

    @Test
    void aDomainThatDoesNotExistIsMissingForBothRecords() {
        dns.serve(platformZone());

        DomainCheck check = checker.check(records("app.nowhere.org"));

        assertThat(check.txt().status()).isEqualTo(RecordStatus.MISSING);
        assertThat(check.cname().status()).isEqualTo(RecordStatus.MISSING);
        assertThat(check.cname().message())
                .startsWith("app.nowhere.org does not exist (NXDOMAIN)")
                .endsWith("add CNAME app.nowhere.org → " + TARGET);
    }

    @Test
    void aBrokenZoneGivesServfailErrors() {
        dns.serve(DnsZone.failing("shop.com"), platformZone());

        DomainCheck check = checker.check(records("app.shop.com"));

        assertThat(check.txt().status()).isEqualTo(RecordStatus.ERROR);
        assertThat(check.txt().message())
                .startsWith(
                        "the DNS servers of _dp-verify.app.shop.com failed to answer (SERVFAIL)");
        assertThat(check.cname().status()).isEqualTo(RecordStatus.ERROR);
        assertThat(check.cname().message())
                .startsWith("the DNS servers of app.shop.com failed to answer (SERVFAIL)");
    }

    @Test
    void aSilentZoneTimesOutWithinTheConfiguredBound() {
        dns.serve(DnsZone.unanswered("shop.com"), platformZone());
        DomainRecordChecker impatient =
                new DomainRecordChecker(
                        new DnsResolverSettings(
                                List.of(dns.host() + ":" + dns.port()), SILENCE_TIMEOUT, 1));

        DomainCheck check = impatient.check(records("app.shop.com"));

        assertThat(check.txt().status()).isEqualTo(RecordStatus.ERROR);
        assertThat(check.txt().message())
                .isEqualTo(
                        "no answer for _dp-verify.app.shop.com within 400 ms (2 attempts):"
                                + " the DNS did not respond; try again later");
        assertThat(check.cname().status()).isEqualTo(RecordStatus.ERROR);
        assertThat(check.cname().message()).startsWith("no answer for app.shop.com within");
    }

    @Test
    void anApexWithTheTargetsAddressesIsOkAndSaysSo() {
        dns.serve(
                DnsZone.named("shop.com")
                        .txt("_dp-verify", PROOF)
                        .a("@", "192.0.2.10")
                        .aaaa("@", "2001:db8::10"),
                platformZone());

        RecordCheck cname = checker.check(records("shop.com")).cname();

        assertThat(cname.status()).isEqualTo(RecordStatus.OK);
        assertThat(cname.byAddresses()).isTrue();
        assertThat(cname.found()).containsExactly("192.0.2.10", "2001:db8:0:0:0:0:0:10");
        assertThat(cname.message())
                .startsWith("shop.com has no CNAME (a zone apex cannot hold one)");
    }

    @Test
    void anApexWithOtherAddressesIsWrongAndListsThem() {
        dns.serve(
                DnsZone.named("shop.com")
                        .txt("_dp-verify", PROOF)
                        .a("@", "192.0.2.10")
                        .a("@", "198.51.100.7"),
                platformZone());

        RecordCheck cname = checker.check(records("shop.com")).cname();

        assertThat(cname.status()).isEqualTo(RecordStatus.WRONG);
        assertThat(cname.byAddresses()).isFalse();
        assertThat(cname.message())
                .startsWith(
                        "shop.com has A/AAAA records 198.51.100.7 that are not "
                                + TARGET
                                + "'s addresses (192.0.2.10, 2001:db8:0:0:0:0:0:10)");
    }

    @Test
    void anApexWithoutAddressesIsMissingAndSaysWhatToAdd() {
        dns.serve(DnsZone.named("shop.com").txt("_dp-verify", PROOF), platformZone());

        RecordCheck cname = checker.check(records("shop.com")).cname();

        assertThat(cname.status()).isEqualTo(RecordStatus.MISSING);
        assertThat(cname.message())
                .startsWith("shop.com is a zone apex, which cannot hold a CNAME")
                .contains("192.0.2.10, 2001:db8:0:0:0:0:0:10");
    }

    @Test
    void namesMatchWhateverTheirCaseAndTrailingDot() {
        dns.serve(
                DnsZone.named("Shop.COM.")
                        .txt("_DP-Verify.App", PROOF)
                        .cname("APP", "WEB-Shop-U1.Cname.ML.ink."),
                platformZone());

        DomainCheck check =
                checker.check(
                        new DomainVerificationRecords(
                                CustomDomain.parse("App.Shop.Com.", List.of("ml.ink")),
                                new VerificationToken(TOKEN),
                                TARGET + "."));

        assertThat(check.verified()).as(check.toString()).isTrue();
        assertThat(check.cname().found()).containsExactly(TARGET);
    }

    @Test
    void aResolverThatCannotBeReachedIsSkippedForTheNext() {
        dns.serve(
                DnsZone.named("shop.com").txt("_dp-verify.app", PROOF).cname("app", TARGET + "."),
                platformZone());
        DomainRecordChecker withDeadFirst =
                new DomainRecordChecker(
                        new DnsResolverSettings(
                                List.of(
                                        "127.0.0.1:" + closedUdpPort(),
                                        dns.host() + ":" + dns.port()),
                                TIMEOUT,
                                0));

        assertThat(withDeadFirst.check(records("app.shop.com")).verified()).isTrue();
    }

    private static int closedUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform's own zone: the target and its addresses. */
    private static DnsZone platformZone() {
        return DnsZone.named("cname.ml.ink")
                .a("web-shop-u1", "192.0.2.10")
                .aaaa("web-shop-u1", "2001:db8::10");
    }

    private static DomainVerificationRecords records(String domain) {
        return new DomainVerificationRecords(
                CustomDomain.parse(domain, List.of("ml.ink")),
                new VerificationToken(TOKEN),
                TARGET);
    }
}
