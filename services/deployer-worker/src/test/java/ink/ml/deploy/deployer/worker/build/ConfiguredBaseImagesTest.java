package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.buildplan.BaseImage;
import ink.ml.deploy.buildplan.BaseImages;
import org.junit.jupiter.api.Test;

class ConfiguredBaseImagesTest {

    @Test
    void eachBaseImageIsPulledFromTheClustersRegistryBaseNamespace() {
        BaseImages images =
                ConfiguredBaseImages.of(
                        config("node:22-bookworm-slim"), "registry.internal:5000", "base");

        assertThat(images.reference(BaseImage.NODE))
                .isEqualTo("registry.internal:5000/base/node:22-bookworm-slim");
        assertThat(images.reference(BaseImage.STATIC))
                .isEqualTo("registry.internal:5000/base/busybox:1.36");
        assertThat(images.reference(BaseImage.JRE))
                .isEqualTo("registry.internal:5000/base/eclipse-temurin:21-jre");
    }

    @Test
    void aNameInASubdirectoryOfTheNamespaceIsKept() {
        assertThat(
                        ConfiguredBaseImages.of(config("library/node:22"), "r:5000", "base")
                                .reference(BaseImage.NODE))
                .isEqualTo("r:5000/base/library/node:22");
    }

    @Test
    void refusesAReferenceToAnotherRegistryOrNoNameNamingTheProperty() {
        for (String name :
                new String[] {"docker.io/library/node:22", "localhost/node:22", "ghcr.io:443/n"}) {
            assertThatThrownBy(() -> ConfiguredBaseImages.of(config(name), "r:5000", "base"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("mcpdeploy.build.base-images.node (\"" + name + "\")")
                    .hasMessageContaining("inside the registry's base namespace");
        }
        assertThatThrownBy(() -> ConfiguredBaseImages.of(config(" "), "r:5000", "base"))
                .hasMessageContaining("must name an image");
    }

    private static BaseImagesConfig config(String node) {
        return new BaseImagesConfig() {
            @Override
            public String node() {
                return node;
            }

            @Override
            public String python() {
                return "python:3.12-slim-bookworm";
            }

            @Override
            public String go() {
                return "golang:1.23-bookworm";
            }

            @Override
            public String runtime() {
                return "debian:bookworm-slim";
            }

            @Override
            public String staticSite() {
                return "busybox:1.36";
            }

            @Override
            public String jdk() {
                return "eclipse-temurin:21-jdk";
            }

            @Override
            public String jre() {
                return "eclipse-temurin:21-jre";
            }
        };
    }
}
