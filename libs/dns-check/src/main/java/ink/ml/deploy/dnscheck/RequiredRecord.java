package ink.ml.deploy.dnscheck;

/** The two records a custom domain needs. */
public enum RequiredRecord {
    /** {@code _dp-verify.{domain}} TXT {@code dp-verify={token}}: proves the user controls it. */
    TXT,
    /** {@code {domain}} CNAME the service's target, or at a zone apex A/AAAA equal to its. */
    CNAME
}
