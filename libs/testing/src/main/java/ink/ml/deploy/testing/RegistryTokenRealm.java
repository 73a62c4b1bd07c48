package ink.ml.deploy.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ink.ml.deploy.registryauth.IssuedToken;
import ink.ml.deploy.registryauth.RegistryAuthException;
import ink.ml.deploy.registryauth.RegistryAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's token realm on loopback for tests that build without the deployer-worker service
 * (which serves the same exchange at {@code /registry/token}): a thin HTTP adapter over {@link
 * RegistryAuthority#exchange}. Close it to stop.
 */
public final class RegistryTokenRealm implements AutoCloseable {
    private final HttpServer server;

    private RegistryTokenRealm(HttpServer server) {
        this.server = server;
    }

    public static RegistryTokenRealm start(RegistryAuthority authority) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/registry/token", exchange -> answer(authority, exchange));
        server.start();
        return new RegistryTokenRealm(server);
    }

    /** {@code http://127.0.0.1:PORT/registry/token}: the registry's {@code auth.token.realm}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/registry/token");
    }

    private static void answer(RegistryAuthority authority, HttpExchange exchange)
            throws IOException {
        String service = null;
        List<String> scopes = new ArrayList<>();
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = pair.substring(0, equals);
            String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (name.equals("service")) {
                service = value;
            } else if (name.equals("scope")) {
                scopes.add(value);
            }
        }
        int status;
        String body;
        try {
            IssuedToken token =
                    authority.exchange(
                            exchange.getRequestHeaders().getFirst("Authorization"),
                            service,
                            scopes);
            status = 200;
            body =
                    "{\"token\":\""
                            + token.token()
                            + "\",\"expires_in\":"
                            + token.expiresIn().toSeconds()
                            + "}";
        } catch (RegistryAuthException e) {
            status = 401;
            body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
