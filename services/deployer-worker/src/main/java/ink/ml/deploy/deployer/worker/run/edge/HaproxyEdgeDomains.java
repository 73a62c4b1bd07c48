package ink.ml.deploy.deployer.worker.run.edge;

import ink.ml.deploy.acme.Http01Responder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@link EdgeDomains} on HAProxy, through its runtime API, without a reload: a certificate is
 * loaded with {@code new ssl cert} (once), {@code set ssl cert} and {@code commit ssl cert}, and
 * served through {@code add ssl crt-list} on the TLS listener's crt-list; it goes with {@code del
 * ssl crt-list} and {@code del ssl cert}. A renewed certificate replaces the served one in place
 * ({@code set}/{@code commit}). Aliases are the domains map and HTTP-01 answers the challenges map
 * ({@link HaproxyMap}).
 *
 * <p>What HAProxy must serve again after its own restart is kept on disk, each file written whole
 * ({@link AtomicFiles}): the certificates directory holds {@code <domain>.pem} (the chain, then the
 * key; mode 0600) and {@code <domain>.host} (its service's platform host name), the crt-list file
 * lists the served ones, and the domains map file the aliases. HAProxy knows each certificate by
 * its file's path, so the name it loads at runtime is the one it reads at start.
 *
 * <p>Certificate changes are serialized: checking whether HAProxy holds a certificate or a crt-list
 * entry, then adding it, must not race another change of the same domain.
 */
public final class HaproxyEdgeDomains implements EdgeDomains {
    private static final Logger LOG = Logger.getLogger(HaproxyEdgeDomains.class);
    private static final String KEY_MARKER = "-----BEGIN PRIVATE KEY-----";
    private static final String CERTIFICATE_SUFFIX = ".pem";
    private static final String HOST_SUFFIX = ".host";
    private static final Pattern CHALLENGE_VALUE = Pattern.compile("[-_A-Za-z0-9.]{1,512}");

    private final HaproxyAdminSocket admin;
    private final HaproxyMap aliases;
    private final HaproxyMap challenges;
    private final Path certificates;
    private final Path crtList;
    private final String crtListName;

    /**
     * @param adminSocket HAProxy's admin socket ({@code stats socket … level admin})
     * @param domainsMap the domains map file the edge's config names
     * @param challengesMap the HTTP-01 map file the edge's config names (never written: answers
     *     live as long as an issuance waits)
     * @param certificates where the domains' certificates are kept
     * @param crtList the crt-list file the TLS listener names
     * @param adminTimeout the longest one admin call may take
     */
    public HaproxyEdgeDomains(
            Path adminSocket,
            Path domainsMap,
            Path challengesMap,
            Path certificates,
            Path crtList,
            Duration adminTimeout) {
        this.admin = new HaproxyAdminSocket(adminSocket, adminTimeout);
        this.aliases =
                new HaproxyMap(
                        admin,
                        domainsMap,
                        "custom domains",
                        Optional.of(
                                "The edge's custom domains (domain, its service's platform host"
                                        + " name), written by the platform after each change."));
        this.challenges = new HaproxyMap(admin, challengesMap, "HTTP-01 answers", Optional.empty());
        this.certificates = certificates.toAbsolutePath();
        this.crtList = crtList.toAbsolutePath();
        this.crtListName = this.crtList.toString();
    }

    /** From the deployer-worker's settings. */
    public static HaproxyEdgeDomains from(EdgeConfig edge) {
        return new HaproxyEdgeDomains(
                Path.of(edge.adminSocket()),
                Path.of(edge.domainsMapFile()),
                Path.of(edge.challengesMapFile()),
                Path.of(edge.certificatesDirectory()),
                Path.of(edge.crtListFile()),
                edge.adminTimeout());
    }

    @Override
    public Optional<String> unsupportedReason() {
        return Optional.empty();
    }

    @Override
    public Http01Responder challenges() {
        return new Http01Responder() {
            @Override
            public void publish(String token, String keyAuthorization) {
                challenges.put(
                        challengeValue("token", token),
                        challengeValue("keyAuthorization", keyAuthorization),
                        "publish the HTTP-01 answer of token " + token);
            }

            @Override
            public void withdraw(String token) {
                challenges.remove(
                        challengeValue("token", token),
                        "withdraw the HTTP-01 answer of token " + token);
            }
        };
    }

    @Override
    public synchronized void storeCertificate(
            String domain,
            String platformHostname,
            String certificateChainPem,
            String privateKeyPem) {
        String name = EdgeRoute.hostname(domain);
        String host = EdgeRoute.hostname(platformHostname);
        String pem = certificateChainPem.strip() + "\n" + privateKeyPem.strip() + "\n";
        try {
            Files.createDirectories(certificates);
            AtomicFiles.write(certificates.resolve(name + HOST_SUFFIX), host + "\n");
            AtomicFiles.write(certificateFile(name), pem);
        } catch (IOException e) {
            throw new EdgeAdminException(
                    "the certificate of " + name + " could not be kept in " + certificates, e);
        }
        LOG.infof("edge: certificate of %s kept", name);
    }

    @Override
    public Optional<X509Certificate> storedCertificate(String domain) {
        Path file = certificateFile(EdgeRoute.hostname(domain));
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EdgeAdminException("cannot read the certificate " + file, e);
        }
        int key = pem.indexOf(KEY_MARKER);
        String chain = key < 0 ? pem : pem.substring(0, key);
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(
                            new ByteArrayInputStream(chain.getBytes(StandardCharsets.US_ASCII)))
                    .stream()
                    .map(X509Certificate.class::cast)
                    .findFirst();
        } catch (CertificateException e) {
            throw new EdgeAdminException(
                    "the kept certificate " + file + " is not a PEM certificate chain", e);
        }
    }

    @Override
    public synchronized void serve(String domain, String platformHostname) {
        String name = EdgeRoute.hostname(domain);
        String host = EdgeRoute.hostname(platformHostname);
        Path file = certificateFile(name);
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException gone) {
            throw new IllegalStateException(
                    "no certificate is kept for " + name + " (" + file + ")");
        } catch (IOException e) {
            throw new EdgeAdminException("cannot read the certificate " + file, e);
        }
        load(file.toString(), pem);
        if (crtListEntries(file.toString()).isEmpty()) {
            requireSuccess(
                    "serve the certificate of " + name,
                    admin.send("add ssl crt-list " + crtListName + " " + file));
        }
        saveCrtList();
        aliases.put(name, host, "alias " + name + " to " + host);
        LOG.infof("edge: %s served over TLS as %s", name, host);
    }

    @Override
    public synchronized void remove(String domain) {
        String name = EdgeRoute.hostname(domain);
        String file = certificateFile(name).toString();
        aliases.remove(name, "remove the alias of " + name);
        for (String entry : crtListEntries(file)) {
            String answer = admin.send("del ssl crt-list " + crtListName + " " + entry);
            if (!answer.contains("deleted")) {
                throw refused("stop serving the certificate of " + name, answer);
            }
        }
        saveCrtList();
        if (loadedCertificates().contains(file)) {
            String answer = admin.send("del ssl cert " + file);
            if (!answer.contains("deleted")) {
                throw refused("unload the certificate of " + name, answer);
            }
        }
        try {
            Files.deleteIfExists(certificateFile(name));
            Files.deleteIfExists(certificates.resolve(name + HOST_SUFFIX));
        } catch (IOException e) {
            throw new EdgeAdminException(
                    "the certificate of " + name + " could not be deleted from " + certificates, e);
        }
        LOG.infof("edge: %s removed", name);
    }

    @Override
    public Map<String, String> domains() {
        Map<String, String> found = new TreeMap<>(aliases.entries());
        if (!Files.isDirectory(certificates)) {
            return found;
        }
        try (DirectoryStream<Path> hosts =
                Files.newDirectoryStream(certificates, "*" + HOST_SUFFIX)) {
            for (Path hostFile : hosts) {
                String file = hostFile.getFileName().toString();
                String domain = file.substring(0, file.length() - HOST_SUFFIX.length());
                found.putIfAbsent(domain, Files.readString(hostFile).strip());
            }
        } catch (IOException e) {
            throw new EdgeAdminException("cannot list the certificates in " + certificates, e);
        }
        return found;
    }

    /** Puts {@code pem} in HAProxy's store under {@code file}'s path, adding or replacing it. */
    private void load(String file, String pem) {
        if (!loadedCertificates().contains(file)) {
            String created = admin.send("new ssl cert " + file);
            if (!created.contains("New empty certificate store")) {
                throw refused("make room for the certificate " + file, created);
            }
        }
        String set = admin.send("set ssl cert " + file, pem);
        if (!set.startsWith("Transaction")) {
            admin.send("abort ssl cert " + file);
            throw refused("load the certificate " + file, set);
        }
        String committed = admin.send("commit ssl cert " + file);
        if (!committed.contains("Success!")) {
            admin.send("abort ssl cert " + file);
            throw refused("commit the certificate " + file, committed);
        }
    }

    /** The paths of the certificates HAProxy holds ({@code show ssl cert}). */
    private Set<String> loadedCertificates() {
        Set<String> names = new LinkedHashSet<>();
        for (String line : admin.send("show ssl cert").split("\n")) {
            // "# filename", then one path a line; "*<path>" is one with a transaction open.
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.startsWith("*") ? line.substring(1).strip() : line.strip());
            }
        }
        return names;
    }

    /**
     * The crt-list entries of {@code file}, as {@code <path>:<line>} ({@code show ssl crt-list
     * -n}).
     */
    private List<String> crtListEntries(String file) {
        List<String> entries = new ArrayList<>();
        for (String line : crtList()) {
            String entry = line.split(" ", 2)[0];
            if (entry.startsWith(file + ":")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private List<String> crtList() {
        String answer = admin.send("show ssl crt-list -n " + crtListName);
        if (!answer.startsWith("# " + crtListName)) {
            throw new EdgeAdminException(
                    "HAProxy did not list the crt-list "
                            + crtListName
                            + " (is its config the edge's, with this crt-list?): "
                            + HaproxyAdminSocket.firstLine(answer));
        }
        return answer.lines().skip(1).filter(line -> !line.isBlank()).toList();
    }

    /** The crt-list file: HAProxy's entries after the change, each certificate's path once. */
    private void saveCrtList() {
        Set<String> served = new LinkedHashSet<>();
        for (String line : crtList()) {
            String entry = line.split(" ", 2)[0];
            served.add(entry.substring(0, entry.lastIndexOf(':')));
        }
        StringBuilder content =
                new StringBuilder(
                        "# The custom domains' certificates served on the edge's TLS port, written"
                                + " by the platform after each change.\n");
        served.forEach(path -> content.append(path).append('\n'));
        try {
            AtomicFiles.write(crtList, content.toString());
        } catch (IOException e) {
            throw new EdgeAdminException(
                    "the edge serves the change, but its crt-list "
                            + crtList
                            + " could not be written, so an HAProxy restart would lose it: "
                            + e.getMessage(),
                    e);
        }
    }

    private Path certificateFile(String domain) {
        return certificates.resolve(domain + CERTIFICATE_SUFFIX);
    }

    private static EdgeAdminException refused(String what, String answer) {
        return new EdgeAdminException(
                "HAProxy refused to " + what + ": " + HaproxyAdminSocket.firstLine(answer));
    }

    private static void requireSuccess(String what, String answer) {
        if (!answer.contains("Success!")) {
            throw refused(what, answer);
        }
    }

    /** Tokens and key authorizations are base64url and dots: nothing that could split a command. */
    private static String challengeValue(String field, String value) {
        if (value == null || !CHALLENGE_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + " must be base64url characters and dots (got \"" + value + "\")");
        }
        return value;
    }

    @Override
    public String toString() {
        return "HaproxyEdgeDomains[" + certificates + ", " + crtList + "]";
    }
}
