package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PushTargetTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void readsRegistryRepositoryAndTag() {
        PushTarget target = PushTarget.parse("registry.internal:5000/dp-u42-shop/web:" + SHA);

        assertThat(target.registry()).isEqualTo("registry.internal:5000");
        assertThat(target.repository()).isEqualTo("dp-u42-shop/web");
        assertThat(target.tag()).isEqualTo(SHA);
        assertThat(target.reference()).isEqualTo("registry.internal:5000/dp-u42-shop/web:" + SHA);
        assertThat(target.cacheReference())
                .isEqualTo("registry.internal:5000/dp-u42-shop/web:buildcache");
    }

    @Test
    void refusesReferencesWithoutRegistryOrTag() {
        assertThatThrownBy(() -> PushTarget.parse("web:" + SHA))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushTarget.parse("registry.internal:5000/dp-u42-shop/web"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loopbackAndInternalRegistriesArePlainHttp() {
        assertThat(PushTarget.isLocalRegistry("127.0.0.1:5000")).isTrue();
        assertThat(PushTarget.isLocalRegistry("registry.internal:5000")).isTrue();
        assertThat(PushTarget.isLocalRegistry("ghcr.io")).isFalse();
    }
}
