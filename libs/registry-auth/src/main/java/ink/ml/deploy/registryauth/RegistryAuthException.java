package ink.ml.deploy.registryauth;

/**
 * A refused credential or a malformed request. The message says why, in words safe to send back: it
 * never holds a credential or a key.
 */
public final class RegistryAuthException extends RuntimeException {
    public RegistryAuthException(String message) {
        super(message);
    }
}
