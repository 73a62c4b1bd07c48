package ink.ml.deploy.gitserver.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A push request written by hand, for what the stock git client refuses to send (e.g. a ref name
 * that is not valid under git's rules): one ref update pointing at a commit the server has, and an
 * empty pack.
 */
public final class ReceivePackRequests {
    private static final String ZERO_ID = "0".repeat(40);

    private ReceivePackRequests() {}

    /** {@code POST …/git-receive-pack} creating {@code refName} at {@code commit}. */
    public static HttpResponse<String> create(String repoPath, String refName, String commit) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        packetLine(body, ZERO_ID + " " + commit + " " + refName + "\0 report-status\n");
        body.writeBytes("0000".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(emptyPack());
        String credentials = "git:" + TestTokens.push(repoPath);
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(GitServerUrls.anonymous(repoPath) + "/git-receive-pack"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        credentials.getBytes(
                                                                StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-git-receive-pack-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void packetLine(ByteArrayOutputStream out, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(String.format("%04x", bytes.length + 4).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }

    /** Version 2, no objects, and the SHA-1 trailer of those 12 bytes. */
    private static byte[] emptyPack() {
        byte[] header = {'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0};
        try {
            byte[] trailer = MessageDigest.getInstance("SHA-1").digest(header);
            ByteArrayOutputStream pack = new ByteArrayOutputStream();
            pack.writeBytes(header);
            pack.writeBytes(trailer);
            return pack.toByteArray();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
