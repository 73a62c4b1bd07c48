package ink.ml.deploy.gitserver.revocations;

import ink.ml.deploy.gitauth.GitTokenRevocations;
import ink.ml.deploy.gitauth.config.GitServerConfig;
import ink.ml.deploy.workflow.git.RevokedGitToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The git tokens revoked before their expiry, kept in memory for every request and on disk next to
 * the repositories ({@code {root}/.revoked-git-tokens}, one {@code <token id> <expiry epoch
 * seconds>} per line), so that a restart keeps them. The product plane publishes entries through
 * Temporal ({@link GitTokenRevocationActivitiesImpl}); an entry is dropped once its token has
 * expired, since the token is refused for that reason from then on.
 *
 * <p>The file is rewritten whole, through a temporary file and an atomic rename, so a crash leaves
 * the old list or the new one, never half of one. The name starts with a dot: no user id does, so
 * it can never be taken for a user's directory of repositories.
 */
@ApplicationScoped
public class RevokedGitTokens implements GitTokenRevocations {
    static final String FILE_NAME = ".revoked-git-tokens";

    private static final Logger LOG = Logger.getLogger(RevokedGitTokens.class);
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path file;
    private final Clock clock;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    @Inject
    public RevokedGitTokens(GitServerConfig config) {
        this(Path.of(config.root()), Clock.systemUTC());
    }

    RevokedGitTokens(Path root, Clock clock) {
        this.file = root.toAbsolutePath().normalize().resolve(FILE_NAME);
        this.clock = clock;
    }

    /** Reads the list at start: a list that cannot be read fails the start, not a push. */
    @PostConstruct
    void load() {
        if (!Files.exists(file)) {
            return;
        }
        Instant now = clock.instant();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                RevokedGitToken entry = parse(line);
                if (entry.expiresAt().isAfter(now)) {
                    revoked.put(entry.tokenId(), entry.expiresAt());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the revoked git tokens in " + file, e);
        }
        LOG.infof("%d revoked git tokens not yet expired", revoked.size());
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return revoked.containsKey(tokenId);
    }

    /**
     * Adds a token and returns once the list on disk has it. A token already listed, or already
     * expired, changes nothing.
     *
     * @throws IllegalArgumentException for a token id that is not 32 lowercase hex
     */
    public synchronized void add(RevokedGitToken token) {
        if (!TOKEN_ID.matcher(token.tokenId()).matches()) {
            throw new IllegalArgumentException("tokenId: must be 32 lowercase hex characters");
        }
        Instant now = clock.instant();
        if (!token.expiresAt().isAfter(now) || revoked.containsKey(token.tokenId())) {
            return;
        }
        revoked.entrySet().removeIf(entry -> !entry.getValue().isAfter(now));
        Map<String, Instant> next = new HashMap<>(revoked);
        next.put(token.tokenId(), token.expiresAt());
        write(next);
        revoked.put(token.tokenId(), token.expiresAt());
    }

    /** How many tokens are listed, expired ones not yet dropped included. */
    public int size() {
        return revoked.size();
    }

    private void write(Map<String, Instant> entries) {
        List<String> lines = new ArrayList<>(entries.size());
        entries.forEach((id, expiresAt) -> lines.add(id + " " + expiresAt.getEpochSecond()));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            try {
                Files.move(
                        temporary,
                        file,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the revoked git tokens to " + file, e);
        }
    }

    private RevokedGitToken parse(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length != 2 || !TOKEN_ID.matcher(fields[0]).matches()) {
            throw new IllegalStateException(
                    file + ": a line is not \"<token id> <expiry epoch seconds>\"");
        }
        try {
            return new RevokedGitToken(fields[0], Instant.ofEpochSecond(Long.parseLong(fields[1])));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": an expiry is not a number", e);
        }
    }
}
