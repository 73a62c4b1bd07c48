package ink.ml.deploy.graphql.github;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A WireMock server standing in for GitHub's REST API (each test stubs what GitHub documents for
 * the calls it makes); the graphql service is pointed at it. Tests get it in a field annotated
 * {@link InjectGithubApi}.
 */
public class GithubApiWireMock implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's {@link WireMockServer} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectGithubApi {}

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("mcpdeploy.github.installations.api-url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                server,
                new TestInjector.AnnotatedAndMatchesType(
                        InjectGithubApi.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
