package ink.ml.deploy.mcp.oauth;

import java.util.List;

/**
 * What the consent page shows: the client by the name it registered, where the browser goes next,
 * who is approving, and the request carried back in hidden fields with the CSRF token.
 */
public record ConsentPage(
        String clientName,
        String redirectHost,
        String userId,
        List<HiddenField> fields,
        String csrfToken) {

    /** One hidden form field. */
    public record HiddenField(String name, String value) {}
}
