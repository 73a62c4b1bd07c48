package ink.ml.deploy.gitserver.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Request and response plumbing shared by the two git services. */
final class SmartHttp {
    private SmartHttp() {}

    /** The request body, un-gzipped when git compressed it (it does for large fetch requests). */
    static InputStream body(HttpServletRequest request) throws IOException {
        InputStream in = request.getInputStream();
        String encoding = request.getHeader("Content-Encoding");
        if ("gzip".equals(encoding) || "x-gzip".equals(encoding)) {
            return new GZIPInputStream(in);
        }
        return in;
    }

    /**
     * Reads what is left of a body the transfer stopped reading (a refused pack), so the client
     * gets to read the answer that says why instead of a broken connection.
     */
    static void drain(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            in.transferTo(OutputStreamNull.INSTANCE);
        } catch (IOException e) {
            // The client went away: nothing left to tell it.
        }
    }

    static void requireContentType(HttpServletRequest request, String expected) {
        String type = request.getContentType();
        if (type == null || !type.startsWith(expected)) {
            throw new GitHttpException(
                    HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "expected " + expected);
        }
    }

    static void noCache(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-cache, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
    }

    /** Discards bytes. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
