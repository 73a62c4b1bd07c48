package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.control.CustomDomainControl;
import ink.ml.deploy.platform.domains.CustomDomainView;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;

/** Custom domains: attach one to a service, have its DNS checked, detach it. */
@ToolErrors
public class DomainTools {
    /** What the agent must ask its user to do at their DNS provider. */
    static final String DNS_INSTRUCTIONS =
            " Ask your user to create exactly these two records at their DNS provider, copying"
                    + " the values verbatim from the result's records: (1) a TXT record named"
                    + " _dp-verify.<domain> with the value dp-verify=<token>; (2) a CNAME record"
                    + " named <domain> pointing to the service's target (…cname.ml.ink). An apex"
                    + " domain (example.com itself), where most providers allow no CNAME, may use"
                    + " ALIAS/ANAME, or A and AAAA records with the same addresses the CNAME target"
                    + " resolves to. DNS changes can take minutes (sometimes an hour) to be"
                    + " visible; then call verify_custom_domain.";

    private final CurrentCaller caller;
    private final CustomDomainControl domains;

    DomainTools(CurrentCaller caller, CustomDomainControl domains) {
        this.caller = caller;
        this.domains = domains;
    }

    @Tool(
            name = "add_custom_domain",
            title = "Add custom domain",
            description =
                    "Attaches a domain the user owns (e.g. app.example.com) to a service and"
                            + " returns the two DNS records that prove ownership and route"
                            + " traffic. The records are then checked by themselves for up to an"
                            + " hour."
                            + DNS_INSTRUCTIONS
                            + " Refused: wildcards, IP addresses, URLs (give the bare host name),"
                            + " ml.ink and names under it, and a name another account has"
                            + " verified.",
            annotations =
                    @Tool.Annotations(
                            title = "Add custom domain",
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            structuredContent = true)
    CustomDomainOutput addCustomDomain(
            @ToolArg(name = "serviceId", description = "The service's id (list_services).")
                    String serviceId,
            @ToolArg(
                            name = "domain",
                            description =
                                    "The host name only, e.g. app.example.com: no https://, no"
                                            + " path, no port, no wildcard.")
                    String domain) {
        return CustomDomainOutput.of(domains.add(caller.get(), serviceId, domain));
    }

    @Tool(
            name = "verify_custom_domain",
            title = "Verify custom domain",
            description =
                    "Asks for a custom domain's two DNS records to be checked and returns each"
                            + " record's status as the last check left them (pending, ok,"
                            + " missing, wrong with what was found, error) and the error in plain"
                            + " words (call get_service for this check's outcome). Once both are"
                            + " ok the certificate is issued and the domain serves HTTPS;"
                            + " certificateStatus says how far it is, certificateError why it"
                            + " failed, recordsMissing when the records went away later. DNS changes can take minutes to be visible: if a"
                            + " record is missing or wrong right after the user created it, wait"
                            + " a few minutes and call again, rather than changing the records."
                            + " Limited to 10 calls a minute per account and 3 per domain; a"
                            + " refusal says how many seconds to wait.",
            annotations =
                    @Tool.Annotations(
                            title = "Verify custom domain",
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = true),
            structuredContent = true)
    CustomDomainOutput verifyCustomDomain(
            @ToolArg(
                            name = "domainId",
                            description =
                                    "The domain's id (add_custom_domain, or customDomains in"
                                            + " get_service).")
                    String domainId) {
        return CustomDomainOutput.of(domains.verify(caller.get(), domainId));
    }

    @Tool(
            name = "remove_custom_domain",
            title = "Remove custom domain",
            description =
                    "Detaches a custom domain from its service: it stops being served and the"
                            + " name can be added again, by anyone. The user may then delete the"
                            + " two DNS records.",
            annotations =
                    @Tool.Annotations(
                            title = "Remove custom domain",
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = false,
                            openWorldHint = false),
            structuredContent = true)
    RemovedDomainOutput removeCustomDomain(
            @ToolArg(
                            name = "domainId",
                            description =
                                    "The domain's id (add_custom_domain, or customDomains in"
                                            + " get_service).")
                    String domainId) {
        CustomDomainView domain = domains.remove(caller.get(), domainId);
        return new RemovedDomainOutput(
                domain.id(),
                domain.domain(),
                "removed",
                "The user may delete the TXT record "
                        + domain.records().txtName()
                        + " and the CNAME record "
                        + domain.records().cnameName()
                        + ".");
    }
}
