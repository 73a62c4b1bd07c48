package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.deployer.worker.domain.CustomDomainTarget;
import ink.ml.deploy.k8s.CustomDomainNames;
import ink.ml.deploy.k8s.CustomDomainResources;
import ink.ml.deploy.k8s.CustomDomainSpec;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.domain.CertificatePhase;
import ink.ml.deploy.workflow.domain.CertificateState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.smallrye.common.annotation.Identifier;
import io.temporal.activity.Activity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A custom domain on Kubernetes: cert-manager issues its certificate (ClusterIssuer {@code
 * letsencrypt-prod}, HTTP-01) and a Traefik Ingress serves it, built by libs/k8s {@link
 * CustomDomainResources}. The two phases are kept apart because cert-manager's HTTP-01 solver
 * answers on plain HTTP through its own temporary Ingress, and a TLS Ingress of ours for the same
 * host would have Traefik redirect the CA's request to HTTPS, away from the solver.
 *
 * <p>cert-manager's resources are not part of the Kubernetes API; they are read and written as
 * generic resources, and a cluster without cert-manager answers 404 for them, which each method
 * turns into a reason naming that.
 */
@ApplicationScoped
@Identifier("kubernetes")
public class KubernetesCustomDomainTarget implements CustomDomainTarget {
    private static final Logger LOG = Logger.getLogger(KubernetesCustomDomainTarget.class);

    private static final int NOT_FOUND = 404;

    static final String CERT_MANAGER_MISSING =
            "cert-manager is not installed in this cluster (no cert-manager.io/v1 Certificate"
                    + " resource): the platform's operator has to install it before custom"
                    + " domains can get certificates";

    static final ResourceDefinitionContext CERTIFICATE_REQUESTS =
            new ResourceDefinitionContext.Builder()
                    .withGroup("cert-manager.io")
                    .withVersion("v1")
                    .withKind("CertificateRequest")
                    .withPlural("certificaterequests")
                    .withNamespaced(true)
                    .build();

    static final ResourceDefinitionContext ORDERS =
            new ResourceDefinitionContext.Builder()
                    .withGroup("acme.cert-manager.io")
                    .withVersion("v1")
                    .withKind("Order")
                    .withPlural("orders")
                    .withNamespaced(true)
                    .build();

    static final ResourceDefinitionContext CHALLENGES =
            new ResourceDefinitionContext.Builder()
                    .withGroup("acme.cert-manager.io")
                    .withVersion("v1")
                    .withKind("Challenge")
                    .withPlural("challenges")
                    .withNamespaced(true)
                    .build();

    private final KubernetesClient client;
    private final ResourceApplier applier;

    public KubernetesCustomDomainTarget(KubernetesClient client, ResourceApplier applier) {
        this.client = client;
        this.applier = applier;
    }

    @Override
    public void requestCertificate(CustomDomainSpec domain) {
        heartbeat("requesting the certificate of " + domain.domain().value());
        GenericKubernetesResource existing = readCertificate(domain);
        if (existing == null && !certManagerInstalled(domain)) {
            throw StepFailure.of(StepFailure.APPLY_REJECTED, CERT_MANAGER_MISSING);
        }
        // A TLS Ingress of ours may be left from an earlier run (phase 2 of an earlier claim of
        // the name, or a removal that did not finish). With the Certificate Ready the domain is
        // served with a valid certificate and there is nothing to solve: deleting the Ingress
        // would only take the site offline. Otherwise it stands in the challenge's way (Traefik
        // sends the CA's plain-HTTP request to HTTPS, where this Ingress answers instead of the
        // solver) and has no certificate to serve anyway, so it goes; phase 2 brings it back.
        if (existing == null || !CertificateDiagnosis.isReady(existing)) {
            tlsIngress(domain).delete();
        }
        apply(CustomDomainResources.from(domain).certificate());
        LOG.infof(
                "requested a certificate for %s (%s)",
                domain.domain().value(), domain.service().hostLabel());
    }

    @Override
    public CertificateState certificateState(CustomDomainSpec domain) {
        heartbeat("reading the certificate of " + domain.domain().value());
        GenericKubernetesResource certificate = readCertificate(domain);
        if (certificate == null) {
            return certManagerInstalled(domain)
                    ? CertificateState.of(CertificatePhase.NOT_REQUESTED)
                    : CertificateState.failed(CERT_MANAGER_MISSING, false);
        }
        if (CertificateDiagnosis.isReady(certificate)) {
            return CertificateState.of(CertificatePhase.READY);
        }
        return CertificateDiagnosis.of(
                certificate,
                listOrEmpty(CERTIFICATE_REQUESTS, domain),
                listOrEmpty(ORDERS, domain),
                listOrEmpty(CHALLENGES, domain));
    }

    @Override
    public void serveTls(CustomDomainSpec domain) {
        heartbeat("serving " + domain.domain().value() + " over TLS");
        GenericKubernetesResource certificate = readCertificate(domain);
        if (certificate == null) {
            throw StepFailure.of(
                    StepFailure.APPLY_REJECTED,
                    certManagerInstalled(domain)
                            ? "no certificate was requested for "
                                    + domain.domain().value()
                                    + ": it has to be requested and issued before the domain is"
                                    + " served over TLS"
                            : CERT_MANAGER_MISSING);
        }
        if (!CertificateDiagnosis.isReady(certificate)) {
            String state = CertificateDiagnosis.readyMessage(certificate);
            // Serving TLS now would block the HTTP-01 challenge the certificate still needs.
            throw StepFailure.of(
                    StepFailure.APPLY_REJECTED,
                    "the certificate for "
                            + domain.domain().value()
                            + " is not issued yet"
                            + (state.isEmpty() ? "" : " (" + state + ")")
                            + ", so the domain cannot be served over TLS");
        }
        apply(CustomDomainResources.from(domain).tlsIngress());
        LOG.infof(
                "serving %s over TLS (%s)", domain.domain().value(), domain.service().hostLabel());
    }

    @Override
    public void remove(CustomDomainSpec domain) {
        heartbeat("removing the TLS route, certificate and key of " + domain.domain().value());
        // Traffic first, then what issues the certificate, then the key pair: cert-manager does
        // not delete the Secret with its Certificate. The Secret's name is read from the
        // Certificate; once the Certificate is gone (a removal retried halfway) it is the name we
        // give it. Deleting what is gone, even a resource type the cluster lacks, is a no-op.
        tlsIngress(domain).delete();
        String secretName = CustomDomainNames.tlsSecretName(domain.domain());
        GenericKubernetesResource certificate = readCertificate(domain);
        if (certificate != null && certificate.get("spec", "secretName") instanceof String named) {
            secretName = named;
        }
        certificates(domain).withName(CustomDomainNames.certificateName(domain.domain())).delete();
        client.secrets().inNamespace(domain.namespace()).withName(secretName).delete();
        LOG.infof(
                "removed the custom domain %s of %s",
                domain.domain().value(), domain.service().hostLabel());
    }

    /** The domain's Certificate, or null when there is none (or no cert-manager to hold one). */
    private GenericKubernetesResource readCertificate(CustomDomainSpec domain) {
        return certificates(domain)
                .withName(CustomDomainNames.certificateName(domain.domain()))
                .get();
    }

    /**
     * Reading one missing object and reading a resource type the cluster lacks both come back
     * empty; listing tells them apart, since a list of an unknown type is a 404.
     */
    private boolean certManagerInstalled(CustomDomainSpec domain) {
        try {
            certificates(domain).list();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Requests, orders and challenges the cluster lacks (a partial install) are none at all. */
    private List<GenericKubernetesResource> listOrEmpty(
            ResourceDefinitionContext type, CustomDomainSpec domain) {
        try {
            return client.genericKubernetesResources(type)
                    .inNamespace(domain.namespace())
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource,
                    GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            certificates(CustomDomainSpec domain) {
        return client.genericKubernetesResources(KubernetesExecutionTarget.CERTIFICATES)
                .inNamespace(domain.namespace());
    }

    private Resource<Ingress> tlsIngress(CustomDomainSpec domain) {
        return client.network()
                .v1()
                .ingresses()
                .inNamespace(domain.namespace())
                .withName(CustomDomainNames.ingressName(domain.domain()));
    }

    private void apply(HasMetadata resource) {
        ResourceApplications.apply(applier, resource);
    }

    /** Lets a cancelled domain workflow stop this activity promptly. */
    private static void heartbeat(String details) {
        Activity.getExecutionContext().heartbeat(details);
    }
}
