package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratedManifestsTest {
    private static final String GENERATED =
            """
            ---
            apiVersion: v1
            kind: Service
            metadata:
              labels:
                app.kubernetes.io/name: web
                app.kubernetes.io/part-of: mcpdeploy
              name: web
            spec:
              ports:
                - name: http
                  port: 8084
                - name: management
                  port: 9084
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      args: ["--one", "--two"]
            """;

    @Test
    void anotherBuildsOrderOfKeysAndOfListedObjectsIsTheSame() {
        String reordered =
                """
                # Generated (header)
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  labels:
                    app.kubernetes.io/part-of: mcpdeploy
                    app.kubernetes.io/name: web
                spec:
                  ports:
                    - port: 9084
                      name: management
                    - name: http
                      port: 8084
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          args: ["--one", "--two"]
                """;

        assertThat(GeneratedManifests.difference(reordered, GENERATED)).isNull();
    }

    @Test
    void aChangedValueIsNamedByItsPath() {
        String changed = GENERATED.replace("port: 8084", "port: 8085");

        assertThat(GeneratedManifests.difference(changed, GENERATED))
                .startsWith("Service web.spec.ports")
                .contains("8085")
                .contains("8084");
    }

    @Test
    void theOrderOfArgumentsCounts() {
        String swapped = GENERATED.replace("[\"--one\", \"--two\"]", "[\"--two\", \"--one\"]");

        assertThat(GeneratedManifests.difference(swapped, GENERATED))
                .startsWith("Deployment web.spec.template.spec.containers[0].args[0]")
                .contains("--two");
    }

    @Test
    void aMissingKeyIsNamed() {
        String without = GENERATED.replace("    app.kubernetes.io/part-of: mcpdeploy\n", "");

        assertThat(GeneratedManifests.difference(without, GENERATED))
                .isEqualTo("Service web.metadata.labels.app.kubernetes.io/part-of is missing");
    }
}
