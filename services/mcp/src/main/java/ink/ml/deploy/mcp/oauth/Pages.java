package ink.ml.deploy.mcp.oauth;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The authorization server's HTML pages (Qute, HTML-escaped): consent and errors. */
@CheckedTemplate(basePath = "oauth")
final class Pages {
    private Pages() {}

    static native TemplateInstance consent(ConsentPage page);

    static native TemplateInstance error(String title, String message);
}
