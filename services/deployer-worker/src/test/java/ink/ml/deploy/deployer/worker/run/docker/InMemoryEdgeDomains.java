package ink.ml.deploy.deployer.worker.run.docker;

import ink.ml.deploy.acme.Http01Responder;
import ink.ml.deploy.deployer.worker.run.edge.EdgeDomains;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Custom domains on an edge that is a table in memory, for the target's tests that run no HAProxy:
 * it records which domain is aliased to which platform host, and holds no certificate.
 */
final class InMemoryEdgeDomains implements EdgeDomains {
    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    @Override
    public Optional<String> unsupportedReason() {
        return Optional.empty();
    }

    @Override
    public Http01Responder challenges() {
        throw new UnsupportedOperationException("an in-memory edge answers no HTTP-01");
    }

    @Override
    public void storeCertificate(
            String domain,
            String platformHostname,
            String certificateChainPem,
            String privateKeyPem) {
        aliases.put(domain, platformHostname);
    }

    @Override
    public Optional<X509Certificate> storedCertificate(String domain) {
        return Optional.empty();
    }

    @Override
    public void serve(String domain, String platformHostname) {
        aliases.put(domain, platformHostname);
    }

    @Override
    public void remove(String domain) {
        aliases.remove(domain);
    }

    @Override
    public Map<String, String> domains() {
        return Map.copyOf(aliases);
    }
}
