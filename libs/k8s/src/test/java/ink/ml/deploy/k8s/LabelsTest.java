package ink.ml.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void serviceLabelsExtendProjectLabels() {
        Labels service = Labels.forService(Fixtures.WEB);

        assertThat(service.toMap())
                .containsAllEntriesOf(
                        Labels.forProject(Fixtures.WEB.user(), Fixtures.WEB.project()).toMap())
                .containsEntry(Labels.SERVICE, "web")
                .containsEntry(Labels.MANAGED_BY, "mcpdeploy");
    }

    @Test
    void withersReturnANewValueAndLeaveTheOriginalAlone() {
        Labels service = Labels.forService(Fixtures.WEB);
        Labels domain = service.withComponent("custom-domain");

        assertThat(service.toMap()).doesNotContainKey(Labels.COMPONENT);
        assertThat(domain.toMap()).containsEntry(Labels.COMPONENT, "custom-domain");
        assertThat(domain).isNotEqualTo(service);
        assertThatThrownBy(() -> service.toMap().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
