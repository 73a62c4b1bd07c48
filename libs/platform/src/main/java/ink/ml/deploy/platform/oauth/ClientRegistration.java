package ink.ml.deploy.platform.oauth;

import java.util.List;

/**
 * What a client asks to register (RFC 7591 §2), reduced to what the server keeps: a name to show on
 * the consent page and the exact redirect URIs.
 *
 * @param clientName the {@code client_name}, or null (the consent page then shows the redirect
 *     host)
 * @param redirectUris the {@code redirect_uris}, 1 to 10
 */
public record ClientRegistration(String clientName, List<String> redirectUris) {}
