package ink.ml.deploy.deployer.worker.run.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The edge as the Docker target gets it: injectable, and made only when first used. */
@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
class EdgeBeansTest {

    @Inject EdgeRoutes edge;
    @Inject EdgeConfig config;

    @Test
    void edgeIsNotMadeAtStartSoNothingCallsCaddyUntilItIsUsed() {
        InjectableBean<EdgeRoutes> bean = Arc.container().instance(EdgeRoutes.class).getBean();

        assertThat(edge).isInstanceOf(ClientProxy.class);
        assertThat(Arc.container().getActiveContext(ApplicationScoped.class).get(bean)).isNull();
    }

    @Test
    void configDefaultsToCaddysAdminOnLoopbackAndPort8080OnEveryInterface() {
        assertThat(config.adminUrl()).isEqualTo("http://127.0.0.1:2019");
        assertThat(config.listenPort()).isEqualTo(8080);
        assertThat(config.listenHost()).isEmpty();
        assertThat(config.adminTimeout()).isEqualTo(Duration.ofSeconds(10));
    }
}
