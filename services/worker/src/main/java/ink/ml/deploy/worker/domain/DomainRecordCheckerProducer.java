package ink.ml.deploy.worker.domain;

import ink.ml.deploy.dnscheck.DnsResolverSettings;
import ink.ml.deploy.dnscheck.DomainRecordChecker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.InetSocketAddress;
import java.util.List;
import org.xbill.DNS.ResolverConfig;

/** The one DNS checker of the worker, over the configured resolvers or the machine's own. */
@ApplicationScoped
public class DomainRecordCheckerProducer {
    @Produces
    @ApplicationScoped
    DomainRecordChecker checker(DnsCheckConfig config) {
        List<String> resolvers =
                config.resolvers().filter(list -> !list.isEmpty()).orElseGet(this::systemResolvers);
        return new DomainRecordChecker(
                new DnsResolverSettings(resolvers, config.timeout(), config.retries()));
    }

    /** The machine's resolvers, as {@code /etc/resolv.conf} (or its platform's) names them. */
    private List<String> systemResolvers() {
        List<String> servers =
                ResolverConfig.getCurrentConfig().servers().stream()
                        .map(DomainRecordCheckerProducer::hostPort)
                        .toList();
        if (servers.isEmpty()) {
            throw new IllegalStateException(
                    "the machine names no DNS resolver: set mcpdeploy.dns.resolvers (host:port)");
        }
        return servers;
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
