package ink.ml.deploy.workflow.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.util.List;

/**
 * The data converter every Temporal client and worker of the platform uses: Temporal's default JSON
 * conversion, reading past fields it does not know, then {@link EncryptingPayloadCodec}. A service
 * produces it as a CDI bean and quarkus-temporal picks it up.
 *
 * <p>Reading past unknown fields lets a contract record grow during a rolling upgrade: a worker not
 * yet upgraded reads a newer deployer's result (say {@code BuildResult} with a field added) instead
 * of failing its workflow task until it is upgraded. Temporal's own mapper refuses them.
 */
public final class EncryptedDataConverter {
    private EncryptedDataConverter() {}

    public static DataConverter with(PayloadKeys keys) {
        return new CodecDataConverter(
                DefaultDataConverter.newDefaultInstance()
                        .withPayloadConverterOverrides(
                                new JacksonJsonPayloadConverter(readingPastUnknownFields())),
                List.of(new EncryptingPayloadCodec(keys)));
    }

    private static ObjectMapper readingPastUnknownFields() {
        return JacksonJsonPayloadConverter.newDefaultObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
