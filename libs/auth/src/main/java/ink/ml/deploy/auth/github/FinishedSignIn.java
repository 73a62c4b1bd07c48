package ink.ml.deploy.auth.github;

import ink.ml.deploy.platform.sessions.IssuedSession;

/** A completed GitHub sign-in: the new platform session and where the browser returns to. */
public record FinishedSignIn(IssuedSession session, String returnTo) {}
