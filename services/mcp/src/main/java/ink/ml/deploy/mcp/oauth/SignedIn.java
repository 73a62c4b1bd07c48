package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.platform.common.Caller;

/**
 * The user at the browser, by their platform session. The session token binds the consent form to
 * this sign-in (see {@link ConsentCsrf}); it is never rendered.
 */
record SignedIn(Caller caller, String sessionToken) {
    @Override
    public String toString() {
        return "SignedIn[" + caller.id() + "]";
    }
}
