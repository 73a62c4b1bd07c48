package ink.ml.deploy.deployer.worker.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ink.ml.deploy.registryauth.RegistryCredential;
import ink.ml.deploy.registryauth.RegistryRole;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry's token realm as a client the registry refused meets it: over HTTP. */
@QuarkusTest
@TestProfile(RegistryTokenResourceTest.WithSigningKey.class)
@WithTestResource(TemporalTestServerResource.class)
class RegistryTokenResourceTest {

    /** A signing key and certificate, as the deployment passes them in the environment. */
    public static class WithSigningKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mcpdeploy.registry.auth.signing-key", resource("token-signing-key.pem"),
                    "mcpdeploy.registry.auth.certificate", resource("token-signing-cert.pem"));
        }
    }

    @Inject RegistryAccess access;

    @Test
    void exchangesABuildCredentialForATokenOfItsOwnNamespaceOnly() {
        RegistryCredential build = access.buildCredential("dp-u1-shop").orElseThrow();

        String token =
                given().header("Authorization", "Basic " + build.dockerAuth())
                        .queryParam("service", "mcpdeploy-registry")
                        .queryParam("scope", "repository:dp-u1-shop/web:pull,push")
                        .queryParam("scope", "repository:dp-u2-blog/web:pull")
                        .when()
                        .get("/registry/token")
                        .then()
                        .statusCode(200)
                        .header("Cache-Control", "no-store")
                        .body("expires_in", equalTo(300))
                        .extract()
                        .path("token");

        String claims =
                new String(
                        Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                        StandardCharsets.UTF_8);
        assertThat(claims)
                .contains("\"name\":\"dp-u1-shop/web\"")
                .contains("\"name\":\"dp-u2-blog/web\",\"actions\":[]");
    }

    @Test
    void refusesAnonymousRequestsWithABasicChallenge() {
        given().queryParam("scope", "registry:catalog:*")
                .when()
                .get("/registry/token")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void refusesACredentialPresentedUnderAnotherProjectsName() {
        RegistryCredential mine = access.pullCredential("dp-u1-shop").orElseThrow();
        String stolen =
                Base64.getEncoder()
                        .encodeToString(
                                ("dp-u2-blog:" + mine.password()).getBytes(StandardCharsets.UTF_8));

        given().header("Authorization", "Basic " + stolen)
                .when()
                .get("/registry/token")
                .then()
                .statusCode(401)
                .body("errors[0].message", containsString("another user name"));
    }

    @Test
    void aPullCredentialNeverGetsPush() {
        RegistryCredential pull = access.pullCredential("dp-u1-shop").orElseThrow();
        String token =
                access.bearerToken("dp-u1-shop/web", RegistryRole.PULL, "pull", "push")
                        .orElseThrow();

        String fromRealm =
                given().header("Authorization", "Basic " + pull.dockerAuth())
                        .queryParam("scope", "repository:dp-u1-shop/web:pull,push")
                        .when()
                        .get("/registry/token")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("token");

        for (String each : new String[] {fromRealm, token}) {
            String claims =
                    new String(
                            Base64.getUrlDecoder().decode(each.split("\\.")[1]),
                            StandardCharsets.UTF_8);
            assertThat(claims).contains("\"actions\":[\"pull\"]").doesNotContain("push");
        }
    }

    static String resource(String name) {
        try (InputStream in = RegistryTokenResourceTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
