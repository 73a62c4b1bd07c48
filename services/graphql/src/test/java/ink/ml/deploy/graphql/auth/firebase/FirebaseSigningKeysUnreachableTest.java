package ink.ml.deploy.graphql.auth.firebase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.Test;

/** Firebase configured, but its JWKS URL answers nothing: quarkus-oidc cannot load the keys. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(FirebaseSigningKeysUnreachableTest.UnreachableKeys.class)
class FirebaseSigningKeysUnreachableTest {

    @Test
    void unreachableSigningKeysAreReportedAsSuch() throws Exception {
        Response response =
                given().header("Authorization", "Bearer " + signedToken()).get("/test/whoami");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("errors[0].message"))
                .contains("signing keys could not be fetched");
    }

    private static String signedToken() throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("k1");
        return FirebaseTokens.sign(key, FirebaseTokens.claims("uid1"));
    }

    public static class UnreachableKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mcpdeploy.firebase.project-id",
                    "mcpdeploy-test",
                    "mcpdeploy.firebase.jwks-url",
                    "http://127.0.0.1:" + closedPort() + "/jwks");
        }

        /** A port nothing listens on: bound, then released. */
        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
