package ink.ml.deploy.graphql.auth.firebase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.graphql.auth.InjectFirebaseKey;
import ink.ml.deploy.graphql.auth.WireMockIdentityProviders;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.users.Users;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockIdentityProviders.class)
class FirebaseIdentityProviderTest {
    @InjectFirebaseKey String firebaseKeyJson;
    @Inject Users users;
    @Inject Projects projects;

    private RsaJsonWebKey firebaseKey;

    @BeforeEach
    void key() throws JoseException {
        firebaseKey = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(firebaseKeyJson);
    }

    @Test
    void withoutAProjectIdEveryTokenIsRefused() throws Exception {
        FirebaseIdentityProvider provider =
                new FirebaseIdentityProvider(notConfigured(), null, null);
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("k1");
        FirebaseIdTokenRequest request =
                new FirebaseIdTokenRequest(FirebaseTokens.sign(key, FirebaseTokens.claims("uid1")));

        assertThatThrownBy(() -> provider.authenticate(request, null).await().indefinitely())
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("not configured");
    }

    @Test
    void aValidIdTokenSignsInAndTheFirstOneCreatesTheUserWithTheirDefaultProject() {
        String uid = newUid();
        JwtClaims claims = FirebaseTokens.claims(uid);
        claims.setClaim("name", "Ada Lovelace");
        claims.setClaim("email", "ada@example.com");
        claims.setClaim("email_verified", true);
        String token = FirebaseTokens.sign(firebaseKey, claims);

        Response first = whoAmI(token);
        Response second = whoAmI(FirebaseTokens.sign(firebaseKey, FirebaseTokens.claims(uid)));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.jsonPath().getString("credential")).isEqualTo("FIREBASE_ID_TOKEN");
        String userId = first.jsonPath().getString("userId");
        assertThat(userId).startsWith("ada");
        assertThat(second.jsonPath().getString("userId")).isEqualTo(userId);
        Caller caller = Caller.of(userId);
        assertThat(users.findByFirebaseUid(uid)).contains(caller.userId());
        assertThat(users.get(caller).displayName()).isEqualTo("Ada Lovelace");
        assertThat(users.get(caller).email()).isEqualTo("ada@example.com");
        assertThat(projects.list(caller, PageRequest.firstPage()).items())
                .extracting(ProjectView::name)
                .containsExactly(Projects.DEFAULT_NAME);
    }

    @Test
    void anUnverifiedEmailIsNotTaken() {
        String uid = newUid();
        JwtClaims claims = FirebaseTokens.claims(uid);
        claims.setClaim("email", "someone-else@example.com");
        claims.setClaim("email_verified", false);

        Response response = whoAmI(FirebaseTokens.sign(firebaseKey, claims));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(users.get(Caller.of(response.jsonPath().getString("userId"))).email()).isNull();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String uid = newUid();
        JwtClaims claims = FirebaseTokens.claims(uid);
        NumericDate past = NumericDate.now();
        past.addSeconds(-3600);
        claims.setExpirationTime(past);
        NumericDate issued = NumericDate.now();
        issued.addSeconds(-7200);
        claims.setIssuedAt(issued);

        assertRefused(FirebaseTokens.sign(firebaseKey, claims), "expired");
        assertThat(users.findByFirebaseUid(uid)).isEmpty();
    }

    @Test
    void aTokenForAnotherProjectOrIssuerIsRefused() {
        JwtClaims otherAudience = FirebaseTokens.claims(newUid());
        otherAudience.setAudience("someone-elses-project");
        JwtClaims otherIssuer = FirebaseTokens.claims(newUid());
        otherIssuer.setIssuer("https://securetoken.google.com/someone-elses-project");

        assertRefused(FirebaseTokens.sign(firebaseKey, otherAudience), "audience");
        assertRefused(FirebaseTokens.sign(firebaseKey, otherIssuer), "issuer");
    }

    @Test
    void forgedTokensAreRefused() throws Exception {
        String uid = newUid();
        JwtClaims claims = FirebaseTokens.claims(uid);
        RsaJsonWebKey forger = RsaJwkGenerator.generateJwk(2048);
        forger.setKeyId(firebaseKey.getKeyId());
        String signedByAnotherKey = FirebaseTokens.sign(forger, claims);
        String genuine = FirebaseTokens.sign(firebaseKey, claims);
        String[] parts = genuine.split("\\.");
        String otherPayload =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                FirebaseTokens.claims(newUid())
                                        .toJson()
                                        .getBytes(StandardCharsets.UTF_8));
        String payloadSwapped = parts[0] + "." + otherPayload + "." + parts[2];
        String hmacWithPublicKey =
                FirebaseTokens.sign(
                        firebaseKey,
                        claims,
                        jws -> {
                            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
                            jws.setKey(new HmacKey(firebaseKey.getPublicKey().getEncoded()));
                        });
        RsaJsonWebKey unknownKid = RsaJwkGenerator.generateJwk(2048);
        unknownKid.setKeyId("unknown-kid");

        assertRefused(signedByAnotherKey, "signature");
        assertRefused(payloadSwapped, "signature");
        assertRefused(hmacWithPublicKey, "not valid");
        assertRefused(FirebaseTokens.sign(unknownKid, claims), "not valid");
        assertThat(users.findByFirebaseUid(uid)).isEmpty();
    }

    @Test
    void aTokenWithoutSubjectOrWithAFutureAuthTimeIsRefused() {
        JwtClaims noSubject = FirebaseTokens.claims("x");
        noSubject.unsetClaim("sub");
        JwtClaims futureAuth = FirebaseTokens.claims(newUid());
        NumericDate future = NumericDate.now();
        future.addSeconds(3600);
        futureAuth.setClaim("auth_time", future.getValue());

        assertRefused(FirebaseTokens.sign(firebaseKey, noSubject), "not valid");
        assertRefused(FirebaseTokens.sign(firebaseKey, futureAuth), "auth_time");
    }

    private static void assertRefused(String token, String messagePart) {
        Response response = whoAmI(token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("errors[0].extensions.code"))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(response.jsonPath().getString("errors[0].message")).contains(messagePart);
        assertThat(response.asString()).doesNotContain(token.split("\\.")[1]);
    }

    private static Response whoAmI(String token) {
        return given().header("Authorization", "Bearer " + token).get("/test/whoami");
    }

    private static String newUid() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 28);
    }

    private static FirebaseConfig notConfigured() {
        return new FirebaseConfig() {
            @Override
            public Optional<String> projectId() {
                return Optional.empty();
            }

            @Override
            public URI jwksUrl() {
                return URI.create("http://127.0.0.1:1/jwks");
            }

            @Override
            public int clockSkewSeconds() {
                return 30;
            }
        };
    }
}
