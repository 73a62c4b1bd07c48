package ink.ml.deploy.mcp.tools;

import java.util.List;

/** A repository's push tokens that have not expired, newest first. */
public record GitTokenList(String repoId, List<GitTokenOutput> tokens) {}
