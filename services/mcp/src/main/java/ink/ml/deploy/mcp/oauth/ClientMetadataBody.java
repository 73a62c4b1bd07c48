package ink.ml.deploy.mcp.oauth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.platform.oauth.OAuthError;
import ink.ml.deploy.platform.oauth.OAuthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The body of a registration request, read only up to a cap: a client that declares or sends more
 * is refused before anything is parsed, so a large body costs the server at most the cap.
 */
final class ClientMetadataBody {
    private ClientMetadataBody() {}

    /** The body is over the cap. */
    static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int maxBytes) {
            super("the registration body is larger than " + maxBytes + " bytes");
        }
    }

    /**
     * The body as JSON; {@code declaredLength} is the Content-Length, or -1 when the body is sent
     * chunked. Malformed JSON is {@code invalid_client_metadata}.
     */
    static JsonNode read(InputStream in, long declaredLength, int maxBytes, ObjectMapper json) {
        if (declaredLength > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw new OAuthException(
                    OAuthError.INVALID_CLIENT_METADATA, "the body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
