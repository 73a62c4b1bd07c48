package ink.ml.deploy.dnscheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The words a user reads for each way a record can fail: each its own, each saying what to do. */
class DnsMessagesTest {
    private static final String TARGET = "web-shop-u1.cname.ml.ink";

    @Test
    void nxdomainSaysTheNameDoesNotExist() {
        assertThat(DnsMessages.doesNotExist("app.shop.com"))
                .isEqualTo(
                        "app.shop.com does not exist (NXDOMAIN): no DNS server knows this name"
                                + " yet");
    }

    @Test
    void servfailBlamesTheDomainsDnsHosting() {
        assertThat(DnsMessages.servfail("app.shop.com"))
                .isEqualTo(
                        "the DNS servers of app.shop.com failed to answer (SERVFAIL): the domain's"
                                + " DNS hosting is broken or unreachable; check the domain's name"
                                + " servers");
    }

    @Test
    void timeoutGivesTheBoundAndTheAttempts() {
        assertThat(DnsMessages.timeout("app.shop.com", Duration.ofSeconds(2), 3))
                .isEqualTo(
                        "no answer for app.shop.com within 2000 ms (3 attempts): the DNS did not"
                                + " respond; try again later");
        assertThat(DnsMessages.timeout("app.shop.com", Duration.ofMillis(500), 1))
                .contains("(1 attempt)");
    }

    @Test
    void aWrongTargetNamesWhatItPointsToAndWhatWasExpected() {
        assertThat(DnsMessages.cnameWrong("app.shop.com", List.of("x.example"), TARGET))
                .isEqualTo(
                        "app.shop.com points to x.example, expected "
                                + TARGET
                                + ": change the CNAME of app.shop.com to "
                                + TARGET);
    }

    @Test
    void aWrongTargetAtTheEndOfAChainShowsTheWayThere() {
        assertThat(
                        DnsMessages.cnameWrong(
                                "app.shop.com", List.of("edge.cdn.net", "x.example"), TARGET))
                .startsWith("app.shop.com points to x.example (through edge.cdn.net), expected ");
    }

    @Test
    void aLoopShowsTheWholeCircle() {
        assertThat(DnsMessages.cnameLoop("app.shop.com", List.of("a.shop.com", "app.shop.com")))
                .isEqualTo(
                        "app.shop.com's CNAME chain loops (app.shop.com → a.shop.com →"
                                + " app.shop.com): no address is ever reached");
    }

    @Test
    void missingRecordsSayExactlyWhatToAdd() {
        assertThat(DnsMessages.txtMissing("_dp-verify.shop.com", "dp-verify=abc"))
                .isEqualTo(
                        "_dp-verify.shop.com has no TXT record: add TXT _dp-verify.shop.com ="
                                + " dp-verify=abc");
        assertThat(DnsMessages.cnameMissing("app.shop.com", TARGET))
                .isEqualTo("app.shop.com has no CNAME record: add CNAME app.shop.com → " + TARGET);
        assertThat(DnsMessages.apexMissing("shop.com", TARGET, List.of("192.0.2.10")))
                .isEqualTo(
                        "shop.com is a zone apex, which cannot hold a CNAME, and has no A/AAAA"
                                + " records: add A/AAAA records equal to "
                                + TARGET
                                + "'s addresses (192.0.2.10)");
    }

    @Test
    void aWrongTxtListsWhatWasFound() {
        assertThat(DnsMessages.txtWrong("_dp-verify.shop.com", List.of("a", "b"), "dp-verify=x"))
                .isEqualTo(
                        "_dp-verify.shop.com has TXT \"a\", \"b\" but none is dp-verify=x: add (or"
                                + " fix) the TXT value dp-verify=x");
    }

    @Test
    void anApexMatchedByAddressesSaysSo() {
        assertThat(DnsMessages.addressesOk("shop.com", List.of("192.0.2.10"), TARGET))
                .isEqualTo(
                        "shop.com has no CNAME (a zone apex cannot hold one); its A/AAAA records"
                                + " (192.0.2.10) are "
                                + TARGET
                                + "'s addresses");
    }

    @Test
    void eachFailureHasItsOwnMessage() {
        Set<String> messages =
                Set.of(
                        DnsMessages.doesNotExist("app.shop.com"),
                        DnsMessages.servfail("app.shop.com"),
                        DnsMessages.timeout("app.shop.com", Duration.ofSeconds(1), 1),
                        DnsMessages.cnameWrong("app.shop.com", List.of("x.example"), TARGET),
                        DnsMessages.failed("app.shop.com", "127.0.0.1:53 answered REFUSED"));

        assertThat(messages).hasSize(5);
    }
}
