package ink.ml.deploy.mcp.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.platform.oauth.ClientRegistration;
import ink.ml.deploy.platform.oauth.OAuthClients;
import ink.ml.deploy.platform.oauth.OAuthError;
import ink.ml.deploy.platform.oauth.OAuthException;
import ink.ml.deploy.platform.oauth.RegisteredClient;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dynamic client registration (RFC 7591). Open, as MCP clients expect: a client is only a name and
 * redirect URIs, and a user still has to approve it on the consent page. Every client is public
 * ({@code token_endpoint_auth_method=none}); PKCE binds its codes.
 *
 * <p>Being open, it is bounded: a few registrations per address and period ({@link
 * RegistrationRateLimit}), a body of a few KiB ({@link ClientMetadataBody}), and clients that never
 * complete an authorization are deleted after a while ({@link UnusedClientsCleanup}).
 */
@Path(ClientRegistrationResource.PATH)
public class ClientRegistrationResource {
    static final String PATH = "/oauth/register";

    private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token");

    private final OAuthClients clients;
    private final RegistrationRateLimit rateLimit;
    private final OAuthServerConfig config;
    private final ObjectMapper json;

    public ClientRegistrationResource(
            OAuthClients clients,
            RegistrationRateLimit rateLimit,
            OAuthServerConfig config,
            ObjectMapper json) {
        this.clients = clients;
        this.rateLimit = rateLimit;
        this.config = config;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(
            InputStream entity, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        // Counted before the body is read: a refused or oversized attempt costs a token too.
        Optional<Duration> wait =
                rateLimit.take(
                        request.remoteAddress() == null
                                ? null
                                : request.remoteAddress().hostAddress());
        if (wait.isPresent()) {
            return OAuthErrors.tooManyRequests(
                    wait.get(),
                    "too many registrations from this address (at most "
                            + rateLimit.describe()
                            + ")");
        }
        try {
            JsonNode metadata =
                    ClientMetadataBody.read(
                            entity,
                            headers.getLength(),
                            config.registration().maxBodyBytes(),
                            json);
            if (metadata == null || !metadata.isObject()) {
                throw metadataError("the body must be a JSON object of client metadata");
            }
            checkSupported(metadata);
            RegisteredClient client =
                    clients.register(
                            new ClientRegistration(
                                    text(metadata, "client_name"), redirectUris(metadata)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("client_id", client.clientId());
            body.put("client_id_issued_at", client.createdAt().getEpochSecond());
            body.put("client_name", client.clientName());
            body.put("redirect_uris", client.redirectUris());
            body.put("grant_types", List.of("authorization_code", "refresh_token"));
            body.put("response_types", List.of("code"));
            body.put("token_endpoint_auth_method", "none");
            return Response.status(Response.Status.CREATED)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .cacheControl(OAuthErrors.noStore())
                    .entity(body)
                    .build();
        } catch (ClientMetadataBody.TooLargeException e) {
            return OAuthErrors.tooLarge(e.getMessage());
        } catch (OAuthException e) {
            return OAuthErrors.of(e);
        }
    }

    /** Refuses what this server would not honour, rather than silently registering less. */
    private static void checkSupported(JsonNode metadata) {
        String method = text(metadata, "token_endpoint_auth_method");
        if (method != null && !method.equals("none")) {
            throw metadataError(
                    "token_endpoint_auth_method: only 'none' (a public client using PKCE) is"
                            + " supported");
        }
        for (String grant : strings(metadata, "grant_types")) {
            if (!GRANT_TYPES.contains(grant)) {
                throw metadataError(
                        "grant_types: only authorization_code and refresh_token are supported");
            }
        }
        for (String type : strings(metadata, "response_types")) {
            if (!type.equals("code")) {
                throw metadataError("response_types: only 'code' is supported");
            }
        }
    }

    private static List<String> redirectUris(JsonNode metadata) {
        JsonNode uris = metadata.get("redirect_uris");
        if (uris == null || !uris.isArray()) {
            throw new OAuthException(
                    OAuthError.INVALID_REDIRECT_URI,
                    "redirect_uris: required, an array of absolute URIs");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode uri : uris) {
            if (!uri.isTextual()) {
                throw new OAuthException(
                        OAuthError.INVALID_REDIRECT_URI, "redirect_uris: every entry is a string");
            }
            values.add(uri.asText());
        }
        return values;
    }

    private static List<String> strings(JsonNode metadata, String field) {
        JsonNode node = metadata.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw metadataError(field + ": must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String text(JsonNode metadata, String field) {
        JsonNode node = metadata.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw metadataError(field + ": must be a string");
        }
        return node.asText();
    }

    private static OAuthException metadataError(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT_METADATA, description);
    }
}
