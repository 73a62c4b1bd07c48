package ink.ml.deploy.graphql.api.domains;

import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.graphql.api.deployments.DeploymentFixtures;
import ink.ml.deploy.graphql.temporal.TemporalDownProfile;
import ink.ml.deploy.platform.domains.CustomDomainView;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With Temporal unreachable, adding, verifying and removing a custom domain answer UNAVAILABLE and
 * leave everything as it was: no claim, no counted verification, no released name.
 */
@QuarkusTest
@TestProfile(TemporalDownProfile.class)
@WithTestResource(PostgresTestResource.class)
class CustomDomainMutationsTemporalDownTest {
    @Inject Accounts accounts;
    @Inject DeploymentFixtures fixtures;
    @Inject CustomDomains domains;

    @Test
    void addingIsUnavailableAndClaimsNothing() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");

        var answer =
                post(
                        user.bearer(),
                        CustomDomainsApiTest.ADD,
                        Map.of("s", service, "d", "down.example.net"));

        assertThat(error(answer, "UNAVAILABLE").get("message").toString())
                .contains("nothing was started or changed");
        assertThat(domains.list(user.caller(), service, PageRequest.firstPage()).items()).isEmpty();
    }

    @Test
    void verifyingAndRemovingAreUnavailableAndChangeNothing() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        CustomDomainView added = domains.add(user.caller(), service, "kept.example.net");

        error(
                post(user.bearer(), CustomDomainsApiTest.VERIFY, Map.of("id", added.id())),
                "UNAVAILABLE");
        error(
                post(user.bearer(), CustomDomainsApiTest.REMOVE, Map.of("id", added.id())),
                "UNAVAILABLE");

        CustomDomainView kept = domains.get(user.caller(), added.id());
        assertThat(kept.verificationRequestedAt()).isEmpty();
        assertThat(kept.domain()).isEqualTo("kept.example.net");
    }
}
