package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadValuesTest {

    @Test
    void resourcePlanGivesKubernetesQuantities() {
        ResourcePlan plan = new ResourcePlan(1024, 2000);
        assertThat(plan.memoryQuantity()).isEqualTo("1024Mi");
        assertThat(plan.memoryRequestQuantity()).isEqualTo("1024Mi");
        assertThat(plan.cpuLimitQuantity()).isEqualTo("2000m");
        assertThat(plan.cpuRequestQuantity()).isEqualTo("500m");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 128, 255, 300, 8192, -512})
    void refusesMemoryOutsideTheFixedChoices(int memoryMi) {
        assertThatThrownBy(() -> new ResourcePlan(memoryMi, 500))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith(
                        "memory: must be one of 256Mi, 512Mi, 1024Mi, 2048Mi, 4096Mi");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 250, 750, 8000})
    void refusesCpuOutsideTheFixedChoices(int milliCpu) {
        assertThatThrownBy(() -> new ResourcePlan(512, milliCpu))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("vcpu: must be one of 0.5, 1, 2, 4 vCPU");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void refusesPortsOutsideTcpRange(int port) {
        assertThatThrownBy(() -> AppPort.of(port))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("port: must be between 1 and 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1ABC", "A-B", "A B", "A=B", "ÄPFEL", "A\n"})
    void refusesEnvVarNamesThatAreNotPortable(String name) {
        assertThatThrownBy(() -> EnvVarName.of(name))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("env: ");
    }

    @Test
    void acceptsTypicalEnvVarNames() {
        assertThat(EnvVarName.of("DATABASE_URL").value()).isEqualTo("DATABASE_URL");
        assertThat(EnvVarName.of("_private").value()).isEqualTo("_private");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-1",
                "ABC",
                "a_b",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void refusesMalformedDeploymentIds(String id) {
        assertThatThrownBy(() -> DeploymentId.of(id))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("deploymentId: ");
    }
}
