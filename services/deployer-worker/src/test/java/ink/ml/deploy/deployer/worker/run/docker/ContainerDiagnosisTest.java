package ink.ml.deploy.deployer.worker.run.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerDiagnosisTest {

    @Test
    void exitNamesTheCodeTheRestartsAndTheLastLines() {
        assertThat(ContainerDiagnosis.exited(Optional.of(3), false, 2, 512, List.of("a", "b")))
                .isEqualTo(
                        "the app exited with code 3, restarted 2 times; last lines of its log:\na\nb");
    }

    @Test
    void oomNamesTheMemoryLimit() {
        assertThat(ContainerDiagnosis.exited(Optional.of(137), true, 0, 512, List.of()))
                .isEqualTo(
                        "the app was stopped for using more than its memory limit of 512Mi (exit"
                                + " code 137); it wrote nothing to its log");
    }

    @Test
    void portNeverOpenedAsksWhereTheAppListens() {
        assertThat(ContainerDiagnosis.portNeverOpened(3000, Duration.ofMinutes(5), List.of("x")))
                .startsWith("the app never accepted connections on port 3000 within 5 minutes")
                .contains("0.0.0.0:3000")
                .endsWith("last lines of its log:\nx");
    }
}
