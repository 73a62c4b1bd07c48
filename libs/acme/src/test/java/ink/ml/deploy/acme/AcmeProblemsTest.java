package ink.ml.deploy.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.toolbox.JSON;

class AcmeProblemsTest {

    @Test
    void theRefusalsTheIssueNamesArePermanent() {
        for (String name :
                new String[] {
                    "rejectedIdentifier",
                    "caa",
                    "rateLimited",
                    "unauthorized",
                    "unsupportedIdentifier"
                }) {
            assertThat(AcmeProblems.kindOf(type(name))).as(name).isEqualTo(FailureKind.PERMANENT);
        }
    }

    @Test
    void theServersOwnAndTheValidationsNetworkTroublesAreTransient() {
        for (String name :
                new String[] {
                    "serverInternal", "badNonce", "connection", "dns", "tls", "orderNotReady"
                }) {
            assertThat(AcmeProblems.kindOf(type(name))).as(name).isEqualTo(FailureKind.TRANSIENT);
        }
    }

    @Test
    void anUnknownTypeIsPermanentSoThatTheCasWordsReachTheUser() {
        assertThat(AcmeProblems.kindOf(type("somethingNew"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(AcmeProblems.kindOf(URI.create("about:blank"))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void aCompoundProblemIsPermanentWhenAnyPartIsAndNamesThatPart() throws Exception {
        Problem compound =
                problem(
                        "{\"type\":\"urn:ietf:params:acme:error:compound\","
                                + "\"detail\":\"several problems\",\"subproblems\":["
                                + "{\"type\":\"urn:ietf:params:acme:error:dns\",\"detail\":\"SERVFAIL\"},"
                                + "{\"type\":\"urn:ietf:params:acme:error:caa\",\"detail\":\"CAA forbids\"}]}");

        assertThat(AcmeProblems.kindOf(compound)).isEqualTo(FailureKind.PERMANENT);
        assertThat(AcmeProblems.typeOf(compound)).isEqualTo(type("caa"));
    }

    @Test
    void aCompoundProblemOfTransientPartsIsTransient() throws Exception {
        Problem compound =
                problem(
                        "{\"type\":\"urn:ietf:params:acme:error:compound\",\"subproblems\":["
                                + "{\"type\":\"urn:ietf:params:acme:error:dns\",\"detail\":\"SERVFAIL\"}]}");

        assertThat(AcmeProblems.kindOf(compound)).isEqualTo(FailureKind.TRANSIENT);
        assertThat(AcmeProblems.typeOf(compound)).isEqualTo(type("dns"));
    }

    private static URI type(String name) {
        return URI.create(AcmeProblems.ERROR_PREFIX + name);
    }

    private static Problem problem(String json) throws Exception {
        return new Problem(JSON.parse(json), new URL("https://acme.example.test/"));
    }
}
