package ink.ml.deploy.acme;

import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * acme4j's provider for any {@code https://} directory, with its HTTP client verifying the server
 * against {@link AcmeDirectory#sslContext()} instead of the JDK's default context.
 */
final class TrustingAcmeProvider extends GenericAcmeProvider {
    private final SSLContext sslContext;

    TrustingAcmeProvider(SSLContext sslContext) {
        this.sslContext = sslContext;
    }

    @Override
    protected HttpConnector createHttpConnector(NetworkSettings settings) {
        return new HttpConnector(settings) {
            @Override
            public HttpClient.Builder createClientBuilder() {
                return super.createClientBuilder().sslContext(sslContext);
            }
        };
    }
}
