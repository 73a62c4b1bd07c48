package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The inventory holds secrets only in the Ansible vault: a vault file in it is encrypted, and
 * vault.yml.example names every vault variable the roles and inventory read, with no value.
 */
class InventorySecretsTest {
    private static final Pattern VAULT_VARIABLE = Pattern.compile("\\bvault_[a-z0-9_]+");
    private static final Path EXAMPLE =
            AnsibleTree.inventory().resolve("group_vars/all/vault.yml.example");

    @Test
    void everyVaultFileInTheInventoryIsEncrypted() throws IOException {
        for (Path file : files(AnsibleTree.inventory())) {
            String name = file.getFileName().toString();
            if (name.startsWith("vault") && !name.endsWith(".example")) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8))
                        .as(file + " must be ansible-vault encrypted")
                        .startsWith("$ANSIBLE_VAULT;");
            }
        }
    }

    @Test
    void theVaultExampleNamesEveryVaultVariableInUseWithNoValue() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Path tree : List.of(AnsibleTree.ansible(), AnsibleTree.inventory())) {
            for (Path file : files(tree)) {
                if (!file.equals(EXAMPLE) && !file.toString().endsWith(".md")) {
                    Matcher matcher =
                            VAULT_VARIABLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (matcher.find()) {
                        used.add(matcher.group());
                    }
                }
            }
        }
        InventoryVars example = InventoryVars.read(EXAMPLE);

        assertThat(used).isNotEmpty();
        for (String variable : used) {
            assertThat(example.text(variable)).as(variable + " in " + EXAMPLE).isEmpty();
        }
    }

    private static List<Path> files(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
