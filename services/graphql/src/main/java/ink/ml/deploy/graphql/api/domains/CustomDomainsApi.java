package ink.ml.deploy.graphql.api.domains;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.control.CustomDomainControl;
import ink.ml.deploy.graphql.api.services.Service;
import ink.ml.deploy.platform.domains.CustomDomainView;
import ink.ml.deploy.platform.domains.CustomDomains;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/**
 * Custom domains: one line per operation into libs/control {@code CustomDomainControl} (changes,
 * which start the domain's workflows) or libs/platform {@code CustomDomains} (reads).
 */
@GraphQLApi
public class CustomDomainsApi {
    private final CurrentCaller caller;
    private final CustomDomains domains;
    private final CustomDomainControl control;

    public CustomDomainsApi(
            CurrentCaller caller, CustomDomains domains, CustomDomainControl control) {
        this.caller = caller;
        this.domains = domains;
        this.control = control;
    }

    @Mutation("addCustomDomain")
    @Description(
            "Attaches a domain you own to one of your services. Returns the two DNS records to"
                    + " create at your DNS provider: TXT _dp-verify.<domain> = dp-verify=<token>,"
                    + " and CNAME <domain> → the service's target (an apex domain whose provider"
                    + " cannot CNAME may use A/AAAA records with the target's addresses). Then"
                    + " call verifyCustomDomain (the records are also checked by themselves, for up"
                    + " to an hour). Refused: wildcards, IP addresses, URLs, ml.ink and"
                    + " names under it (BAD_USER_INPUT); a name another account holds (CONFLICT).")
    public @NonNull CustomDomain addCustomDomain(
            @Name("serviceId") @NonNull @Id String serviceId,
            @Name("domain") @NonNull @Description("A host name, e.g. app.example.com.")
                    String domain) {
        return CustomDomain.of(control.add(caller.get(), serviceId, domain));
    }

    @Mutation("verifyCustomDomain")
    @Description(
            "Asks for the domain's DNS records to be checked now; answers with their statuses as"
                    + " the last check left them (query the domain again for this check's). Once"
                    + " both are found the certificate is issued and the domain served over HTTPS."
                    + " DNS changes can take minutes to show. Limited to 10"
                    + " requests a minute per account and 3 per domain (RATE_LIMITED, with the"
                    + " wait).")
    public @NonNull CustomDomain verifyCustomDomain(@Name("id") @NonNull @Id String id) {
        return CustomDomain.of(control.verify(caller.get(), id));
    }

    @Mutation("removeCustomDomain")
    @Description(
            "Detaches the domain from its service: it stops being served and the name is free"
                    + " again. Returns its id.")
    public @NonNull @Id String removeCustomDomain(@Name("id") @NonNull @Id String id) {
        control.remove(caller.get(), id);
        return id;
    }

    /**
     * Batched: one query for the domains of every service in the response, however many services a
     * page of projects holds.
     */
    @Description("The service's custom domains, oldest first, each with its DNS records' status.")
    public List<@NonNull List<@NonNull CustomDomain>> customDomains(
            @Source List<Service> services) {
        List<UUID> ids = services.stream().map(s -> UUID.fromString(s.id())).toList();
        Map<UUID, List<CustomDomainView>> byService = domains.listByServices(caller.get(), ids);
        return ids.stream()
                .map(
                        id ->
                                byService.getOrDefault(id, List.of()).stream()
                                        .map(CustomDomain::of)
                                        .toList())
                .toList();
    }
}
