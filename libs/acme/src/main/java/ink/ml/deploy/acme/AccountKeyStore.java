package ink.ml.deploy.acme;

import java.security.KeyPair;
import java.util.Optional;

/**
 * Where the ACME account key lives. The key is the account: the ACME server finds the account by
 * its public key, so the same key must be given to every issuance (and kept secret), or each
 * issuance would register a new account and count against the CA's per-account limits alone.
 */
public interface AccountKeyStore {

    /** The stored key, or empty when none was stored yet. */
    Optional<KeyPair> load();

    /** Stores {@code key}, replacing any other. */
    void save(KeyPair key);
}
