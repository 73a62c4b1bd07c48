package ink.ml.deploy.k8s.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkPolicyEvaluatorTest {

    private static final String SHOP = "dp-alice-shop";
    private static final String BLOG = "dp-bob-blog";
    private static final String SYSTEM = "dp-system";

    private static final Pod WEB = new Pod(SHOP, Map.of(), Map.of("app", "web"), "10.42.0.10");
    private static final Pod DB = new Pod(SHOP, Map.of(), Map.of("app", "db"), "10.42.0.11");
    // Same labels as WEB on purpose: only the namespace tells them apart.
    private static final Pod BLOG_WEB = new Pod(BLOG, Map.of(), Map.of("app", "web"), "10.42.1.10");
    private static final Pod TRAEFIK =
            new Pod(
                    SYSTEM,
                    Map.of("mcpdeploy.ink/plane", "system"),
                    Map.of("app.kubernetes.io/name", "traefik"),
                    "10.42.2.5");
    private static final Pod SYSTEM_METRICS =
            new Pod(
                    SYSTEM,
                    Map.of("mcpdeploy.ink/plane", "system"),
                    Map.of("app.kubernetes.io/name", "metrics"),
                    "10.42.2.6");

    private static final ExternalAddress INTERNET = new ExternalAddress("1.1.1.1");
    private static final ExternalAddress CLUSTER_DNS = new ExternalAddress("10.43.0.10");
    private static final ExternalAddress METADATA = new ExternalAddress("169.254.169.254");

    @Test
    void allowsEverythingWhenNoPolicyExists() {
        NetworkPolicyEvaluator evaluator = evaluator();

        assertThat(evaluator.allows(BLOG_WEB, DB, 5432, "TCP")).isTrue();
        assertThat(evaluator.allows(WEB, METADATA, 80, "TCP")).isTrue();
        assertThat(evaluator.allows(WEB, CLUSTER_DNS, 53, "UDP")).isTrue();
    }

    @Test
    void deniesIngressOnceAnyPolicySelectsThePod() {
        NetworkPolicyEvaluator evaluator = evaluator(isolating(SHOP, "Ingress"));

        assertThat(evaluator.allowsIngress(WEB, DB, 5432, "TCP")).isFalse();
        assertThat(evaluator.allowsIngress(TRAEFIK, WEB, 8080, "TCP")).isFalse();
        assertThat(evaluator.allowsEgress(WEB, INTERNET, 443, "TCP"))
                .as("an Ingress-only policy leaves egress open")
                .isTrue();
    }

    @Test
    void podSelectorOfThePolicyDecidesWhichPodsAreIsolated() {
        // spotless:off
        NetworkPolicy isolateDb = policy(SHOP, "isolate-db")
                .withNewSpec()
                    .withNewPodSelector()
                        .addToMatchLabels("app", "db")
                    .endPodSelector()
                    .withPolicyTypes("Ingress")
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(isolateDb);

        assertThat(evaluator.allowsIngress(WEB, DB, 5432, "TCP")).isFalse();
        assertThat(evaluator.allowsIngress(DB, WEB, 8080, "TCP")).isTrue();
    }

    @Test
    void policyOnlySelectsPodsInItsOwnNamespace() {
        NetworkPolicyEvaluator evaluator = evaluator(isolating(BLOG, "Ingress"));

        assertThat(evaluator.allowsIngress(BLOG_WEB, WEB, 8080, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(WEB, BLOG_WEB, 8080, "TCP")).isFalse();
    }

    @Test
    void ruleWithoutPeersOrPortsAllowsEverySourceOnEveryPort() {
        // spotless:off
        NetworkPolicy allowAll = policy(SHOP, "allow-all-ingress")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewIngress()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(allowAll);

        assertThat(evaluator.allowsIngress(BLOG_WEB, DB, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(INTERNET, DB, 9, "UDP")).isTrue();
    }

    @Test
    void podSelectorPeerOnlyMatchesPodsInThePolicyNamespace() {
        // spotless:off
        NetworkPolicy dbFromWeb = policy(SHOP, "db-from-web")
                .withNewSpec()
                    .withNewPodSelector()
                        .addToMatchLabels("app", "db")
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewPodSelector()
                                .addToMatchLabels("app", "web")
                            .endPodSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(dbFromWeb);

        assertThat(evaluator.allowsIngress(WEB, DB, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(BLOG_WEB, DB, 5432, "TCP"))
                .as("app=web in another namespace")
                .isFalse();
    }

    @Test
    void namespaceSelectorPeerMatchesEveryPodInMatchingNamespaces() {
        // spotless:off
        NetworkPolicy fromSystem = policy(SHOP, "from-system")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewNamespaceSelector()
                                .addToMatchLabels(Pod.NAMESPACE_NAME_LABEL, SYSTEM)
                            .endNamespaceSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(fromSystem);

        assertThat(evaluator.allowsIngress(TRAEFIK, WEB, 8080, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(SYSTEM_METRICS, WEB, 8080, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(DB, WEB, 8080, "TCP"))
                .as("the policy's own namespace is not selected unless it matches")
                .isFalse();
    }

    @Test
    void namespaceAndPodSelectorInOnePeerMustBothMatch() {
        // spotless:off
        NetworkPolicy fromTraefik = policy(SHOP, "from-traefik")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewNamespaceSelector()
                                .addToMatchLabels(Pod.NAMESPACE_NAME_LABEL, SYSTEM)
                            .endNamespaceSelector()
                            .withNewPodSelector()
                                .addToMatchLabels("app.kubernetes.io/name", "traefik")
                            .endPodSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(fromTraefik);
        Pod traefikLookalike =
                new Pod(BLOG, Map.of(), Map.of("app.kubernetes.io/name", "traefik"), "10.42.1.99");

        assertThat(evaluator.allowsIngress(TRAEFIK, WEB, 8080, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(SYSTEM_METRICS, WEB, 8080, "TCP")).isFalse();
        assertThat(evaluator.allowsIngress(traefikLookalike, WEB, 8080, "TCP")).isFalse();
    }

    @Test
    void namespaceAndPodSelectorInSeparatePeersMatchEither() {
        // spotless:off
        NetworkPolicy fromSystemOrWeb = policy(SHOP, "from-system-or-web")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewNamespaceSelector()
                                .addToMatchLabels(Pod.NAMESPACE_NAME_LABEL, SYSTEM)
                            .endNamespaceSelector()
                        .endFrom()
                        .addNewFrom()
                            .withNewPodSelector()
                                .addToMatchLabels("app", "web")
                            .endPodSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(fromSystemOrWeb);

        assertThat(evaluator.allowsIngress(SYSTEM_METRICS, DB, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(WEB, DB, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(BLOG_WEB, DB, 5432, "TCP")).isFalse();
    }

    @Test
    void emptyNamespaceSelectorMatchesPodsInEveryNamespace() {
        // spotless:off
        NetworkPolicy fromAnyPod = policy(SHOP, "from-any-pod")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewNamespaceSelector()
                            .endNamespaceSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(fromAnyPod);

        assertThat(evaluator.allowsIngress(BLOG_WEB, DB, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(TRAEFIK, DB, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(INTERNET, DB, 5432, "TCP"))
                .as("selectors only ever select pods")
                .isFalse();
    }

    @Test
    void inExpressionRequiresOneOfTheValues() {
        NetworkPolicyEvaluator evaluator = ingressToDbFromPodsWhere("tier", "In", "web", "api");

        assertThat(evaluator.allowsIngress(shopPod(Map.of("tier", "api")), DB, 5432, "TCP"))
                .isTrue();
        assertThat(evaluator.allowsIngress(shopPod(Map.of("tier", "batch")), DB, 5432, "TCP"))
                .isFalse();
        assertThat(evaluator.allowsIngress(shopPod(Map.of()), DB, 5432, "TCP")).isFalse();
    }

    @Test
    void notInExpressionAlsoMatchesPodsWithoutTheLabel() {
        NetworkPolicyEvaluator evaluator = ingressToDbFromPodsWhere("tier", "NotIn", "batch");

        assertThat(evaluator.allowsIngress(shopPod(Map.of("tier", "api")), DB, 5432, "TCP"))
                .isTrue();
        assertThat(evaluator.allowsIngress(shopPod(Map.of()), DB, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(shopPod(Map.of("tier", "batch")), DB, 5432, "TCP"))
                .isFalse();
    }

    @Test
    void existsAndDoesNotExistLookOnlyAtTheKey() {
        NetworkPolicyEvaluator exists = ingressToDbFromPodsWhere("tier", "Exists");
        NetworkPolicyEvaluator doesNotExist = ingressToDbFromPodsWhere("tier", "DoesNotExist");
        Pod labelled = shopPod(Map.of("tier", ""));
        Pod unlabelled = shopPod(Map.of());

        assertThat(exists.allowsIngress(labelled, DB, 5432, "TCP")).isTrue();
        assertThat(exists.allowsIngress(unlabelled, DB, 5432, "TCP")).isFalse();
        assertThat(doesNotExist.allowsIngress(labelled, DB, 5432, "TCP")).isFalse();
        assertThat(doesNotExist.allowsIngress(unlabelled, DB, 5432, "TCP")).isTrue();
    }

    @Test
    void matchLabelsAndMatchExpressionsMustAllHold() {
        // spotless:off
        NetworkPolicy dbFromWebApi = policy(SHOP, "db-from-web-api")
                .withNewSpec()
                    .withNewPodSelector()
                        .addToMatchLabels("app", "db")
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewPodSelector()
                                .addToMatchLabels("app", "web")
                                .addNewMatchExpression()
                                    .withKey("tier")
                                    .withOperator("In")
                                    .withValues("api")
                                .endMatchExpression()
                            .endPodSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(dbFromWebApi);
        Pod webApi = shopPod(Map.of("app", "web", "tier", "api"));
        Pod workerApi = shopPod(Map.of("app", "worker", "tier", "api"));

        assertThat(evaluator.allowsIngress(webApi, DB, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(workerApi, DB, 5432, "TCP")).isFalse();
        assertThat(evaluator.allowsIngress(WEB, DB, 5432, "TCP")).isFalse();
    }

    @Test
    void ipBlockAllowsAddressesInTheCidrButNotInItsExceptions() {
        NetworkPolicyEvaluator evaluator = evaluator(publicInternetOnly(SHOP));

        assertThat(evaluator.allowsEgress(WEB, INTERNET, 443, "TCP")).isTrue();
        assertThat(evaluator.allowsEgress(WEB, new ExternalAddress("172.32.0.1"), 443, "TCP"))
                .as("just outside 172.16.0.0/12")
                .isTrue();
        assertThat(evaluator.allowsEgress(WEB, new ExternalAddress("172.31.255.255"), 443, "TCP"))
                .isFalse();
        assertThat(evaluator.allowsEgress(WEB, CLUSTER_DNS, 53, "UDP")).isFalse();
        assertThat(evaluator.allowsEgress(WEB, METADATA, 80, "TCP")).isFalse();
        assertThat(evaluator.allowsEgress(WEB, new ExternalAddress("169.254.169.253"), 80, "TCP"))
                .as("only the /32 is excepted")
                .isTrue();
    }

    @Test
    void ipBlockMatchesPodsByTheirIp() {
        // spotless:off
        NetworkPolicy toPodNetwork = policy(SHOP, "to-pod-network")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewEgress()
                        .addNewTo()
                            .withNewIpBlock()
                                .withCidr("10.42.0.0/16")
                                .withExcept("10.42.1.0/24")
                            .endIpBlock()
                        .endTo()
                    .endEgress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(toPodNetwork);

        assertThat(evaluator.allowsEgress(WEB, TRAEFIK, 80, "TCP")).isTrue();
        assertThat(evaluator.allowsEgress(WEB, BLOG_WEB, 80, "TCP")).isFalse();
        assertThat(evaluator.allowsEgress(WEB, INTERNET, 80, "TCP")).isFalse();
    }

    @Test
    void ipBlockInIngressRuleMatchesExternalSources() {
        // spotless:off
        NetworkPolicy fromOffice = policy(SHOP, "from-office")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewIpBlock()
                                .withCidr("203.0.113.0/24")
                            .endIpBlock()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(fromOffice);

        assertThat(evaluator.allowsIngress(new ExternalAddress("203.0.113.7"), WEB, 443, "TCP"))
                .isTrue();
        assertThat(evaluator.allowsIngress(INTERNET, WEB, 443, "TCP")).isFalse();
    }

    @Test
    void portWithoutProtocolMeansTcp() {
        NetworkPolicyEvaluator evaluator = egressOnlyTo(new IntOrString(53), null, null);

        assertThat(evaluator.allowsEgress(WEB, CLUSTER_DNS, 53, "TCP")).isTrue();
        assertThat(evaluator.allowsEgress(WEB, CLUSTER_DNS, 53, "UDP")).isFalse();
    }

    @Test
    void udpPortDoesNotAllowTcpOrOtherPorts() {
        NetworkPolicyEvaluator evaluator = egressOnlyTo(new IntOrString(53), null, "UDP");

        assertThat(evaluator.allowsEgress(WEB, CLUSTER_DNS, 53, "UDP")).isTrue();
        assertThat(evaluator.allowsEgress(WEB, CLUSTER_DNS, 53, "TCP")).isFalse();
        assertThat(evaluator.allowsEgress(WEB, CLUSTER_DNS, 54, "UDP")).isFalse();
        assertThat(evaluator.allowsEgress(WEB, CLUSTER_DNS, 53, "SCTP")).isFalse();
    }

    @Test
    void endPortAllowsTheWholeRangeInclusive() {
        NetworkPolicyEvaluator evaluator = egressOnlyTo(new IntOrString(8000), 8080, "TCP");

        assertThat(evaluator.allowsEgress(WEB, INTERNET, 8000, "TCP")).isTrue();
        assertThat(evaluator.allowsEgress(WEB, INTERNET, 8042, "TCP")).isTrue();
        assertThat(evaluator.allowsEgress(WEB, INTERNET, 8080, "TCP")).isTrue();
        assertThat(evaluator.allowsEgress(WEB, INTERNET, 7999, "TCP")).isFalse();
        assertThat(evaluator.allowsEgress(WEB, INTERNET, 8081, "TCP")).isFalse();
    }

    @Test
    void portEntryWithOnlyAProtocolAllowsEveryPortOfThatProtocol() {
        NetworkPolicyEvaluator evaluator = egressOnlyTo(null, null, "UDP");

        assertThat(evaluator.allowsEgress(WEB, INTERNET, 1, "UDP")).isTrue();
        assertThat(evaluator.allowsEgress(WEB, INTERNET, 65535, "UDP")).isTrue();
        assertThat(evaluator.allowsEgress(WEB, INTERNET, 443, "TCP")).isFalse();
    }

    @Test
    void namedPortNeverMatchesAPortNumber() {
        NetworkPolicyEvaluator evaluator = egressOnlyTo(new IntOrString("http"), null, "TCP");

        assertThat(evaluator.allowsEgress(WEB, INTERNET, 80, "TCP")).isFalse();
    }

    @Test
    void egressOnlyPolicyLeavesIngressOpen() {
        NetworkPolicyEvaluator evaluator = evaluator(isolating(SHOP, "Egress"));

        assertThat(evaluator.allowsEgress(WEB, INTERNET, 443, "TCP")).isFalse();
        assertThat(evaluator.allowsEgress(WEB, DB, 5432, "TCP")).isFalse();
        assertThat(evaluator.allowsIngress(BLOG_WEB, WEB, 8080, "TCP")).isTrue();
    }

    @Test
    void withoutPolicyTypesEgressIsIsolatedOnlyWhenEgressRulesExist() {
        // spotless:off
        NetworkPolicy ingressRulesOnly = policy(SHOP, "ingress-rules-only")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewPodSelector()
                            .endPodSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        NetworkPolicy egressRulesToo = new NetworkPolicyBuilder(ingressRulesOnly)
                .editMetadata()
                    .withName("egress-rules-too")
                .endMetadata()
                .editSpec()
                    .addNewEgress()
                        .addNewPort()
                            .withPort(new IntOrString(53))
                            .withProtocol("UDP")
                        .endPort()
                    .endEgress()
                .endSpec()
                .build();
        // spotless:on

        NetworkPolicyEvaluator implicitIngress = evaluator(ingressRulesOnly);
        assertThat(implicitIngress.allowsIngress(BLOG_WEB, WEB, 8080, "TCP")).isFalse();
        assertThat(implicitIngress.allowsEgress(WEB, INTERNET, 443, "TCP")).isTrue();

        NetworkPolicyEvaluator implicitBoth = evaluator(egressRulesToo);
        assertThat(implicitBoth.allowsIngress(BLOG_WEB, WEB, 8080, "TCP")).isFalse();
        assertThat(implicitBoth.allowsEgress(WEB, INTERNET, 443, "TCP")).isFalse();
        assertThat(implicitBoth.allowsEgress(WEB, CLUSTER_DNS, 53, "UDP")).isTrue();
    }

    @Test
    void unionOfPoliciesAllowsWhatAnyOfThemAllows() {
        // spotless:off
        NetworkPolicy fromSameNamespace = policy(SHOP, "from-same-namespace")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewPodSelector()
                            .endPodSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        NetworkPolicy fromSystemToWeb = policy(SHOP, "from-system-to-web")
                .withNewSpec()
                    .withNewPodSelector()
                        .addToMatchLabels("app", "web")
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewNamespaceSelector()
                                .addToMatchLabels(Pod.NAMESPACE_NAME_LABEL, SYSTEM)
                            .endNamespaceSelector()
                        .endFrom()
                        .addNewPort()
                            .withPort(new IntOrString(8080))
                        .endPort()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator = evaluator(fromSameNamespace, fromSystemToWeb);

        assertThat(evaluator.allowsIngress(DB, WEB, 8080, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(TRAEFIK, WEB, 8080, "TCP")).isTrue();
        assertThat(evaluator.allowsIngress(TRAEFIK, WEB, 9090, "TCP")).isFalse();
        assertThat(evaluator.allowsIngress(TRAEFIK, DB, 8080, "TCP"))
                .as("only the web pods are selected by the dp-system policy")
                .isFalse();
        assertThat(evaluator.allowsIngress(BLOG_WEB, WEB, 8080, "TCP")).isFalse();
    }

    @Test
    void connectionBetweenPodsNeedsEgressOfSourceAndIngressOfDestination() {
        NetworkPolicyEvaluator blogDeniesEgress = evaluator(isolating(BLOG, "Egress"));
        NetworkPolicyEvaluator shopDeniesIngress = evaluator(isolating(SHOP, "Ingress"));

        assertThat(blogDeniesEgress.allows(BLOG_WEB, WEB, 8080, "TCP")).isFalse();
        assertThat(shopDeniesIngress.allows(BLOG_WEB, WEB, 8080, "TCP")).isFalse();
        assertThat(shopDeniesIngress.allows(WEB, BLOG_WEB, 8080, "TCP")).isTrue();
        assertThat(shopDeniesIngress.allows(WEB, INTERNET, 443, "TCP"))
                .as("a bare address has no ingress policies")
                .isTrue();
    }

    @Test
    void podCanAlwaysReachItself() {
        NetworkPolicyEvaluator evaluator = evaluator(isolating(SHOP, "Ingress", "Egress"));

        assertThat(evaluator.allows(WEB, WEB, 8080, "TCP")).isTrue();
        assertThat(evaluator.allows(WEB, DB, 5432, "TCP")).isFalse();
    }

    @Test
    void isolatesProjectsAsTheDesignRequiresWithHandWrittenPolicies() {
        // DESIGN.md §5 written out by hand, to show how a whole project's policies read here.
        // spotless:off
        NetworkPolicy ingress = policy(SHOP, "ingress")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .withPolicyTypes("Ingress")
                    .addNewIngress()
                        .addNewFrom()
                            .withNewPodSelector()
                            .endPodSelector()
                        .endFrom()
                        .addNewFrom()
                            .withNewNamespaceSelector()
                                .addToMatchLabels(Pod.NAMESPACE_NAME_LABEL, SYSTEM)
                            .endNamespaceSelector()
                            .withNewPodSelector()
                                .addToMatchLabels("app.kubernetes.io/name", "traefik")
                            .endPodSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        NetworkPolicy egressToProjectAndDns = policy(SHOP, "egress")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .withPolicyTypes("Egress")
                    .addNewEgress()
                        .addNewTo()
                            .withNewPodSelector()
                            .endPodSelector()
                        .endTo()
                    .endEgress()
                    .addNewEgress()
                        .addNewPort()
                            .withPort(new IntOrString(53))
                            .withProtocol("UDP")
                        .endPort()
                        .addNewPort()
                            .withPort(new IntOrString(53))
                            .withProtocol("TCP")
                        .endPort()
                    .endEgress()
                .endSpec()
                .build();
        // spotless:on
        NetworkPolicyEvaluator evaluator =
                evaluator(ingress, egressToProjectAndDns, publicInternetOnly(SHOP));

        assertThat(evaluator.allows(TRAEFIK, WEB, 8080, "TCP")).isTrue();
        assertThat(evaluator.allows(WEB, DB, 5432, "TCP")).isTrue();
        assertThat(evaluator.allows(WEB, CLUSTER_DNS, 53, "UDP")).isTrue();
        assertThat(evaluator.allows(WEB, INTERNET, 443, "TCP")).isTrue();
        assertThat(evaluator.allows(SYSTEM_METRICS, WEB, 8080, "TCP")).isFalse();
        assertThat(evaluator.allows(BLOG_WEB, WEB, 8080, "TCP")).isFalse();
        assertThat(evaluator.allows(WEB, BLOG_WEB, 8080, "TCP")).isFalse();
        assertThat(evaluator.allows(WEB, CLUSTER_DNS, 443, "TCP")).isFalse();
        assertThat(evaluator.allows(WEB, METADATA, 80, "TCP")).isFalse();
    }

    @Test
    void podCarriesTheNamespaceNameLabel() {
        assertThat(WEB.namespaceLabels()).containsEntry(Pod.NAMESPACE_NAME_LABEL, SHOP);
        assertThat(TRAEFIK.namespaceLabels())
                .containsEntry(Pod.NAMESPACE_NAME_LABEL, SYSTEM)
                .containsEntry("mcpdeploy.ink/plane", "system");
        assertThatThrownBy(
                        () ->
                                new Pod(
                                        SHOP,
                                        Map.of(Pod.NAMESPACE_NAME_LABEL, BLOG),
                                        Map.of(),
                                        "10.42.0.1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsPoliciesTheApiServerWouldReject() {
        // spotless:off
        NetworkPolicy withoutNamespace = new NetworkPolicyBuilder()
                .withNewMetadata()
                    .withName("no-namespace")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build();
        NetworkPolicy ipBlockWithSelector = policy(SHOP, "mixed-peer")
                .withNewSpec()
                    .addNewEgress()
                        .addNewTo()
                            .withNewIpBlock()
                                .withCidr("0.0.0.0/0")
                            .endIpBlock()
                            .withNewPodSelector()
                            .endPodSelector()
                        .endTo()
                    .endEgress()
                .endSpec()
                .build();
        NetworkPolicy exceptOutsideCidr = policy(SHOP, "bad-except")
                .withNewSpec()
                    .addNewEgress()
                        .addNewTo()
                            .withNewIpBlock()
                                .withCidr("10.0.0.0/8")
                                .withExcept("192.168.0.0/16")
                            .endIpBlock()
                        .endTo()
                    .endEgress()
                .endSpec()
                .build();
        NetworkPolicy lowercaseProtocol = policy(SHOP, "lowercase-protocol")
                .withNewSpec()
                    .addNewIngress()
                        .addNewPort()
                            .withProtocol("udp")
                        .endPort()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on

        assertThatThrownBy(() -> evaluator(withoutNamespace))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a namespace");
        assertThatThrownBy(() -> evaluator(ipBlockWithSelector))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("either an ipBlock or selectors");
        assertThatThrownBy(() -> evaluator(exceptOutsideCidr))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a strict subset");
        assertThatThrownBy(() -> evaluator(lowercaseProtocol))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("protocol must be one of");
    }

    @Test
    void rejectsQuestionsNoPacketCouldAsk() {
        NetworkPolicyEvaluator evaluator = evaluator();

        assertThatThrownBy(() -> evaluator.allows(WEB, DB, 5432, "tcp"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> evaluator.allows(WEB, DB, 0, "TCP"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExternalAddress("example.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static NetworkPolicyEvaluator evaluator(NetworkPolicy... policies) {
        return new NetworkPolicyEvaluator(List.of(policies));
    }

    private static NetworkPolicyBuilder policy(String namespace, String name) {
        // spotless:off
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                    .withNamespace(namespace)
                    .withName(name)
                .endMetadata();
        // spotless:on
    }

    /** Selects every pod of the namespace for the given directions and allows nothing. */
    private static NetworkPolicy isolating(String namespace, String... policyTypes) {
        // spotless:off
        return policy(namespace, "isolating")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .withPolicyTypes(policyTypes)
                .endSpec()
                .build();
        // spotless:on
    }

    private static Pod shopPod(Map<String, String> labels) {
        return new Pod(SHOP, Map.of(), labels, "10.42.0.50");
    }

    /** Isolates DB for ingress, letting in only pods of SHOP that satisfy one expression. */
    private static NetworkPolicyEvaluator ingressToDbFromPodsWhere(
            String key, String operator, String... values) {
        // spotless:off
        NetworkPolicy policy = policy(SHOP, "db-" + operator.toLowerCase(Locale.ROOT))
                .withNewSpec()
                    .withNewPodSelector()
                        .addToMatchLabels("app", "db")
                    .endPodSelector()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewPodSelector()
                                .addNewMatchExpression()
                                    .withKey(key)
                                    .withOperator(operator)
                                    .withValues(values)
                                .endMatchExpression()
                            .endPodSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
        return evaluator(policy);
    }

    /** Isolates every SHOP pod for egress, letting out only what one port entry allows. */
    private static NetworkPolicyEvaluator egressOnlyTo(
            IntOrString port, Integer endPort, String protocol) {
        // spotless:off
        NetworkPolicy policy = policy(SHOP, "egress-port")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewEgress()
                        .addNewPort()
                            .withPort(port)
                            .withEndPort(endPort)
                            .withProtocol(protocol)
                        .endPort()
                    .endEgress()
                .endSpec()
                .build();
        // spotless:on
        return evaluator(policy);
    }

    /** Egress to the public internet only: no RFC 1918 range and no cloud metadata. */
    private static NetworkPolicy publicInternetOnly(String namespace) {
        // spotless:off
        return policy(namespace, "public-internet")
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .withPolicyTypes("Egress")
                    .addNewEgress()
                        .addNewTo()
                            .withNewIpBlock()
                                .withCidr("0.0.0.0/0")
                                .withExcept(
                                        "10.0.0.0/8",
                                        "172.16.0.0/12",
                                        "192.168.0.0/16",
                                        "169.254.169.254/32")
                            .endIpBlock()
                        .endTo()
                    .endEgress()
                .endSpec()
                .build();
        // spotless:on
    }
}
