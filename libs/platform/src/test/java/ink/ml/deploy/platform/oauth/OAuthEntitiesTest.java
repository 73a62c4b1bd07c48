package ink.ml.deploy.platform.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The MCP OAuth tables have no application service yet; these checks make sure the entities read
 * and write what the schema holds (Hibernate's {@code validate} only compares column types).
 */
@QuarkusTest
class OAuthEntitiesTest {
    @Inject TestUsers users;

    @Test
    void aClientCodeAndTokenRoundTripThroughTheirTables() {
        Caller caller = users.newCaller();
        String clientId = "client-" + UUID.randomUUID();
        byte[] codeHash = HexFormat.of().parseHex("00ff" + "ab".repeat(30));
        UUID tokenId = UUID.randomUUID();
        Instant now = Timestamps.now();

        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            OAuthClient client = new OAuthClient();
                            client.clientId = clientId;
                            client.clientName = "Claude";
                            client.redirectUris =
                                    List.of(
                                            "https://claude.ai/api/mcp/auth_callback",
                                            "http://127.0.0.1:33418/callback");
                            client.createdAt = now;
                            client.persist();

                            OAuthAuthorizationCode code = new OAuthAuthorizationCode();
                            code.codeHash = codeHash;
                            code.clientId = clientId;
                            code.grantId = UUID.randomUUID();
                            code.userId = caller.id();
                            code.redirectUri = "https://claude.ai/api/mcp/auth_callback";
                            code.codeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
                            code.resource = "https://mcp.ml.ink/mcp";
                            code.scope = "";
                            code.expiresAt = now.plus(Duration.ofMinutes(1));
                            code.createdAt = now;
                            code.persist();

                            OAuthToken token = new OAuthToken();
                            token.id = tokenId;
                            token.tokenHash = HexFormat.of().parseHex("12".repeat(32));
                            token.kind = OAuthToken.KIND_ACCESS;
                            token.grantId = UUID.randomUUID();
                            token.clientId = clientId;
                            token.userId = caller.id();
                            token.audience = "https://mcp.ml.ink/mcp";
                            token.scope = "";
                            token.expiresAt = now.plus(Duration.ofHours(1));
                            token.createdAt = now;
                            token.persist();
                        });

        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            OAuthClient client = OAuthClient.findById(clientId);
                            assertThat(client.redirectUris)
                                    .containsExactly(
                                            "https://claude.ai/api/mcp/auth_callback",
                                            "http://127.0.0.1:33418/callback");
                            OAuthAuthorizationCode code =
                                    OAuthAuthorizationCode.findById(codeHash.clone());
                            assertThat(code).isNotNull();
                            assertThat(code.userId).isEqualTo(caller.id());
                            assertThat(OAuthToken.<OAuthToken>findById(tokenId).kind)
                                    .isEqualTo("access");
                        });
    }

    @Test
    void theDatabaseRefusesAClientWithoutRedirectUris() {
        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () -> {
                                                    OAuthClient client = new OAuthClient();
                                                    client.clientId = "c-" + UUID.randomUUID();
                                                    client.clientName = "Empty";
                                                    client.redirectUris = List.of();
                                                    client.createdAt = Timestamps.now();
                                                    client.persistAndFlush();
                                                }))
                .hasStackTraceContaining("oauth_clients_redirect_uris_check");
    }
}
