package ink.ml.deploy.k8s;

import ink.ml.deploy.domain.CustomDomain;

/**
 * Names of a custom domain's resources. A validated domain (at most 253 characters, lowercase DNS
 * labels) is itself a valid object name, so the resources are named after the domain: an operator
 * finds them with {@code kubectl get certificate app.example.com}.
 */
public final class CustomDomainNames {
    public static final String COMPONENT = "custom-domain";

    private CustomDomainNames() {}

    public static String certificateName(CustomDomain domain) {
        return domain.value();
    }

    /** cert-manager writes the key pair here; the TLS Ingress reads it. */
    public static String tlsSecretName(CustomDomain domain) {
        return domain.value();
    }

    public static String ingressName(CustomDomain domain) {
        return domain.value();
    }
}
