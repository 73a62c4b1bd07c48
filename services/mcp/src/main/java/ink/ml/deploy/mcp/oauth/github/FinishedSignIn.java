package ink.ml.deploy.mcp.oauth.github;

import ink.ml.deploy.platform.sessions.IssuedSession;

/** A completed GitHub sign-in: the new platform session and the authorization to return to. */
public record FinishedSignIn(IssuedSession session, String authorizeQuery) {}
