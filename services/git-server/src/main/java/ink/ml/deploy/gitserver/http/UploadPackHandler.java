package ink.ml.deploy.gitserver.http;

import ink.ml.deploy.gitauth.config.GitServerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Clone and fetch: JGit's {@link UploadPack} in stateless-RPC mode, protocol v2 when the client
 * asks for it ({@code Git-Protocol: version=2}, git's default since 2.26).
 */
@ApplicationScoped
public class UploadPackHandler {
    private final int idleTimeoutSeconds;

    public UploadPackHandler(GitServerConfig config) {
        this.idleTimeoutSeconds = (int) Math.max(1, config.idleTimeout().toSeconds());
    }

    void advertise(Repository repo, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setContentType(GitService.UPLOAD_PACK.advertisementType());
        SmartHttp.noCache(response);
        OutputStream out = response.getOutputStream();
        try (UploadPack uploadPack = uploadPack(repo, request)) {
            // Writes "# service=git-upload-pack" itself in v0, and only capabilities in v2.
            uploadPack.sendAdvertisedRefs(
                    new PacketLineOutRefAdvertiser(new PacketLineOut(out)),
                    GitService.UPLOAD_PACK.serviceName());
        }
        out.flush();
    }

    void upload(Repository repo, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        SmartHttp.requireContentType(request, GitService.UPLOAD_PACK.requestType());
        response.setContentType(GitService.UPLOAD_PACK.resultType());
        SmartHttp.noCache(response);
        OutputStream out = response.getOutputStream();
        try (UploadPack uploadPack = uploadPack(repo, request)) {
            uploadPack.uploadWithExceptionPropagation(SmartHttp.body(request), out, null);
        }
        out.flush();
    }

    private UploadPack uploadPack(Repository repo, HttpServletRequest request) {
        UploadPack uploadPack = new UploadPack(repo);
        uploadPack.setBiDirectionalPipe(false);
        uploadPack.setTimeout(idleTimeoutSeconds);
        String protocol = request.getHeader("Git-Protocol");
        if (protocol != null) {
            uploadPack.setExtraParameters(Arrays.asList(protocol.split(":")));
        }
        return uploadPack;
    }
}
