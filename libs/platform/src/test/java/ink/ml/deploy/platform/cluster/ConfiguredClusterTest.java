package ink.ml.deploy.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.domains.CustomDomainView;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.projects.Project;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.ServiceView;
import ink.ml.deploy.platform.services.Services;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The one-machine platform's cluster as home, next to production's: every name and URL the services
 * show follows the configuration of the project's own region.
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
                    "mcpdeploy.clusters.home-region", "us-east-1",
                    "mcpdeploy.clusters.regions.us-east-1.apps-domain", "localhost",
                    "mcpdeploy.clusters.regions.us-east-1.cname-zone", "cname.localhost",
                    "mcpdeploy.clusters.regions.us-east-1.url-scheme", "http",
                    "mcpdeploy.clusters.regions.us-east-1.url-port", "8080",
                    "mcpdeploy.clusters.regions.us-east-1.registry", "127.0.0.1:5000");
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
    void aProjectInAnotherRegionShowsThatRegionsNames() {
        Caller caller = users.newCaller();
        String projectId = projects.create(caller, "shop").id();
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                Project.update(
                                        "region = ?1 where id = ?2",
                                        "eu-central-1",
                                        UUID.fromString(projectId)));

        ServiceView web =
                services.create(
                        caller,
                        CreateServiceRequest.builder("web")
                                .projectId(projectId)
                                .githubRepo("a/b")
                                .build());

        assertThat(web.url()).isEqualTo("https://web-shop-" + caller.id() + ".ml.ink");
        assertThat(web.cnameTarget()).isEqualTo("web-shop-" + caller.id() + ".cname.ml.ink");
        assertThat(domains.add(caller, web.id(), "shop.example.com").records().cnameTarget())
                .isEqualTo("web-shop-" + caller.id() + ".cname.ml.ink");
    }

    @Test
    void aProjectInARegionNoClusterServesIsRefusedNamingTheField() {
        Caller caller = users.newCaller();
        String projectId = projects.create(caller, "shop").id();
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                Project.update(
                                        "region = ?1 where id = ?2",
                                        "ap-south-1",
                                        UUID.fromString(projectId)));

        assertThatThrownBy(
                        () ->
                                services.create(
                                        caller,
                                        CreateServiceRequest.builder("web")
                                                .projectId(projectId)
                                                .githubRepo("a/b")
                                                .build()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "region: no cluster is configured for ap-south-1 (configured:"
                                + " eu-central-1, us-east-1)");
    }

    @Test
    void noDomainOfAnyClusterCanBeClaimed() {
        Caller caller = users.newCaller();
        String web =
                services.create(
                                caller,
                                CreateServiceRequest.builder("web").githubRepo("a/b").build())
                        .id();

        assertThatThrownBy(() -> domains.add(caller, web, "shop.ml.ink"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("domain: ");
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
