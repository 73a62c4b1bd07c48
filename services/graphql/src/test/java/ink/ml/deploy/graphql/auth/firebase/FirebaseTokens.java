package ink.ml.deploy.graphql.auth.firebase;

import ink.ml.deploy.graphql.auth.WireMockIdentityProviders;
import java.util.function.Consumer;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** Mints ID tokens shaped like Firebase's (claims as Firebase documents them), signed by a key. */
final class FirebaseTokens {
    private FirebaseTokens() {}

    static JwtClaims claims(String uid) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(
                "https://securetoken.google.com/" + WireMockIdentityProviders.FIREBASE_PROJECT);
        claims.setAudience(WireMockIdentityProviders.FIREBASE_PROJECT);
        claims.setSubject(uid);
        claims.setClaim("user_id", uid);
        claims.setIssuedAtToNow();
        NumericDate authTime = NumericDate.now();
        authTime.addSeconds(-60);
        claims.setClaim("auth_time", authTime.getValue());
        claims.setExpirationTimeMinutesInTheFuture(60);
        return claims;
    }

    static String sign(RsaJsonWebKey key, JwtClaims claims) {
        return sign(key, claims, jws -> {});
    }

    static String sign(RsaJsonWebKey key, JwtClaims claims, Consumer<JsonWebSignature> adjust) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        adjust.accept(jws);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
