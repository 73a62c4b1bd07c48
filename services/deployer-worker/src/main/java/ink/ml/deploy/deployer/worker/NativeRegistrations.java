package ink.ml.deploy.deployer.worker;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.annotations.RegisterResourceBundle;
import io.quarkus.runtime.annotations.RegisterResources;

/**
 * What a native executable of this service must keep that no extension registers: JGit, which
 * clones where the git CLI is missing, and a resource read from the classpath.
 *
 * <ul>
 *   <li>JGit's messages: {@code JGitText} is a resource bundle whose fields JGit sets by
 *       reflection.
 *   <li>The enums JGit reads from git configuration ({@code Config.getEnum} finds their constants
 *       through {@code values()} by reflection); {@code NativeRegistrationsTest} fails when a JGit
 *       upgrade adds one.
 *   <li>{@code app-networks.nft}, the nftables rules {@code HostFirewall} reads from the classpath.
 * </ul>
 *
 * Temporal payloads are registered by libs/workflow-api.
 */
@RegisterForReflection(
        classNames = {
            "org.eclipse.jgit.internal.JGitText",
            "org.eclipse.jgit.api.MergeCommand$FastForwardMode",
            "org.eclipse.jgit.dircache.DirCache$DirCacheVersion",
            "org.eclipse.jgit.diff.DiffConfig$RenameDetectionType",
            "org.eclipse.jgit.lib.BranchConfig$BranchRebaseMode",
            "org.eclipse.jgit.lib.CommitConfig$CleanupMode",
            "org.eclipse.jgit.lib.CoreConfig$AutoCRLF",
            "org.eclipse.jgit.lib.CoreConfig$CheckStat",
            "org.eclipse.jgit.lib.CoreConfig$EOL",
            "org.eclipse.jgit.lib.CoreConfig$EolStreamType",
            "org.eclipse.jgit.lib.CoreConfig$HideDotFiles",
            "org.eclipse.jgit.lib.CoreConfig$LogRefUpdates",
            "org.eclipse.jgit.lib.CoreConfig$SymLinks",
            "org.eclipse.jgit.lib.CoreConfig$TrustLooseRefStat",
            "org.eclipse.jgit.lib.CoreConfig$TrustPackedRefsStat",
            "org.eclipse.jgit.lib.CoreConfig$TrustStat",
            "org.eclipse.jgit.lib.GcConfig$PackRefsMode",
            "org.eclipse.jgit.lib.GpgConfig$GpgFormat",
            "org.eclipse.jgit.lib.SubmoduleConfig$FetchRecurseSubmodulesMode",
            "org.eclipse.jgit.transport.HttpConfig$HttpRedirectMode",
            "org.eclipse.jgit.transport.PushConfig$PushDefault",
            "org.eclipse.jgit.transport.PushConfig$PushRecurseSubmodulesMode",
            "org.eclipse.jgit.transport.TransferConfig$FsckMode",
            "org.eclipse.jgit.transport.TransferConfig$ProtocolVersion"
        })
@RegisterResourceBundle(bundleName = "org.eclipse.jgit.internal.JGitText")
@RegisterResources(globs = "ink/ml/deploy/deployer/worker/run/docker/*.nft")
public final class NativeRegistrations {
    private NativeRegistrations() {}
}
