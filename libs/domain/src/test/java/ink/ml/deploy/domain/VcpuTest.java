package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VcpuTest {

    @ParameterizedTest
    @CsvSource({
        "0.5,500,0.5",
        "1,1000,1",
        "2.0,2000,2",
        "4,4000,4",
        "0.25,250,0.25",
        "0.001,1,0.001"
    })
    void convertsBetweenVcpusAndMillicores(String given, int milli, String shown) {
        Vcpu vcpu = Vcpu.parse(given);
        assertThat(vcpu.milliCpu()).isEqualTo(milli);
        assertThat(vcpu).hasToString(shown);
        assertThat(Vcpu.ofMilli(milli)).hasToString(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "half", "-1", "0.0005", "1e3", ".5", "1,5", " 1", "99999"})
    void refusesWhatIsNotAPlainAmount(String given) {
        assertThatThrownBy(() -> Vcpu.parse(given))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("vcpu: must be a number of vCPUs such as 0.5 or 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.000"})
    void refusesZero(String given) {
        assertThatThrownBy(() -> Vcpu.parse(given)).hasMessage("vcpu: must be more than 0");
    }
}
