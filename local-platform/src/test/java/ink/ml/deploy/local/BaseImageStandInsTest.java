package ink.ml.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.local.BaseImageStandIns.Pushed;
import ink.ml.deploy.local.BaseImageStandIns.StandIn;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaseImageStandInsTest {

    @Test
    void everyBaseImageTheDeployerWorkerIsConfiguredWithHasAStandIn() {
        assertThat(BaseImageStandIns.properties().keySet())
                .containsExactlyInAnyOrder(
                        "mcpdeploy.build.base-images.node",
                        "mcpdeploy.build.base-images.python",
                        "mcpdeploy.build.base-images.go",
                        "mcpdeploy.build.base-images.runtime",
                        "mcpdeploy.build.base-images.static",
                        "mcpdeploy.build.base-images.jdk",
                        "mcpdeploy.build.base-images.jre");
    }

    @Test
    void theStartUpLineNamesWhatIsMissingAndTheCommandThatMakesIt() {
        Pushed some =
                new Pushed(
                        List.of(StandIn.STATIC, StandIn.NODE),
                        List.of(StandIn.JDK, StandIn.JRE),
                        Optional.empty());

        assertThat(some.summary(Duration.ofMillis(2500)))
                .isEqualTo(
                        "Base images: static, node pushed in 2.5 s; jdk, jre not made yet, so"
                                + " builds without a Dockerfile that need them fail at their FROM."
                                + " `./run-platform --make-base-images` makes them once (Debian"
                                + " roots, ~15 min with none cached), after which every start"
                                + " pushes them");
    }

    @Test
    void whereNoDebianRootCanBeMadeTheLineSaysWhyInsteadOfTheCommand() {
        Pushed staticOnly =
                new Pushed(
                        List.of(StandIn.STATIC),
                        List.of(StandIn.NODE),
                        Optional.of("debootstrap is not installed"));

        assertThat(staticOnly.summary(Duration.ofSeconds(1)))
                .contains("node not made yet")
                .endsWith("(they cannot be made here: debootstrap is not installed)")
                .doesNotContain("--make-base-images");
    }

    @Test
    void withEveryOnePushedTheLineSaysSo() {
        Pushed all = new Pushed(List.of(StandIn.values()), List.of(), Optional.empty());

        assertThat(all.summary(Duration.ofMillis(12_340)))
                .isEqualTo(
                        "Base images: every one pushed (node, python, go, runtime, static, jdk,"
                                + " jre, Debian stand-ins) in 12.3 s");
    }
}
