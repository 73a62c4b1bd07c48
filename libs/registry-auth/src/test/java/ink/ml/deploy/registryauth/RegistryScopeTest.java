package ink.ml.deploy.registryauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryScopeTest {

    @Test
    void parsesRepositoryScopeWithSeveralActions() {
        RegistryScope scope = RegistryScope.parse("repository:dp-u1-shop/web:pull,push");

        assertThat(scope.type()).isEqualTo("repository");
        assertThat(scope.name()).isEqualTo("dp-u1-shop/web");
        assertThat(scope.actions()).containsExactlyInAnyOrder("pull", "push");
    }

    @Test
    void nameMayHoldColons() {
        RegistryScope scope = RegistryScope.parse("repository:host:5000/a/b:pull");

        assertThat(scope.name()).isEqualTo("host:5000/a/b");
        assertThat(scope.actions()).containsExactly("pull");
    }

    @Test
    void refusesMalformedScopes() {
        for (String bad : new String[] {"", "repository", "repository:x", ":x:pull", "a:b:"}) {
            assertThatThrownBy(() -> RegistryScope.parse(bad))
                    .as(bad)
                    .isInstanceOf(RegistryAuthException.class);
        }
        assertThatThrownBy(() -> RegistryScope.parse("repository:" + "a".repeat(600) + ":pull"))
                .isInstanceOf(RegistryAuthException.class);
    }
}
