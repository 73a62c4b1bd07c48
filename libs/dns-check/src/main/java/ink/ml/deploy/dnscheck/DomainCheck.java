package ink.ml.deploy.dnscheck;

import java.util.Objects;

/** Both records of a custom domain as the DNS has them; the domain is verified when both are OK. */
public record DomainCheck(String domain, RecordCheck txt, RecordCheck cname) {
    public DomainCheck {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(txt, "txt");
        Objects.requireNonNull(cname, "cname");
    }

    public boolean verified() {
        return txt.ok() && cname.ok();
    }
}
