package ink.ml.deploy.gitserver.push;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.InternalRepoPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The delivery id of one updated branch: SHA-256 of repository, ref and new commit. The same push
 * retried (or the same commit pushed to the branch again) gets the same id, hence the same workflow
 * id {@code push-git-server-{delivery}}, and Temporal starts nothing the second time.
 */
public final class PushDeliveryIds {
    private PushDeliveryIds() {}

    public static DeliveryId of(InternalRepoPath repo, String refName, String newSha) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest =
                    sha256.digest(
                            (repo.value() + "\n" + refName + "\n" + newSha)
                                    .getBytes(StandardCharsets.UTF_8));
            return DeliveryId.of(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
