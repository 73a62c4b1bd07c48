package ink.ml.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** deploy/ansible and the region's inventory, as the checks run the Ansible tools over them. */
final class AnsibleTree {
    private AnsibleTree() {}

    /** {@code deploy/ansible}, where ansible.cfg, .ansible-lint and .yamllint are. */
    static Path ansible() {
        return DeployTree.root().resolve("ansible");
    }

    /** The region's inventory. */
    static Path inventory() {
        return DeployTree.root().resolve("eu-central-1/inventory");
    }

    /** Every playbook, by its path under deploy/ansible. */
    static List<Path> playbooks() {
        try (Stream<Path> files = Files.list(ansible().resolve("playbooks"))) {
            return files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The environment every Ansible tool runs with: this tree's ansible.cfg whatever the working
     * directory, no colours in the output a failure shows, and nothing fetched from Galaxy.
     */
    static Map<String, String> environment() {
        return Map.of(
                "ANSIBLE_CONFIG", ansible().resolve("ansible.cfg").toString(),
                "ANSIBLE_NOCOLOR", "1",
                "ANSIBLE_FORCE_COLOR", "0",
                "NO_COLOR", "1",
                "ANSIBLE_LOCAL_TEMP", System.getProperty("java.io.tmpdir"),
                "PY_COLORS", "0");
    }
}
