package ink.ml.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which port each part listens on: the README's fixed ports (graphql 8081 … git-server 8086, the
 * management ports of deployer-server 9084 and git-server 9086, Temporal 7233, the apps' edge 8080)
 * for people, or free ports for tests, which may run beside a platform that already holds the fixed
 * ones.
 *
 * @param edgePort where deployed apps answer, e.g. {@code http://web-demo-local.localhost:8080}
 * @param edgeTlsPort where custom domains answer over TLS, e.g. {@code
 *     https://app.example.test:8443}
 */
public record PortPlan(
        Map<PlatformService, Integer> servicePorts,
        Map<PlatformService, Integer> managementPorts,
        int temporalPort,
        int edgePort,
        int edgeTlsPort) {
    /** Temporal's usual frontend port, so the Temporal CLI finds the local server unconfigured. */
    public static final int TEMPORAL_DEFAULT_PORT = 7233;

    /** The port of the printed app URLs; 80 would need the edge to bind a privileged port. */
    public static final int EDGE_DEFAULT_PORT = 8080;

    /** The edge's TLS port, for custom domains; 443 would need a privileged port too. */
    public static final int EDGE_TLS_DEFAULT_PORT = 8443;

    public PortPlan {
        servicePorts = Map.copyOf(servicePorts);
        managementPorts = Map.copyOf(managementPorts);
        for (PlatformService service : PlatformService.values()) {
            if (!servicePorts.containsKey(service)) {
                throw new IllegalArgumentException("servicePorts: no port for " + service.module());
            }
            if (service.hasManagementPort() != managementPorts.containsKey(service)) {
                throw new IllegalArgumentException(
                        "managementPorts: "
                                + service.module()
                                + (service.hasManagementPort() ? " needs one" : " has none"));
            }
        }
        Set<Integer> seen = new HashSet<>();
        for (int port :
                allPorts(servicePorts, managementPorts, temporalPort, edgePort, edgeTlsPort)) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not in 1..65535");
            }
            if (!seen.add(port)) {
                throw new IllegalArgumentException("port " + port + " is planned twice");
            }
        }
    }

    public static PortPlan fixed() {
        Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);
        Map<PlatformService, Integer> management = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            ports.put(service, service.defaultPort());
            if (service.hasManagementPort()) {
                management.put(service, service.defaultManagementPort());
            }
        }
        return new PortPlan(
                ports, management, TEMPORAL_DEFAULT_PORT, EDGE_DEFAULT_PORT, EDGE_TLS_DEFAULT_PORT);
    }

    /**
     * Ports that were free a moment ago (the sockets that found them are held until all are found,
     * so no two are alike). Another program may take one before the service binds it; the service
     * then fails to start and says which port.
     */
    public static PortPlan random() {
        PlatformService[] services = PlatformService.values();
        int count = 2 * services.length + 3;
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            }
            Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);
            Map<PlatformService, Integer> management = new EnumMap<>(PlatformService.class);
            for (int i = 0; i < services.length; i++) {
                ports.put(services[i], sockets[i].getLocalPort());
                if (services[i].hasManagementPort()) {
                    management.put(services[i], sockets[services.length + i].getLocalPort());
                }
            }
            return new PortPlan(
                    ports,
                    management,
                    sockets[count - 3].getLocalPort(),
                    sockets[count - 2].getLocalPort(),
                    sockets[count - 1].getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("no free local ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    /**
     * Fails fast, naming the port and its user, when one is taken (e.g. by another {@code
     * ./run-platform}), instead of a service failing to bind after everything else has started.
     *
     * @param temporalToo false when Temporal runs elsewhere ({@code TEMPORAL_ADDRESS})
     * @param edgeToo false when no edge is started (apps run on Kubernetes)
     */
    public void requireFree(boolean temporalToo, boolean edgeToo) {
        Map<Integer, String> planned = new LinkedHashMap<>();
        servicePorts.forEach((service, port) -> planned.put(port, service.module()));
        managementPorts.forEach(
                (service, port) -> planned.put(port, service.module() + " management"));
        if (temporalToo) {
            planned.put(temporalPort, "Temporal");
        }
        if (edgeToo) {
            planned.put(edgePort, "the apps' edge");
            planned.put(edgeTlsPort, "the apps' edge (TLS)");
        }
        planned.forEach(
                (port, user) -> {
                    try (ServerSocket socket =
                            new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                        socket.setReuseAddress(true);
                    } catch (IOException e) {
                        throw new IllegalStateException(
                                "port "
                                        + port
                                        + " ("
                                        + user
                                        + ") is in use on 127.0.0.1: is the platform already"
                                        + " running?");
                    }
                });
    }

    public int port(PlatformService service) {
        return servicePorts.get(service);
    }

    /** Where {@code service} serves health and metrics: its management port, or its own. */
    public int healthPort(PlatformService service) {
        return managementPorts.getOrDefault(service, servicePorts.get(service));
    }

    private static int[] allPorts(
            Map<PlatformService, Integer> servicePorts,
            Map<PlatformService, Integer> managementPorts,
            int... others) {
        int[] ports = new int[servicePorts.size() + managementPorts.size() + others.length];
        int i = 0;
        for (int port : servicePorts.values()) {
            ports[i++] = port;
        }
        for (int port : managementPorts.values()) {
            ports[i++] = port;
        }
        for (int port : others) {
            ports[i++] = port;
        }
        return ports;
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Only probing for a free port; nothing was served on it.
        }
    }
}
