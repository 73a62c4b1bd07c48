package ink.ml.deploy.graphql.auth.firebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.SignatureAlgorithm;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirebaseTenantTest {
    private static final String JWKS =
            "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com";

    @Test
    void theTenantVerifiesFirebaseIdTokensOfTheProjectAgainstGooglesKeys() {
        OidcTenantConfig tenant = FirebaseTenant.of(config("my-project"));

        assertThat(tenant.tenantId()).contains(FirebaseTenant.ID);
        assertThat(tenant.applicationType()).contains(ApplicationType.SERVICE);
        assertThat(tenant.discoveryEnabled()).contains(false);
        assertThat(tenant.jwksPath()).contains(JWKS);
        assertThat(tenant.token().issuer()).contains("https://securetoken.google.com/my-project");
        assertThat(tenant.token().audience()).contains(List.of("my-project"));
        assertThat(tenant.token().subjectRequired()).isTrue();
        assertThat(tenant.token().signatureAlgorithm()).contains(SignatureAlgorithm.RS256);
        assertThat(tenant.token().lifespanGrace()).hasValue(30);
    }

    private static FirebaseConfig config(String projectId) {
        return new FirebaseConfig() {
            @Override
            public Optional<String> projectId() {
                return Optional.of(projectId);
            }

            @Override
            public URI jwksUrl() {
                return URI.create(JWKS);
            }

            @Override
            public int clockSkewSeconds() {
                return 30;
            }
        };
    }
}
