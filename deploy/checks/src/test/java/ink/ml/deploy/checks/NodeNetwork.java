package ink.ml.deploy.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A node's network in three namespaces of the test's own: the node (its rules loaded, forwarding
 * on), a pod behind it on the pod network, and the internet on its public interface. Addresses as
 * in the region: the node's public address 203.0.113.31 on an interface named like the inventory's
 * public one, the pod 10.42.0.5 behind 10.42.0.1. The internet side holds several source addresses
 * (a Cloudflare one, the region LB's, an operator's, a stranger's) to connect from. Connections are
 * real TCP, so a rule that drops shows as a timeout and a reject as refused.
 */
final class NodeNetwork implements AutoCloseable {
    static final String NODE_PUBLIC = "203.0.113.31";
    static final String NODE_ON_POD_NETWORK = "10.42.0.1";
    static final String POD = "10.42.0.5";
    static final String INTERNET_HOST = "203.0.113.1";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String LISTENER =
            """
            import selectors, socket, sys
            selector = selectors.DefaultSelector()
            for port in sys.argv[1:]:
                server = socket.socket()
                server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                server.bind(("0.0.0.0", int(port)))
                server.listen(16)
                selector.register(server, selectors.EVENT_READ)
            print("ready", flush=True)
            while True:
                for key, _ in selector.select():
                    connection, _ = key.fileobj.accept()
                    connection.close()
            """;
    private static final String CONNECT =
            """
            import socket, sys
            source, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
            client = socket.socket()
            client.settimeout(2)
            client.bind((source, 0))
            try:
                client.connect((host, port))
                print("connected")
            except socket.timeout:
                print("timed out")
            except ConnectionRefusedError:
                print("refused")
            """;

    private final String node;
    private final String pod;
    private final String internet;
    private final List<Process> listeners = new ArrayList<>();

    private NodeNetwork(String id) {
        this.node = "dpn-node-" + id;
        this.pod = "dpn-pod-" + id;
        this.internet = "dpn-net-" + id;
    }

    /**
     * The three namespaces, the node's {@code rules} loaded, with {@code publicInterface} the name
     * of the node's public interface and {@code internetSources} the addresses connections from the
     * internet may come from.
     */
    static NodeNetwork create(
            List<Path> rules, String publicInterface, List<String> internetSources) {
        byte[] id = new byte[3];
        RANDOM.nextBytes(id);
        NodeNetwork network = new NodeNetwork(HexFormat.of().formatHex(id));
        try {
            network.setUp(rules, publicInterface, internetSources);
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void setUp(List<Path> rules, String publicInterface, List<String> internetSources) {
        for (String namespace : List.of(node, pod, internet)) {
            run("ip", "netns", "add", namespace);
            run("ip", "-n", namespace, "link", "set", "lo", "up");
        }
        run("ip", "netns", "exec", node, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        // Pod network: cni0 on the node, eth0 in the pod.
        run(
                "ip", "-n", node, "link", "add", "cni0", "type", "veth", "peer", "name", "eth0",
                "netns", pod);
        run("ip", "-n", node, "addr", "add", NODE_ON_POD_NETWORK + "/16", "dev", "cni0");
        run("ip", "-n", pod, "addr", "add", POD + "/16", "dev", "eth0");
        run("ip", "-n", node, "link", "set", "cni0", "up");
        run("ip", "-n", pod, "link", "set", "eth0", "up");
        run("ip", "-n", pod, "route", "add", "default", "via", NODE_ON_POD_NETWORK);
        // Public side: the inventory's interface name on the node, the internet behind it.
        run(
                "ip",
                "-n",
                node,
                "link",
                "add",
                publicInterface,
                "type",
                "veth",
                "peer",
                "name",
                "eth0",
                "netns",
                internet);
        run("ip", "-n", node, "addr", "add", NODE_PUBLIC + "/24", "dev", publicInterface);
        run("ip", "-n", internet, "addr", "add", INTERNET_HOST + "/24", "dev", "eth0");
        for (String source : internetSources) {
            run("ip", "-n", internet, "addr", "add", source + "/32", "dev", "eth0");
        }
        run("ip", "-n", node, "link", "set", publicInterface, "up");
        run("ip", "-n", internet, "link", "set", "eth0", "up");
        run("ip", "-n", node, "route", "add", "default", "via", INTERNET_HOST);
        run("ip", "-n", internet, "route", "add", "10.42.0.0/16", "via", NODE_PUBLIC);
        for (Path file : rules) {
            run("ip", "netns", "exec", node, "nft", "-f", file.toString());
        }
    }

    /** Accepts and closes connections on {@code ports} on the node (every address). */
    void listenOnNode(int... ports) {
        listen(node, ports);
    }

    /** Accepts and closes connections on {@code ports} on the internet host. */
    void listenOnInternet(int... ports) {
        listen(internet, ports);
    }

    /** From the pod to {@code host}: "connected", "timed out" or "refused". */
    String fromPod(String host, int port) {
        return connect(pod, POD, host, port);
    }

    /** From the internet, source {@code source}, to the node's public address. */
    String fromInternet(String source, int port) {
        return connect(internet, source, NODE_PUBLIC, port);
    }

    private String connect(String namespace, String source, String host, int port) {
        ToolRun run =
                ToolRun.run(
                        Path.of("/"),
                        Map.of(),
                        LIMIT,
                        "ip",
                        "netns",
                        "exec",
                        namespace,
                        "python3",
                        "-c",
                        CONNECT,
                        source,
                        host,
                        Integer.toString(port));
        if (run.exitCode() != 0) {
            throw new IllegalStateException(run.describe());
        }
        return run.output().strip();
    }

    private void listen(String namespace, int... ports) {
        List<String> command =
                new ArrayList<>(
                        List.of("ip", "netns", "exec", namespace, "python3", "-u", "-c", LISTENER));
        for (int port : ports) {
            command.add(Integer.toString(port));
        }
        try {
            Process listener = new ProcessBuilder(command).redirectErrorStream(true).start();
            listeners.add(listener);
            BufferedReader output =
                    new BufferedReader(
                            new InputStreamReader(
                                    listener.getInputStream(), StandardCharsets.UTF_8));
            String first = output.readLine();
            if (!"ready".equals(first)) {
                throw new IllegalStateException("listener in " + namespace + " said: " + first);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... command) {
        ToolRun run = ToolRun.run(Path.of("/"), Map.of(), LIMIT, command);
        if (run.exitCode() != 0) {
            throw new IllegalStateException(run.describe());
        }
    }

    @Override
    public void close() {
        for (Process listener : listeners) {
            listener.destroyForcibly();
        }
        for (String namespace : List.of(node, pod, internet)) {
            ToolRun.run(Path.of("/"), Map.of(), LIMIT, "ip", "netns", "delete", namespace);
        }
    }
}
