package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.RealParts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Ansible tree passes Ansible's own checks: every playbook parses with its roles against the
 * region's inventory, ansible-lint's production profile finds nothing (offline: the collections
 * come with Debian's ansible), and yamllint (deploy/ansible/.yamllint) finds nothing in the roles,
 * playbooks, inventory and the add-ons' Helm values.
 */
class AnsibleChecksTest {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    static List<Path> playbooks() {
        return AnsibleTree.playbooks();
    }

    @ParameterizedTest
    @MethodSource("playbooks")
    void everyPlaybookPassesTheSyntaxCheckAgainstTheRegionsInventory(Path playbook) {
        RealParts.require(ToolRun.unavailableReason("ansible-playbook", "ansible"));

        ToolRun run =
                ToolRun.run(
                        AnsibleTree.ansible(),
                        AnsibleTree.environment(),
                        LIMIT,
                        "ansible-playbook",
                        "--syntax-check",
                        "-i",
                        AnsibleTree.inventory().toString(),
                        playbook.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    @Test
    void ansibleLintFindsNothingWithTheProductionProfileOffline() {
        RealParts.require(ToolRun.unavailableReason("ansible-lint", "ansible-lint"));

        ToolRun run =
                ToolRun.run(
                        AnsibleTree.ansible(),
                        AnsibleTree.environment(),
                        LIMIT,
                        "ansible-lint",
                        "--offline",
                        "--nocolor",
                        "-c",
                        AnsibleTree.ansible().resolve(".ansible-lint").toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output()).as(run.describe()).contains("0 failure(s), 0 warning(s)");
    }

    @Test
    void yamllintFindsNothingInTheRolesInventoryAndAddOnValues() {
        RealParts.require(ToolRun.unavailableReason("yamllint", "yamllint"));

        ToolRun run =
                ToolRun.run(
                        AnsibleTree.ansible(),
                        AnsibleTree.environment(),
                        LIMIT,
                        "yamllint",
                        "--strict",
                        "--format",
                        "parsable",
                        "-c",
                        AnsibleTree.ansible().resolve(".yamllint").toString(),
                        AnsibleTree.ansible().toString(),
                        AnsibleTree.inventory().toString(),
                        DeployTree.root().resolve("eu-central-1/k8s/addons").toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output()).as(run.describe()).isBlank();
    }
}
