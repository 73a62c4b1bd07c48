package ink.ml.deploy.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.domains.CustomDomainView;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.ServiceView;
import ink.ml.deploy.platform.services.Services;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one-machine platform's cluster, configured with the deployer-worker's keys: every name and
 * URL the services show follows the configuration, none the production constant.
 */
@QuarkusTest
@TestProfile(ConfiguredClusterTest.OneMachine.class)
class ConfiguredClusterTest {
    @Inject Services services;
    @Inject Projects projects;
    @Inject CustomDomains domains;
    @Inject TestUsers users;

    /** What ./run-platform sets: apps under localhost, answered by the edge on http port 8080. */
    public static final class OneMachine implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mcpdeploy.cluster.region", "us-east-1",
                    "mcpdeploy.cluster.apps-domain", "localhost",
                    "mcpdeploy.cluster.cname-zone", "cname.localhost",
                    "mcpdeploy.cluster.url-scheme", "http",
                    "mcpdeploy.cluster.url-port", "8080");
        }
    }

    @Test
    void aServiceShowsTheUrlTheConfiguredEdgeAnswers() {
        Caller caller = users.newCaller();

        ServiceView web =
                services.create(
                        caller, CreateServiceRequest.builder("web").githubRepo("a/b").build());

        assertThat(web.url()).isEqualTo("http://web-default-" + caller.id() + ".localhost:8080");
        assertThat(web.hostname()).isEqualTo("web-default-" + caller.id() + ".localhost");
        assertThat(web.cnameTarget()).isEqualTo("web-default-" + caller.id() + ".cname.localhost");
    }

    @Test
    void newProjectsAreInTheConfiguredRegion() {
        Caller caller = users.newCaller();

        assertThat(projects.getDefault(caller).region()).isEqualTo("us-east-1");
        assertThat(projects.create(caller, "shop").region()).isEqualTo("us-east-1");
    }

    @Test
    void customDomainsPointAtTheConfiguredZoneAndCannotClaimIt() {
        Caller caller = users.newCaller();
        String web =
                services.create(
                                caller,
                                CreateServiceRequest.builder("web").githubRepo("a/b").build())
                        .id();

        CustomDomainView added = domains.add(caller, web, "app.example.com");

        assertThat(added.records().cnameTarget())
                .isEqualTo("web-default-" + caller.id() + ".cname.localhost");
        assertThatThrownBy(() -> domains.add(caller, web, "other.localhost"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("domain: ");
    }
}
