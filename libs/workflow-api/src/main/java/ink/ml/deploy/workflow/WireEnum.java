package ink.ml.deploy.workflow;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An enum in a contract that crosses Temporal. It is written as the constant's name ({@code
 * BUILDING}) and read whatever its case, so the lower-case values these fields held as strings
 * ({@code building}) still read: payloads in the histories of runs started before the contracts
 * were typed, and activities scheduled by a worker not yet upgraded, keep working.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@JacksonAnnotationsInside
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
public @interface WireEnum {}
