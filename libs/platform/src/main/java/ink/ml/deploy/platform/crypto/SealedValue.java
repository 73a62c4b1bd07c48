package ink.ml.deploy.platform.crypto;

/** An AES-GCM ciphertext (nonce ‖ ciphertext ‖ tag) and the id of the key that sealed it. */
public record SealedValue(String keyId, byte[] bytes) {
    @Override
    public String toString() {
        return "SealedValue[keyId=" + keyId + ", " + bytes.length + " bytes]";
    }
}
