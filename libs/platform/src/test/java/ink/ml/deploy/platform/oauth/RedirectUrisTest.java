package ink.ml.deploy.platform.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectUrisTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://claude.ai/api/mcp/auth_callback",
                "https://agent.example:8443/cb?tenant=a",
                "http://127.0.0.1:33418/callback",
                "http://localhost:6274/oauth/callback",
                "http://[::1]:9000/cb"
            })
    void acceptsHttpsAndLoopbackHttp(String uri) {
        assertThat(RedirectUris.check(uri)).isEqualTo(uri);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://agent.example/callback",
                "http://10.0.0.1/callback",
                "https://agent.example/callback#fragment",
                "/relative/callback",
                "cursor://anysphere.cursor-mcp/oauth/callback",
                "javascript:alert(1)",
                "https://user:pass@agent.example/cb",
                "not a uri"
            })
    void refusesEverythingElse(String uri) {
        assertThatThrownBy(() -> RedirectUris.check(uri))
                .isInstanceOfSatisfying(
                        OAuthException.class,
                        e -> {
                            assertThat(e.error()).isEqualTo(OAuthError.INVALID_REDIRECT_URI);
                            assertThat(e.description()).startsWith("redirect_uris: ");
                        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost.evil.example", "127.0.0.1.nip.io", "example.com"})
    void namesThatMerelyLookLocalAreNotLoopback(String host) {
        assertThat(RedirectUris.isLoopback(host)).isFalse();
    }
}
