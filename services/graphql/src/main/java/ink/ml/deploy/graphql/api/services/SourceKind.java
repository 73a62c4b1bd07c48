package ink.ml.deploy.graphql.api.services;

import java.util.Locale;
import org.eclipse.microprofile.graphql.Description;

@Description("Where a service's code comes from.")
public enum SourceKind {
    @Description("A repository on GitHub, reached through the GitHub App installation.")
    GITHUB,
    @Description("An internal repository on the platform's git server.")
    INTERNAL;

    static SourceKind fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
