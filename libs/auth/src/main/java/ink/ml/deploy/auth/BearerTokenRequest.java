package ink.ml.deploy.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import java.util.Objects;

/**
 * A bearer token from the {@code Authorization} header, already sorted by its shape. One subclass
 * per kind, because Quarkus picks the identity provider by the request's class; a front door adds
 * its own kinds (MCP's access tokens) as further subclasses.
 */
public abstract class BearerTokenRequest extends BaseAuthenticationRequest {
    private final String token;

    protected BearerTokenRequest(String token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    public String token() {
        return token;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[token=<redacted>]";
    }

    /** {@code Bearer dk_live_…}. */
    public static final class ApiKey extends BearerTokenRequest {
        public ApiKey(String token) {
            super(token);
        }
    }

    /** {@code Bearer dk_sess_…}. */
    public static final class Session extends BearerTokenRequest {
        public Session(String token) {
            super(token);
        }
    }
}
