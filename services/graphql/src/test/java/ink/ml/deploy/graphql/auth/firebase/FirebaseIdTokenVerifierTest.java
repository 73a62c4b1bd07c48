package ink.ml.deploy.graphql.auth.firebase;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.Test;

class FirebaseIdTokenVerifierTest {

    @Test
    void withoutAProjectIdEveryTokenIsRefused() throws Exception {
        FirebaseIdTokenVerifier verifier = new FirebaseIdTokenVerifier(config(null, 1));

        assertThatThrownBy(() -> verifier.verify(signedToken()))
                .isInstanceOf(InvalidFirebaseIdTokenException.class)
                .hasMessageContaining("not configured");
    }

    @Test
    void unreachableSigningKeysAreReportedAsSuch() throws Exception {
        FirebaseIdTokenVerifier verifier =
                new FirebaseIdTokenVerifier(config("mcpdeploy-test", closedPort()));

        assertThatThrownBy(() -> verifier.verify(signedToken()))
                .isInstanceOf(InvalidFirebaseIdTokenException.class)
                .hasMessageContaining("signing keys could not be fetched");
    }

    private static String signedToken() throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("k1");
        return FirebaseTokens.sign(key, FirebaseTokens.claims("uid1"));
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static FirebaseConfig config(String projectId, int jwksPort) {
        return new FirebaseConfig() {
            @Override
            public Optional<String> projectId() {
                return Optional.ofNullable(projectId);
            }

            @Override
            public URI jwksUrl() {
                return URI.create("http://127.0.0.1:" + jwksPort + "/jwks");
            }

            @Override
            public int clockSkewSeconds() {
                return 30;
            }
        };
    }
}
