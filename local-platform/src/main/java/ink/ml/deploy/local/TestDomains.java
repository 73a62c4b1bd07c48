package ink.ml.deploy.local;

import ink.ml.deploy.testing.DnsServerProcess;
import ink.ml.deploy.testing.DnsZone;
import ink.ml.deploy.testing.PebbleProcess;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DNS server and an ACME CA of the run's own, so that custom domains go the whole way on this
 * machine: Debian's BIND serves the zones a test writes ({@link #serve}), and is the resolver of
 * both the worker's DNS check and Pebble (Let's Encrypt's test server), which validates HTTP-01 at
 * the edge's HTTP port and issues certificates chaining up to a root made for this run ({@link
 * #issuingRootFile()}: what a client trusts). Names under {@code .test} and {@code .example}, which
 * no public CA covers, are accepted as custom domains here, and only here.
 */
public final class TestDomains implements AutoCloseable {
    private final DnsServerProcess dns;
    private final PebbleProcess ca;
    private final Path accountKeyFile;

    private TestDomains(DnsServerProcess dns, PebbleProcess ca, Path accountKeyFile) {
        this.dns = dns;
        this.ca = ca;
        this.accountKeyFile = accountKeyFile;
    }

    /** Why they cannot run here (bind9 or pebble missing), or empty when they can. */
    public static Optional<String> unavailableReason() {
        return DnsServerProcess.unavailableReason().or(PebbleProcess::unavailableReason);
    }

    /**
     * Starts BIND (no zone yet) and Pebble resolving through it and validating on {@code
     * edgeHttpPort}.
     *
     * @param runDirectory where the ACME account's key is kept for the run
     */
    static TestDomains start(int edgeHttpPort, Path runDirectory) {
        DnsServerProcess dns = DnsServerProcess.start();
        try {
            PebbleProcess ca =
                    PebbleProcess.start(
                            edgeHttpPort,
                            Optional.of(new InetSocketAddress(dns.host(), dns.port())));
            return new TestDomains(dns, ca, runDirectory.resolve("acme-account.pem"));
        } catch (RuntimeException e) {
            dns.close();
            throw e;
        }
    }

    /**
     * Serves exactly {@code zones} from now on (replacing the ones before), once BIND has loaded
     * them: a user's records at their DNS provider, in a test.
     */
    public void serve(List<DnsZone> zones) {
        dns.serve(zones);
    }

    /** The root the certificates Pebble issues chain up to, PEM: for {@code curl --cacert}. */
    public Path issuingRootFile() {
        return ca.issuingRootFile();
    }

    /** {@code 127.0.0.1:<port>}: the resolver of the worker's DNS check and of Pebble. */
    public String resolver() {
        return dns.host() + ":" + dns.port();
    }

    /**
     * What each service needs to know: the worker resolves through BIND; the deployer-worker
     * obtains certificates from Pebble, trusting its directory's certificate; graphql and mcp
     * accept names under the testing TLDs.
     */
    Map<String, String> properties(PlatformService service) {
        Map<String, String> properties = new LinkedHashMap<>();
        switch (service) {
            case GRAPHQL, MCP -> properties.put("mcpdeploy.custom-domains.testing-tlds", "test");
            case WORKER -> properties.put("mcpdeploy.dns.resolvers", resolver());
            case DEPLOYER_WORKER -> {
                properties.put("mcpdeploy.acme.directory-url", ca.directoryUrl().toString());
                properties.put(
                        "mcpdeploy.acme.trusted-certificates",
                        ca.directoryCertificateFile().toString());
                properties.put("mcpdeploy.acme.account-key-file", accountKeyFile.toString());
            }
            default -> {}
        }
        return properties;
    }

    /** What a person is told about them. */
    String description() {
        return "custom domains under .test: DNS at "
                + resolver()
                + " (BIND), certificates from Pebble at "
                + ca.directoryUrl()
                + " (root: "
                + issuingRootFile()
                + ")";
    }

    @Override
    public void close() {
        try {
            ca.close();
        } finally {
            dns.close();
        }
    }
}
