package ink.ml.deploy.workflow.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/**
 * The data converter every Temporal client and worker of the platform uses: Temporal's default JSON
 * conversion, then {@link EncryptingPayloadCodec}. A service produces it as a CDI bean and
 * quarkus-temporal picks it up.
 */
public final class EncryptedDataConverter {
    private EncryptedDataConverter() {}

    public static DataConverter with(PayloadKeys keys) {
        return new CodecDataConverter(
                DefaultDataConverter.newDefaultInstance(),
                List.of(new EncryptingPayloadCodec(keys)));
    }
}
