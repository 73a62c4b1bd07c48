package ink.ml.deploy.deployer.worker.run.edge;

import ink.ml.deploy.acme.Http01Responder;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

/**
 * The custom domains of an edge that cannot serve them (Caddy, whose every change reloads it): it
 * holds none, and anything asked of it says why.
 */
public final class UnsupportedEdgeDomains implements EdgeDomains {
    private final String reason;

    public UnsupportedEdgeDomains(String reason) {
        this.reason = reason;
    }

    @Override
    public Optional<String> unsupportedReason() {
        return Optional.of(reason);
    }

    @Override
    public Http01Responder challenges() {
        throw new IllegalStateException(reason);
    }

    @Override
    public void storeCertificate(
            String domain,
            String platformHostname,
            String certificateChainPem,
            String privateKeyPem) {
        throw new IllegalStateException(reason);
    }

    @Override
    public Optional<X509Certificate> storedCertificate(String domain) {
        return Optional.empty();
    }

    @Override
    public void serve(String domain, String platformHostname) {
        throw new IllegalStateException(reason);
    }

    @Override
    public void remove(String domain) {
        // Nothing of any domain is ever kept here.
    }

    @Override
    public Map<String, String> domains() {
        return Map.of();
    }
}
