package ink.ml.deploy.graphql.auth.firebase;

import io.quarkus.oidc.Oidc;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.SignatureAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Firebase ID tokens are OIDC ID tokens: quarkus-oidc verifies them as a bearer tenant of its own
 * ({@value #ID}), created here only when a Firebase project is configured. Firebase publishes no
 * discovery document for its issuer, so discovery is off and the JWKS URL and issuer are explicit;
 * the audience is the project id, and the signature must be RS256 by one of Google's keys (found by
 * {@code kid}; an unknown {@code kid} makes quarkus-oidc fetch the JWKS again, as Google rotates
 * keys).
 *
 * <p>The default tenant stays disabled ({@code quarkus.oidc.tenant-enabled=false}): quarkus-oidc's
 * own mechanism then never judges a bearer token, and API keys and sessions in the same header
 * reach {@link ink.ml.deploy.graphql.auth.GraphqlBearerMechanism}, which hands only JWTs to this
 * tenant through {@link FirebaseIdentityProvider}.
 */
@ApplicationScoped
public class FirebaseTenant {
    public static final String ID = "firebase";
    static final String ISSUER_PREFIX = "https://securetoken.google.com/";

    void create(@Observes Oidc oidc, FirebaseConfig config) {
        if (config.enabled()) {
            oidc.create(of(config));
        }
    }

    static OidcTenantConfig of(FirebaseConfig config) {
        String projectId = config.projectId().orElseThrow();
        return OidcTenantConfig.authServerUrl(ISSUER_PREFIX + projectId)
                .tenantId(ID)
                .applicationType(ApplicationType.SERVICE)
                .discoveryEnabled(false)
                .jwksPath(config.jwksUrl().toString())
                .token()
                .issuer(ISSUER_PREFIX + projectId)
                .audience(projectId)
                .subjectRequired()
                .issuedAtRequired()
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .lifespanGrace(config.clockSkewSeconds())
                .end()
                .build();
    }
}
