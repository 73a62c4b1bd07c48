package ink.ml.deploy.checks;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * A network namespace of the test's own, where nftables rule files are loaded for real (never into
 * the machine's own ruleset) and listed back as the kernel holds them.
 */
final class RulesNamespace implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final String name;

    private RulesNamespace(String name) {
        this.name = name;
    }

    static RulesNamespace create() {
        byte[] id = new byte[3];
        RANDOM.nextBytes(id);
        RulesNamespace namespace =
                new RulesNamespace("deploy-checks-" + HexFormat.of().formatHex(id));
        ToolRun run =
                ToolRun.run(Path.of("/"), Map.of(), LIMIT, "ip", "netns", "add", namespace.name);
        if (run.exitCode() != 0) {
            throw new IllegalStateException(run.describe());
        }
        return namespace;
    }

    /** Loads {@code file} with {@code nft -f} inside the namespace; the run says how it went. */
    ToolRun load(Path file) {
        return ToolRun.run(
                Path.of("/"),
                Map.of(),
                LIMIT,
                "ip",
                "netns",
                "exec",
                name,
                "nft",
                "-f",
                file.toString());
    }

    /** The namespace's whole ruleset, as {@code nft list ruleset} prints it. */
    String ruleset() {
        ToolRun run =
                ToolRun.run(
                        Path.of("/"),
                        Map.of(),
                        LIMIT,
                        "ip",
                        "netns",
                        "exec",
                        name,
                        "nft",
                        "list",
                        "ruleset");
        if (run.exitCode() != 0) {
            throw new IllegalStateException(run.describe());
        }
        return run.output();
    }

    @Override
    public void close() {
        ToolRun.run(Path.of("/"), Map.of(), LIMIT, "ip", "netns", "delete", name);
    }
}
