package ink.ml.deploy.workflow.codec;

import io.temporal.common.converter.DataConverter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * quarkus-temporal builds its workflow client (and so the workers, which share it) with the {@link
 * DataConverter} bean when there is one: this makes every payload encrypted.
 */
public class DataConverterProducer {

    @Produces
    @Singleton
    DataConverter encryptedDataConverter(PayloadEncryptionConfig config) {
        return EncryptedDataConverter.with(
                PayloadKeys.of(config.payloadKeys(), config.activePayloadKey()));
    }
}
