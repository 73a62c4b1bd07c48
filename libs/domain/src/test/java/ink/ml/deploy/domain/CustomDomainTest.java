package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomDomainTest {
    private static final List<String> ZONES = TestClusters.EU_CENTRAL_1.platformZones();

    private static CustomDomain parse(String input) {
        return CustomDomain.parse(input, ZONES);
    }

    @ParameterizedTest
    @CsvSource({
        "app.example.com, app.example.com",
        "App.Example.COM, app.example.com",
        "app.example.com., app.example.com",
        "café.example.com, xn--caf-dma.example.com",
        "bücher.de, xn--bcher-kva.de",
        "xn--bcher-kva.de, xn--bcher-kva.de",
        "example.com, example.com"
    })
    void normalisesToLowercasePunycode(String input, String expected) {
        assertThat(parse(input).value()).isEqualTo(expected);
    }

    @Test
    void showsInternationalNamesBackInUnicode() {
        assertThat(parse("bücher.de").unicode()).isEqualTo("bücher.de");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ml.ink",
                "ML.INK",
                "foo.ml.ink",
                "web-shop-u42.cname.ml.ink",
                "cname.ml.ink."
            })
    void refusesOurOwnZoneAndNamesUnderIt(String input) {
        assertThatThrownBy(() -> parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "domain: must not be ml.ink or a name under it: the platform already serves those");
    }

    @Test
    void aZoneThatMerelyEndsWithOurNameIsNotOurs() {
        assertThat(parse("html.ink").value()).isEqualTo("html.ink");
        assertThat(parse("xml.ink").value()).isEqualTo("xml.ink");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.example.com", "*", "a.*.example.com"})
    void refusesWildcards(String input) {
        assertThatThrownBy(() -> parse(input))
                .hasMessageStartingWith("domain: wildcard domains are not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.1", "1.1.1.1", "10.0.0.1.", "8.8.8.8"})
    void refusesIpv4Literals(String input) {
        assertThatThrownBy(() -> parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("domain: must be a host name, not an IP address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1]", "::1", "2001:db8::1", "example.com:443"})
    void refusesIpv6LiteralsAndPorts(String input) {
        assertThatThrownBy(() -> parse(input))
                .hasMessage("domain: must be a host name only: no scheme, port or IPv6 address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https//example.com/", "example.com/path", "user@example.com"})
    void refusesUrls(String input) {
        assertThatThrownBy(() -> parse(input))
                .hasMessage("domain: must be a host name only: no URL, path or user");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "example",
                "a..example.com",
                ".example.com",
                "-app.example.com",
                "app-.example.com",
                "app_1.example.com",
                "app example.com",
                "app.example.com\n",
                "app.localhost",
                "printer.local",
                "db.internal",
                "a.test",
                "1.2.3.4com.123"
            })
    void refusesNamesThatCannotBeAPublicHostName(String input) {
        assertThatThrownBy(() -> parse(input))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo("domain");
    }

    @Test
    void testingNamesAreAcceptedOnlyWhereAllowedAndOnlyThose() {
        assertThat(CustomDomain.parse("App.Example.TEST", ZONES, Set.of("test")).value())
                .isEqualTo("app.example.test");
        assertThatThrownBy(() -> CustomDomain.parse("app.localhost", ZONES, Set.of("test")))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> CustomDomain.parse("a.b.ml.ink", ZONES, Set.of("test")))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> CustomDomain.parse("app.localhost", ZONES, Set.of("localhost")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may be allowed for testing");
    }

    @Test
    void refusesLabelsLongerThan63() {
        assertThatThrownBy(() -> parse("a".repeat(64) + ".example.com"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("domain: ");
        assertThat(parse("a".repeat(63) + ".example.com").value()).startsWith("a".repeat(63));
    }

    @Test
    void refusesNamesLongerThan253() {
        String label = "a".repeat(60) + ".";
        String tooLong = label.repeat(4) + "example.com";
        assertThat(tooLong).hasSizeGreaterThan(253);
        assertThatThrownBy(() -> parse(tooLong))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("domain: must be at most 253 characters");
    }

    @Test
    void verificationRecordsFollowTheSeed() {
        VerificationToken token = new VerificationToken("0123456789abcdef0123456789abcdef");
        DomainVerificationRecords records =
                DomainVerificationRecords.forService(
                        parse("App.Example.com"),
                        token,
                        TestClusters.EU_CENTRAL_1,
                        ServiceRef.of("u42", "shop", "web"));

        assertThat(records.txtName()).isEqualTo("_dp-verify.app.example.com");
        assertThat(records.txtValue()).isEqualTo("dp-verify=0123456789abcdef0123456789abcdef");
        assertThat(records.cnameName()).isEqualTo("app.example.com");
        assertThat(records.cnameTarget()).isEqualTo("web-shop-u42.cname.ml.ink");
    }

    @Test
    void matchesWhatDnsAnswersLeniently() {
        DomainVerificationRecords records =
                new DomainVerificationRecords(
                        parse("app.example.com"),
                        new VerificationToken("0123456789abcdef0123456789abcdef"),
                        "web-shop-u42.cname.ml.ink");

        assertThat(
                        records.txtMatches(
                                List.of(
                                        "v=spf1 -all",
                                        "dp-verify=0123456789abcdef0123456789abcdef")))
                .isTrue();
        assertThat(records.txtMatches(List.of("dp-verify=ffffffffffffffffffffffffffffffff")))
                .isFalse();
        assertThat(records.cnameMatches("Web-Shop-U42.cname.ml.ink.")).isTrue();
        assertThat(records.cnameMatches("web-shop-u43.cname.ml.ink.")).isFalse();
        assertThat(records.cnameMatches(null)).isFalse();
    }

    @Test
    void generatedTokensAreFreshAndWellFormed() {
        VerificationToken first = VerificationToken.generate();
        assertThat(first.value()).matches("[0-9a-f]{32}");
        assertThat(VerificationToken.generate()).isNotEqualTo(first);
        assertThatThrownBy(() -> new VerificationToken("short"))
                .hasMessageStartingWith("verificationToken: ");
    }
}
