package ink.ml.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import ink.ml.deploy.e2e.Dashboard.Project;
import ink.ml.deploy.e2e.DeploymentFollower.Followed;
import ink.ml.deploy.local.LocalPlatform;
import ink.ml.deploy.local.LocalPlatformOptions;
import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.DockerEngineProcess;
import ink.ml.deploy.testing.RealParts;
import ink.ml.deploy.testing.RegistryProcess;
import ink.ml.deploy.testing.ServiceLogsOnFailure;
import ink.ml.deploy.testing.StaticBusybox;
import ink.ml.deploy.testing.github.FakeGithub;
import ink.ml.deploy.testing.github.GithubUser;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The platform end to end, as production runs it: {@link LocalPlatform} starts the six packaged
 * services as separate processes on real ports against embedded PostgreSQL, the Temporal test
 * server over gRPC, Debian's {@code docker-registry} and a private Docker engine (BuildKit) that
 * builds {@code FROM scratch} images with Debian's static busybox. Kubernetes is the fabric8 mock
 * API server in CRUD mode: it stores what is applied and runs no pods, and the platform marks
 * Deployments available; the tests run the pushed image themselves with the Docker engine. GitHub
 * is {@link FakeGithub}: App tokens, OAuth sign-in and git smart HTTP on loopback.
 *
 * <p>Users and agents drive it only through their real interfaces: GraphQL over HTTP and
 * graphql-ws, the stock {@code git} client, the MCP Java SDK, signed webhooks. One platform serves
 * every test; each test signs in its own user.
 *
 * <p>Where Docker, the registry or busybox is missing, every test is skipped with a message saying
 * which; {@code .ci/run} installs them. Timings go to {@code target/e2e-timings.txt}, never into an
 * assertion.
 */
class PlatformEndToEndIT {
    private static final Duration DEPLOY_DEADLINE = Duration.ofMinutes(3);
    private static final Path WORK = Path.of("target", "e2e-work").toAbsolutePath();

    private static final Timings TIMINGS = new Timings();
    private static long startedAt;
    private static FakeGithub github;
    private static LocalPlatform platform;

    /** A failed test shows what the services said. */
    @RegisterExtension
    static final ServiceLogsOnFailure PRINT_SERVICE_LOGS_ON_FAILURE =
            new ServiceLogsOnFailure(
                    () -> {
                        if (platform != null) {
                            platform.printServiceLogs();
                        }
                    });

    @BeforeAll
    static void startThePlatform() throws IOException {
        startedAt = System.nanoTime();
        RealParts.require(StaticBusybox.unavailableReason());
        // Without Debian's docker.io or docker-registry the whole class is reported aborted with
        // the reason, never passed (failed in CI): the end-to-end path needs a real image build.
        RealParts.require(
                RegistryProcess.unavailableReason()
                        .or(DockerEngineProcess::unavailableReason)
                        .map(reason -> "cannot build images here: " + reason));
        Directories.recreate(WORK);

        github = FakeGithub.start();
        LocalPlatformOptions options =
                LocalPlatformOptions.defaults(Path.of("..").toAbsolutePath().normalize())
                        .withRandomPorts()
                        // Never a KUBECONFIG or TEMPORAL_ADDRESS of the machine running the tests:
                        // its own Temporal test server and the in-memory Kubernetes API.
                        .withEnvironment(Map.of())
                        .withJvmOptions(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"))
                        .withInMemoryKubernetes()
                        .withLogDirectory(Path.of("target", "e2e-logs").toAbsolutePath())
                        .withServiceProperties("graphql", githubSignIn(github))
                        .withServiceProperties("deployer-worker", githubClones(github))
                        // Secrets only through the environment, as the services read them.
                        .withServiceEnvironment(
                                "graphql",
                                Map.of(
                                        "MCPDEPLOY_GITHUB_OAUTH_CLIENT_SECRET",
                                        github.oauthClient().clientSecret()))
                        .withServiceEnvironment(
                                "deployer-worker",
                                Map.of(
                                        "MCPDEPLOY_SOURCE_GITHUB_PRIVATE_KEY",
                                        github.app().privateKeyPem()));
        long platformStart = System.nanoTime();
        platform = LocalPlatform.start(options);
        TIMINGS.record(
                "platform start (all six services answering)",
                Duration.ofNanos(System.nanoTime() - platformStart));
        // The OAuth app's registered callback, as set in GitHub's App settings.
        github.registerOAuthCallback(graphqlRoot().resolve("/auth/github/callback"));
        RealParts.require(
                platform.registryHost().isPresent() && platform.docker().isPresent(),
                () ->
                        "the platform started without builds: "
                                + platform.buildsUnavailable().orElse("?"));
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
        if (github != null) {
            github.close();
        }
        if (platform != null) {
            TIMINGS.record(
                    "e2e wall time (start to stop)",
                    Duration.ofNanos(System.nanoTime() - startedAt));
            TIMINGS.write();
        }
    }

    /** graphql's GitHub sign-in and installation check against the fake (secret: environment). */
    private static Map<String, String> githubSignIn(FakeGithub github) {
        return Map.of(
                "mcpdeploy.github.oauth.client-id", github.oauthClient().clientId(),
                "mcpdeploy.github.oauth.authorize-url", github.authorizeUrl().toString(),
                "mcpdeploy.github.oauth.token-url", github.tokenUrl().toString(),
                "mcpdeploy.github.oauth.api-url", github.url().toString(),
                "mcpdeploy.github.installations.api-url", github.url().toString());
    }

    /**
     * The deployer-worker's GitHub App: installation tokens from the fake's API, clones from its
     * git endpoint (private key: environment).
     */
    private static Map<String, String> githubClones(FakeGithub github) {
        return Map.of(
                "mcpdeploy.source.github.api-url", github.url().toString(),
                "mcpdeploy.source.github.clone-url", github.url().toString(),
                "mcpdeploy.source.github.app-id", github.app().appId());
    }

    @Test
    void
            aGitPushToAnInternalRepoIsBuiltAppliedAndShownActiveInGraphqlAndMcp_kubernetesIsTheFabric8MockServer()
                    throws Exception {
        InternalApp app = InternalApp.create(platform, WORK, "e2e-shop", "shop");
        BusyboxApp.writeTo(app.git(), "shop v1\n");
        String sha = app.git().commit("first version");

        // Without the token the git-server refuses the push, and nothing deploys.
        assertThatThrownBy(() -> app.git().push(app.grant().remoteUrl(), null))
                .hasMessageContaining("git push");
        assertThat(app.dashboard().latestDeployment(app.serviceId())).isEmpty();

        app.git().push(app.grant().remoteUrl(), app.grant().token());
        Followed followed = app.follower().follow(app.serviceId(), sha, DEPLOY_DEADLINE);

        DeploymentView deployment = followed.deployment();
        assertThat(deployment.status()).as("ended %s", deployment).isEqualTo("ACTIVE");
        assertThat(deployment.trigger()).isEqualTo("GIT_PUSH");
        assertThat(deployment.commitSha()).isEqualTo(sha);
        assertThat(followed.steps())
                .containsSubsequence(
                        "queued:info",
                        "build:started",
                        "build:succeeded",
                        "deploy:started",
                        "deploy:succeeded",
                        "rollout:succeeded",
                        "active:succeeded");

        // The seed's image name, {registry}/dp-{user}-{project}/{service}:{sha}, with the
        // fingerprint of the service's build settings after the sha (libs/domain ImageRef).
        String namespace = "dp-" + app.userId() + "-shop";
        assertThat(app.project().namespace()).isEqualTo(namespace);
        assertThat(deployment.imageRef())
                .matches(
                        java.util.regex.Pattern.quote(
                                        platform.registryHost().orElseThrow()
                                                + "/"
                                                + namespace
                                                + "/web:"
                                                + sha
                                                + "-")
                                + "[0-9a-f]{12}");
        String image = deployment.imageRef();
        KubernetesClient kubernetes = platform.kubernetes();
        // Token auth: nothing anonymous; the namespace's pull secret pulls its own image.
        assertThat(RegistryManifests.status(image, Optional.empty())).isEqualTo(401);
        assertThat(
                        RegistryManifests.status(
                                image,
                                Optional.of(
                                        RegistryPullSecret.of(kubernetes, namespace).basicAuth())))
                .isEqualTo(200);
        assertThat(kubernetes.namespaces().withName(namespace).get()).isNotNull();
        Deployment workload =
                kubernetes.apps().deployments().inNamespace(namespace).withName("web").get();
        assertThat(workload).isNotNull();
        Container container = workload.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(image);
        // Railway's contract: the app reads its port from PORT.
        assertThat(container.getEnv())
                .extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple("PORT", "8080"));
        assertThat(kubernetes.services().inNamespace(namespace).withName("web").get()).isNotNull();
        assertThat(
                        kubernetes
                                .network()
                                .v1()
                                .ingresses()
                                .inNamespace(namespace)
                                .withName("web")
                                .get())
                .isNotNull();

        // Another user learns nothing about it: not found, as for a deployment that does not exist.
        Dashboard intruder =
                new Dashboard(
                        new GraphqlClient(
                                platform.graphqlUrl(),
                                platform.signInToken("e2e-intruder", "eve@example.com", "Eve")));
        assertThatThrownBy(() -> intruder.deployment(deployment.id()))
                .isInstanceOfSatisfying(
                        GraphqlException.class,
                        e -> assertThat(e.codes()).containsExactly("NOT_FOUND"));

        String apiKey = app.dashboard().createApiKey("e2e agent");
        try (McpAgent agent = McpAgent.connect(platform.mcpUrl(), apiKey)) {
            Map<String, Object> status =
                    agent.call("get_service", Map.of("serviceId", app.serviceId()));
            assertThat(status).containsEntry("status", "active");
            assertThat(status.get("liveDeployment"))
                    .asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("id", deployment.id())
                    .containsEntry("status", "active")
                    .containsEntry("commitSha", sha);
        }
    }

    @Test
    void aSignedGithubPushWebhookDeliveredTwiceToDeployerServerDeploysOnce() throws Exception {
        GithubUser octo =
                github.addUser(
                        new GithubUser(7_100_001, "octo-e2e", "Octo E2E", "octo@example.com"));
        github.signInBrowserAs(octo);
        GithubWebSignIn browser = new GithubWebSignIn(graphqlRoot());
        String session = browser.signIn();
        long installation = github.installApp(octo);
        JsonNode linked = browser.linkInstallation(session, installation);
        assertThat(linked.path("outcome").asText()).isEqualTo("linked");
        assertThat(linked.path("installationId").asLong()).isEqualTo(installation);

        Path repository = github.createRepository(octo, "storefront");
        GitCli git = GitCli.init(WORK.resolve("storefront"));
        BusyboxApp.writeTo(git, "storefront v1\n");
        String sha = git.commit("first version");
        git.push(repository.toUri().toString(), null);

        Dashboard dashboard = new Dashboard(new GraphqlClient(platform.graphqlUrl(), session));
        Project project = dashboard.createProject("store");
        String serviceId =
                dashboard.createService(
                        project.id(), "web", Map.of("githubRepo", "octo-e2e/storefront"));

        GithubPushDelivery delivery =
                GithubPushDelivery.of(
                        UUID.randomUUID().toString(),
                        "octo-e2e/storefront",
                        "main",
                        sha,
                        platform.githubWebhookSecret());
        URI webhook = platform.deployerServerUrl().resolve("/webhooks/github");
        GithubPushDelivery.Reply forged =
                GithubPushDelivery.of(
                                UUID.randomUUID().toString(),
                                "octo-e2e/storefront",
                                "main",
                                sha,
                                "not-the-webhook-secret")
                        .deliver(webhook);
        assertThat(forged.status()).as(forged.body().toString()).isEqualTo(401);
        assertThat(forged.body().path("outcome").asText()).isEqualTo("rejected");

        GithubPushDelivery.Reply first = delivery.deliver(webhook);
        GithubPushDelivery.Reply again = delivery.deliver(webhook);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
        assertThat(first.body().path("outcome").asText()).isEqualTo("started");
        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.body().path("outcome").asText()).isEqualTo("duplicate");
        assertThat(again.body().path("workflowId").asText())
                .isEqualTo(first.body().path("workflowId").asText());

        DeploymentFollower follower =
                new DeploymentFollower(dashboard, platform.graphqlWebSocketUrl(), session);
        DeploymentView deployment = follower.follow(serviceId, sha, DEPLOY_DEADLINE).deployment();
        assertThat(deployment.status()).as("ended %s", deployment).isEqualTo("ACTIVE");
        assertThat(deployment.trigger()).isEqualTo("GIT_PUSH");
        assertThat(dashboard.deployments(serviceId))
                .extracting(DeploymentView::id)
                .containsExactly(deployment.id());
        assertThat(RegistryManifests.status(deployment.imageRef(), Optional.empty()))
                .isEqualTo(401);
        // The deployer cloned through the App: a JWT-verified installation token, used for git.
        assertThat(github.installationTokensIssued()).isPositive();
        assertThat(github.authorizedGitRequests()).isPositive();
    }

    @Test
    void theImageBuiltFromAPushRunsWithTheDockerEngineAndAnswersHttp() throws Exception {
        InternalApp app = InternalApp.create(platform, WORK, "e2e-run", "runner");
        String page = "hello from commit " + UUID.randomUUID() + "\n";
        BusyboxApp.writeTo(app.git(), page);
        String sha = app.git().commit("serve a page");
        app.git().push(app.grant().remoteUrl(), app.grant().token());
        DeploymentView deployment =
                app.follower().follow(app.serviceId(), sha, DEPLOY_DEADLINE).deployment();
        assertThat(deployment.status()).as("ended %s", deployment).isEqualTo("ACTIVE");

        RunningContainer container =
                RunningContainer.run(
                        platform.docker().orElseThrow(),
                        deployment.imageRef(),
                        RegistryPullSecret.of(platform.kubernetes(), app.project().namespace()));
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> answer =
                    await("the app answers on " + container.url())
                            .atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(200))
                            .ignoreExceptions()
                            .until(
                                    () ->
                                            http.send(
                                                    HttpRequest.newBuilder(container.url())
                                                            .timeout(Duration.ofSeconds(5))
                                                            .build(),
                                                    HttpResponse.BodyHandlers.ofString()),
                                    response -> response.statusCode() == 200);
            assertThat(answer.body()).as(container.logs()).isEqualTo(page);
        } finally {
            container.close();
        }
        assertThat(container.exists()).isFalse();
    }

    @Test
    void anotherProjectsBuildAndWorkloadCannotReadThisProjectsImage() {
        InternalApp victim = InternalApp.create(platform, WORK, "e2e-victim", "vault");
        BusyboxApp.writeTo(victim.git(), "victim-only-data\n");
        String victimSha = victim.git().commit("the victim's app");
        victim.git().push(victim.grant().remoteUrl(), victim.grant().token());
        DeploymentView victimDeployment =
                victim.follower()
                        .follow(victim.serviceId(), victimSha, DEPLOY_DEADLINE)
                        .deployment();
        assertThat(victimDeployment.status()).isEqualTo("ACTIVE");
        String victimImage = victimDeployment.imageRef();

        InternalApp thief = InternalApp.create(platform, WORK, "e2e-thief", "heist");
        thief.git()
                .write(
                        "Dockerfile",
                        "FROM scratch\nADD http://"
                                + platform.registryHost().orElseThrow()
                                + "/v2/_catalog /catalog.json\n");
        assertRefused(
                thief, thief.git().commit("fetch the registry's catalog"), "not a public host");

        thief.git().write("Dockerfile", "ARG BASE=" + victimImage + "\nFROM ${BASE}\n");
        assertRefused(
                thief, thief.git().commit("build on another project's image"), "another project");

        BusyboxApp.writeTo(thief.git(), "the thief's own app\n");
        String own = thief.git().commit("a legitimate app");
        thief.git().push(thief.grant().remoteUrl(), thief.grant().token());
        assertThat(
                        thief.follower()
                                .follow(thief.serviceId(), own, DEPLOY_DEADLINE)
                                .deployment()
                                .status())
                .isEqualTo("ACTIVE");
        RegistryPullSecret thiefsPullSecret =
                RegistryPullSecret.of(platform.kubernetes(), thief.project().namespace());
        assertThat(RegistryManifests.status(victimImage, Optional.of(thiefsPullSecret.basicAuth())))
                .as("the thief's workloads pull with its namespace's secret")
                .isEqualTo(401);
        assertThatThrownBy(
                        () ->
                                RunningContainer.pull(
                                        platform.docker().orElseThrow(),
                                        victimImage,
                                        thiefsPullSecret))
                .hasMessageContaining("denied");
    }

    private static void assertRefused(InternalApp app, String sha, String reason) {
        app.git().push(app.grant().remoteUrl(), app.grant().token());
        DeploymentView refused =
                app.follower().follow(app.serviceId(), sha, DEPLOY_DEADLINE).deployment();
        assertThat(refused.status()).as("ended %s", refused).isEqualTo("FAILED");
        assertThat(refused.errorMessage()).contains(reason).doesNotContain("victim-only-data");
    }

    @Test
    void fivePushesInARowEachBecomeActive_andThePushToActiveTimeIsMeasured() throws Exception {
        InternalApp app = InternalApp.create(platform, WORK, "e2e-time", "timing");
        BusyboxApp.writeTo(app.git(), "version 0\n");
        List<Duration> pushToActive = new ArrayList<>();
        List<String> shas = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            BusyboxApp.writePage(app.git(), "version " + i + "\n");
            String sha = app.git().commit("version " + i);
            long pushed = System.nanoTime();
            app.git().push(app.grant().remoteUrl(), app.grant().token());
            DeploymentView deployment =
                    app.follower().follow(app.serviceId(), sha, DEPLOY_DEADLINE).deployment();
            pushToActive.add(Duration.ofNanos(System.nanoTime() - pushed));
            assertThat(deployment.status())
                    .as("push %d ended %s", i, deployment)
                    .isEqualTo("ACTIVE");
            shas.add(sha);
        }

        List<DeploymentView> deployments = app.dashboard().deployments(app.serviceId());
        // Newest first: the last push is active, each earlier one was superseded by the next.
        assertThat(deployments)
                .extracting(DeploymentView::commitSha)
                .containsExactlyElementsOf(newestFirst(shas));
        assertThat(deployments.get(0).status()).isEqualTo("ACTIVE");
        assertThat(deployments.subList(1, deployments.size()))
                .extracting(DeploymentView::status)
                .containsOnly("SUPERSEDED");
        TIMINGS.record("push-to-active, median of 5 pushes", Timings.median(pushToActive));
        TIMINGS.record(
                "push-to-active, each of 5 pushes",
                String.join(", ", pushToActive.stream().map(Timings::seconds).toList()));
    }

    private static List<String> newestFirst(List<String> oldestFirst) {
        List<String> reversed = new ArrayList<>(oldestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    private static URI graphqlRoot() {
        return platform.graphqlUrl().resolve("/");
    }
}
