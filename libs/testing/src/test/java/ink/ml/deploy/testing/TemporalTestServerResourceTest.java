package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TemporalTestServerResourceTest {

    @Test
    void startsServerThatDescribesDefaultNamespaceOverGrpc() throws InterruptedException {
        TemporalTestServerResource resource = new TemporalTestServerResource();
        Map<String, String> config = resource.start();
        try {
            String target = config.get("quarkus.temporal.connection.target");
            assertThat(target).matches("localhost:\\d+").isEqualTo(resource.target());

            WorkflowServiceStubs stubs =
                    WorkflowServiceStubs.newServiceStubs(
                            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
            try {
                DescribeNamespaceResponse namespace =
                        stubs.blockingStub()
                                .describeNamespace(
                                        DescribeNamespaceRequest.newBuilder()
                                                .setNamespace("default")
                                                .build());
                assertThat(namespace.getNamespaceInfo().getName()).isEqualTo("default");
                assertThat(
                                stubs.blockingStub()
                                        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                                        .hasCapabilities())
                        .isTrue();
            } finally {
                stubs.shutdown();
                stubs.awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            resource.stop();
        }
    }
}
