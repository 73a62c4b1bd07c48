package ink.ml.deploy.deployer.worker.build.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfilePolicyTest {
    private static final String TENANT = "dp-u42-shop";
    private final DockerfilePolicy policy = new DockerfilePolicy("registry.internal:5000", "base");

    private List<String> refusals(String dockerfile) {
        return policy.refusals(dockerfile, TENANT);
    }

    // --- images ---

    @Test
    void allowsOwnNamespaceAndBaseImages() {
        assertThat(
                        refusals(
                                """
                                FROM registry.internal:5000/base/node:20 AS build
                                FROM registry.internal:5000/dp-u42-shop/api:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                                COPY --from=registry.internal:5000/base/tools:1 /bin/tool /bin/tool
                                """))
                .isEmpty();
    }

    @Test
    void allowsPublicImages() {
        assertThat(
                        refusals(
                                """
                                FROM node:20
                                FROM docker.io/library/alpine:3.20
                                FROM ghcr.io/acme/tool@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                                FROM registry/image
                                FROM --platform=$BUILDPLATFORM golang:1.22 AS build
                                FROM scratch
                                """))
                .isEmpty();
    }

    @Test
    void refusesFromAnotherTenantsImage() {
        assertThat(refusals("FROM registry.internal:5000/dp-u7-bank/api:1\n"))
                .containsExactly(
                        "line 1: FROM registry.internal:5000/dp-u7-bank/api:1 is another project's"
                                + " image: a build may use only its own project's images"
                                + " (registry.internal:5000/dp-u42-shop/…) and the platform's base"
                                + " images (registry.internal:5000/base/…)");
    }

    @Test
    void refusesAnotherTenantsImageWrittenInOtherCase() {
        assertThat(refusals("FROM REGISTRY.Internal:5000/dp-u7-bank/api\n"))
                .singleElement()
                .asString()
                .contains("another project's image");
    }

    @Test
    void refusesPlatformRegistryImageOutsideAnyProjectNamespace() {
        assertThat(refusals("FROM registry.internal:5000/api\n"))
                .singleElement()
                .asString()
                .contains("another project's image");
    }

    @Test
    void refusesPlatformRegistryOnAnotherPort() {
        assertThat(refusals("FROM registry.internal:5001/dp-u42-shop/api\n"))
                .singleElement()
                .asString()
                .contains("names the platform registry on another port");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost:5000/x",
                "localhost/x",
                "LOCALHOST/x",
                "10.0.0.5:5000/x",
                "127.0.0.1/x",
                "[::1]:5000/x",
                "registry.other.internal:6000/x",
                "Registry/x",
                "git-server.dp-system:3000/x",
                "registry.dp-build.svc.cluster.local/x",
                "2130706433:5000/x",
                "0x7f.1:5000/x"
            })
    void refusesPrivateRegistryHost(String image) {
        assertThat(refusals("FROM " + image + "\n"))
                .singleElement()
                .asString()
                .startsWith("line 1: FROM " + image + " comes from ")
                .contains("which is not a public registry");
    }

    @Test
    void refusesCopyFromAndRunMountFromAnotherTenant() {
        assertThat(
                        refusals(
                                """
                                FROM alpine
                                COPY --from=registry.internal:5000/dp-u7-bank/api /app /app
                                RUN --mount=type=bind,from=registry.internal:5000/dp-u7-bank/api,target=/x true
                                RUN --mount="from=10.0.0.5:5000/secrets",target=/y true
                                """))
                .hasSize(3)
                .anySatisfy(r -> assertThat(r).startsWith("line 2: COPY --from "))
                .anySatisfy(r -> assertThat(r).startsWith("line 3: RUN --mount from "))
                .anySatisfy(r -> assertThat(r).startsWith("line 4: RUN --mount from 10.0.0.5"));
    }

    @Test
    void refusesCopyFromWrittenAsSeparateFlagArgument() {
        assertThat(refusals("FROM alpine\nCOPY --from 10.0.0.5:5000/x /a /b\n"))
                .singleElement()
                .asString()
                .startsWith("line 2: COPY --from 10.0.0.5:5000/x");
    }

    @Test
    void allowsMultiStageCopyFromStageName() {
        assertThat(
                        refusals(
                                """
                                FROM node:20 AS Build
                                RUN npm ci
                                FROM alpine
                                COPY --from=build /app /app
                                COPY --from=0 /app /app2
                                COPY --from=later /x /x
                                RUN --mount=type=cache,from=build,target=/cache true
                                FROM alpine AS later
                                """))
                .isEmpty();
    }

    @Test
    void allowsFromAnEarlierStage() {
        assertThat(
                        refusals(
                                """
                                FROM registry.internal:5000/base/node:20 AS deps
                                FROM DEPS AS build
                                FROM build
                                """))
                .isEmpty();
    }

    @Test
    void fromNamesOnlyEarlierStagesSoALaterStageNameIsAnImage() {
        assertThat(
                        refusals(
                                """
                                FROM localhost/evil
                                FROM alpine AS localhost
                                """))
                .singleElement()
                .asString()
                .startsWith("line 1:");
    }

    @Test
    void refusesInvalidImageReference() {
        assertThat(refusals("FROM registry.internal:5000/dp-u42-shop/../dp-u7-bank/api\n"))
                .singleElement()
                .asString()
                .contains("is not a valid image reference");
    }

    @Test
    void refusesOnbuildTriggerThatPullsAnotherTenantsImage() {
        assertThat(
                        refusals(
                                """
                                FROM alpine AS base
                                ONBUILD COPY --from=registry.internal:5000/dp-u7-bank/api / /
                                FROM base
                                """))
                .singleElement()
                .asString()
                .startsWith("line 2: ONBUILD COPY --from ");
    }

    // --- ARG and ENV substitution ---

    @Test
    void refusesImageHiddenBehindArgDefault() {
        assertThat(
                        refusals(
                                """
                                ARG REGISTRY=registry.internal:5000
                                ARG PROJECT=dp-u7-bank
                                FROM ${REGISTRY}/$PROJECT/api
                                """))
                .singleElement()
                .asString()
                .startsWith(
                        "line 3: FROM registry.internal:5000/dp-u7-bank/api is another project's");
    }

    @Test
    void refusesImageHiddenBehindDefaultModifiers() {
        assertThat(
                        refusals(
                                """
                                ARG EMPTY=
                                ARG SET=x
                                ARG UNSET
                                FROM ${EMPTY:-10.0.0.5:5000/a}
                                FROM ${UNSET-localhost/b}
                                FROM ${SET:+10.0.0.6:5000/c}
                                FROM "10.0.0.7:5000/d"
                                FROM 10.0.0.8\\:5000/e
                                """))
                .hasSize(5)
                .allSatisfy(r -> assertThat(r).contains("which is not a public registry"));
    }

    @Test
    void allowsArgDefaultsThatResolveToAllowedImages() {
        assertThat(
                        refusals(
                                """
                                ARG NODE=20
                                ARG BASE=registry.internal:5000/base
                                FROM ${BASE}/node:${NODE}-slim
                                FROM node:${NODE:-18}
                                """))
                .isEmpty();
    }

    @Test
    void refusesImageWithArgWithoutDefault() {
        assertThat(refusals("ARG IMAGE\nFROM $IMAGE\n"))
                .containsExactly(
                        "line 2: FROM image \"$IMAGE\" uses a variable this check cannot resolve (an"
                                + " ARG without default, or a value from the base image): write the"
                                + " image name out");
    }

    @Test
    void refusesImageFromPlatformArgumentOrUnmodelledExpansion() {
        assertThat(
                        refusals(
                                """
                                FROM ${TARGETARCH}/alpine
                                ARG X=registry.internal:5000/base/x
                                FROM ${X#registry.internal:5000/base/}
                                """))
                .hasSize(2)
                .allSatisfy(
                        r -> assertThat(r).contains("uses a variable this check cannot resolve"));
    }

    @Test
    void stageArgsAndEnvApplyToLaterLinesOfTheirStageOnly() {
        assertThat(
                        refusals(
                                """
                                FROM alpine
                                ARG SRC=http://10.0.0.5/payload
                                ENV MIRROR=http://127.0.0.1:8080
                                ADD $SRC /a
                                ADD ${MIRROR}/b /b
                                FROM alpine
                                ADD ${SRC:-https://example.com/ok} /c
                                """))
                .hasSize(3)
                .anySatisfy(r -> assertThat(r).startsWith("line 4: ADD http://10.0.0.5/payload"))
                .anySatisfy(r -> assertThat(r).startsWith("line 5: ADD http://127.0.0.1:8080/b"))
                // In a new stage the base image's ENV could define SRC: not guessed.
                .anySatisfy(r -> assertThat(r).startsWith("line 7: ADD source"));
    }

    @Test
    void globalArgReachesAStageOnlyWhenRedeclared() {
        assertThat(
                        refusals(
                                """
                                ARG URL=http://169.254.169.254/latest/meta-data
                                FROM alpine
                                ARG URL
                                ADD $URL /meta
                                """))
                .singleElement()
                .asString()
                .startsWith("line 4: ADD http://169.254.169.254/latest/meta-data downloads from");
    }

    @Test
    void laterArgDefaultOverridesEarlierEnv() {
        assertThat(
                        refusals(
                                """
                                FROM alpine
                                ENV URL=https://example.com/ok
                                ARG URL=http://10.1.2.3/x
                                ADD $URL /x
                                """))
                .singleElement()
                .asString()
                .contains("10.1.2.3");
    }

    @Test
    void envCarriesIntoAStageBuiltOnIt() {
        assertThat(
                        refusals(
                                """
                                FROM alpine AS base
                                ENV URL=http://192.168.1.10/x
                                FROM base
                                ADD $URL /x
                                """))
                .singleElement()
                .asString()
                .startsWith("line 4: ADD http://192.168.1.10/x");
    }

    @Test
    void allowsAddOfLocalPathWithUnknownVariable() {
        assertThat(
                        refusals(
                                """
                                FROM node:20
                                ADD dist/${NODE_VERSION}.tar.gz /app/
                                ADD ./$FILE /app/
                                """))
                .isEmpty();
    }

    // --- ADD sources ---

    @Test
    void allowsPublicAddUrl() {
        assertThat(
                        refusals(
                                """
                                FROM alpine
                                ADD https://github.com/acme/tool/releases/download/v1/tool.tgz /opt/
                                ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tgz /a
                                ADD ["https://example.org/b", "/b"]
                                ADD git@github.com:acme/repo.git /src
                                ADD https://93.184.216.34/c /c
                                """))
                .isEmpty();
    }

    @Test
    void refusesAddFromLoopbackUrl() {
        assertThat(refusals("FROM alpine\nADD http://127.0.0.1:8080/secret /s\n"))
                .containsExactly(
                        "line 2: ADD http://127.0.0.1:8080/secret downloads from 127.0.0.1, which is"
                                + " not a public host: download from a public address, or commit"
                                + " the file to the repository");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost/x",
                "http://LocalHost./x",
                "http://api.localhost/x",
                "http://printer.local/x",
                "http://metadata.google.internal/x",
                "http://registry.dp-build.svc/x",
                "http://registry.dp-build.svc.cluster.local:5000/x",
                "http://git-server/x",
                "http://git-server.dp-system/x",
                "http://10.0.0.5/x",
                "http://172.16.0.1/x",
                "http://172.31.255.255/x",
                "http://192.168.0.1/x",
                "http://169.254.169.254/latest/meta-data/",
                "http://100.64.0.1/x",
                "http://0.0.0.0/x",
                "http://[::1]/x",
                "http://[::]/x",
                "http://[fd00::1]/x",
                "http://[fe80::1%25eth0]/x",
                "http://[::ffff:127.0.0.1]/x",
                "http://[::ffff:7f00:1]/x",
                "http://[64:ff9b::a00:5]/x",
                "http://2130706433/x",
                "http://0x7f000001/x",
                "http://0x7f.1/x",
                "http://017700000001/x",
                "http://0177.0.0.1/x",
                "http://127.1/x",
                "http://%31%32%37.0.0.1/x",
                "http://ｌｏｃａｌｈｏｓｔ/x",
                "http://public.example@127.0.0.1/x",
                "http://127.0.0.1\\\\@public.example/x",
                "https://user:pw@10.0.0.1:8443/x",
                "git://git-server.internal/repo.git",
                "ssh://git@10.0.0.5/repo.git",
                "git@git-server:org/repo.git",
                "git@10.0.0.5:org/repo.git",
                "http:///etc/passwd"
            })
    void refusesAddFromPrivateHost(String url) {
        assertThat(refusals("FROM alpine\nADD " + url + " /dest\n"))
                .singleElement()
                .asString()
                .startsWith("line 2: ADD ")
                .contains("which is not a public host");
    }

    @Test
    void refusesDecimalLoopbackIp() {
        assertThat(refusals("FROM alpine\nADD http://2130706433:8080/x /x\n"))
                .singleElement()
                .asString()
                .contains("downloads from 2130706433, which is not a public host");
    }

    @Test
    void refusesEveryPrivateSourceOfOneAdd() {
        assertThat(refusals("FROM alpine\nADD http://10.0.0.1/a http://10.0.0.2/b /dest/\n"))
                .hasSize(2);
    }

    @Test
    void refusesAddUrlBuiltFromVariableWithoutDefault() {
        assertThat(
                        refusals(
                                """
                                FROM alpine
                                ARG HOST
                                ADD http://${HOST}/x /x
                                ADD $HOST /y
                                """))
                .hasSize(2)
                .allSatisfy(
                        r -> assertThat(r).contains("uses a variable this check cannot resolve"));
    }

    @Test
    void refusesAddHiddenInOnbuildTrigger() {
        assertThat(refusals("FROM alpine AS base\nONBUILD ADD http://10.0.0.5/x /x\nFROM base\n"))
                .singleElement()
                .asString()
                .startsWith("line 2: ONBUILD ADD http://10.0.0.5/x");
    }

    // --- parsing bypass attempts ---

    @Test
    void instructionsAreCaseInsensitive() {
        assertThat(refusals("from alpine\nAdD http://10.0.0.5/x /x\nfRoM localhost/x\n"))
                .hasSize(2);
    }

    @Test
    void readsInstructionsSplitAcrossContinuationLines() {
        assertThat(
                        refusals(
                                """
                                FROM alpine
                                ADD \\
                                # a comment inside the instruction
                                  http://10.0.\\

                                0.5/x /x
                                FROM 127.0.\\
                                0.1:5000/x
                                """))
                .hasSize(2)
                .anySatisfy(r -> assertThat(r).startsWith("line 2: ADD http://10.0.0.5/x"))
                .anySatisfy(r -> assertThat(r).startsWith("line 7: FROM 127.0.0.1:5000/x"));
    }

    @Test
    void honoursBacktickEscapeDirective() {
        assertThat(
                        refusals(
                                """
                                # escape=`
                                FROM alpine
                                ADD http://10.0.`
                                0.5/x /x
                                """))
                .singleElement()
                .asString()
                .startsWith("line 3: ADD http://10.0.0.5/x");
    }

    @Test
    void escapeDirectiveAfterACommentIsOnlyAComment() {
        // Here ` is not an escape, and the backslash still continues the line.
        assertThat(
                        refusals(
                                """
                                # a comment
                                # escape=`
                                FROM alpine
                                ADD http://10.0.\\
                                0.5/x /x
                                """))
                .singleElement()
                .asString()
                .startsWith("line 4: ADD http://10.0.0.5/x");
    }

    @Test
    void refusesEscapeDirectiveAfterCheckDirective() {
        assertThat(refusals("# check=skip=all\n# escape=`\nFROM alpine\n"))
                .singleElement()
                .asString()
                .startsWith("line 2: put the escape directive before the check directive");
    }

    @Test
    void commentsDoNotHideOrCreateInstructions() {
        assertThat(
                        refusals(
                                """
                                FROM alpine
                                # ADD http://10.0.0.5/x /x
                                  # FROM localhost/x
                                RUN echo "# not a comment" && echo ok
                                """))
                .isEmpty();
    }

    @Test
    void skipsHeredocBodies() {
        assertThat(
                        refusals(
                                """
                                FROM alpine
                                RUN <<EOF
                                FROM localhost/not-an-instruction
                                ADD http://10.0.0.5/x /x
                                EOF
                                COPY <<-"END" /etc/config
                                \tADD http://10.0.0.6/y /y
                                \tEND
                                """))
                .isEmpty();
    }

    @Test
    void checksLinesAfterAnUnterminatedHeredoc() {
        assertThat(refusals("FROM alpine\nRUN <<EOF\nADD http://10.0.0.5/x /x\n"))
                .singleElement()
                .asString()
                .startsWith("line 3: ADD http://10.0.0.5/x");
    }

    @Test
    void heredocMarkerInsideVariableOrQuotesOpensNoHeredoc() {
        assertThat(
                        refusals(
                                """
                                FROM alpine
                                RUN echo ${X:- <<EOF}
                                RUN echo "<<EOF"
                                RUN ["sh", "-c", "cat"] <<EOF
                                ADD http://10.0.0.5/x /x
                                EOF
                                """))
                .singleElement()
                .asString()
                .startsWith("line 5: ADD http://10.0.0.5/x");
    }

    @Test
    void carriageReturnIsNotALineBreak() {
        assertThat(refusals("FROM alpine\r\nADD http://10.0.0.5/x /x\r\n"))
                .singleElement()
                .asString()
                .startsWith("line 2: ADD http://10.0.0.5/x");
    }

    // --- frontend directives ---

    @Test
    void refusesCustomSyntaxFrontend() {
        assertThat(refusals("# syntax=docker/dockerfile:1\nFROM alpine\n"))
                .containsExactly(
                        "line 1: the syntax directive selects a custom BuildKit frontend, an image"
                                + " that runs its own code in the build service: remove the line,"
                                + " the standard Dockerfile frontend builds the file");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "#SYNTAX = evil/frontend\nFROM alpine\n",
                "\uFEFF# syntax=evil/frontend\nFROM alpine\n",
                "   # syntax=evil/frontend\nFROM alpine\n",
                "#!/usr/bin/env buildctl\n# syntax=evil/frontend\nFROM alpine\n",
                "// syntax=evil/frontend\nFROM alpine\n",
                "# check=skip=all\n# syntax=evil/frontend\nFROM alpine\n",
                "# escape=`\n# syntax=evil/frontend\nFROM alpine\n"
            })
    void refusesSyntaxDirectiveInEveryFormBuildKitReads(String dockerfile) {
        assertThat(refusals(dockerfile))
                .anySatisfy(r -> assertThat(r).contains("the syntax directive selects"));
    }

    @Test
    void refusesJsonDocumentThatCouldNameAFrontend() {
        assertThat(refusals("{\"syntax\": \"evil/frontend\"}"))
                .anySatisfy(
                        r -> assertThat(r).startsWith("line 1: the Dockerfile is a JSON document"));
    }

    @Test
    void allowsCheckAndEscapeDirectivesAndSyntaxWordsLaterInTheFile() {
        assertThat(
                        refusals(
                                """
                                # escape=\\
                                # check=skip=JSONArgsRecommended
                                FROM alpine

                                # syntax=docker/dockerfile:1
                                """))
                .isEmpty();
    }

    @Test
    void listsEveryRefusal() {
        assertThat(
                        refusals(
                                """
                                # syntax=evil/frontend
                                FROM localhost:5000/x
                                ADD http://10.0.0.5/y /y
                                """))
                .hasSize(3);
    }

    // --- configuration ---

    @Test
    void normalisesTheConfiguredRegistry() {
        DockerfilePolicy configured =
                new DockerfilePolicy("http://Registry.Internal:5000/", "/base/");

        assertThat(configured.registryHost()).isEqualTo("registry.internal:5000");
        assertThat(configured.refusals("FROM registry.internal:5000/base/node\n", TENANT))
                .isEmpty();
    }

    @Test
    void requiresTheRegistryAndNamespaces() {
        assertThatThrownBy(() -> new DockerfilePolicy(" ", "base"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.refusals("FROM alpine\n", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
