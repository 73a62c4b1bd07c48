package ink.ml.deploy.platform.deployments;

import static ink.ml.deploy.platform.common.ConstraintViolations.violates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.crypto.SealedValue;
import ink.ml.deploy.platform.crypto.SecretBox;
import ink.ml.deploy.platform.repos.InternalRepo;
import ink.ml.deploy.platform.services.Service;
import ink.ml.deploy.platform.variables.Variables;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What both sides of deployments write the same way: a new deployment (its configuration and sealed
 * variables, its first event) and an event. Package-private: {@link Deployments} (scoped to a
 * caller) and {@link DeploymentRecords} (trusted orchestration) are the only ways in.
 */
final class DeploymentWriter {
    /** The longest event key ({@code deployment_events.event_key}). */
    static final int MAX_EVENT_KEY_LENGTH = 100;

    private static final String IN_FLIGHT_INDEX = "deployments_one_in_flight";
    private static final TypeReference<TreeMap<String, String>> ENV_JSON = new TypeReference<>() {};

    private final SecretBox secretBox;
    private final Variables variables;
    private final ObjectMapper json = new ObjectMapper();

    DeploymentWriter(SecretBox secretBox, Variables variables) {
        this.secretBox = secretBox;
        this.variables = variables;
    }

    /** The Temporal workflow id of a deployment's {@code DeployServiceWorkflow}. */
    static String workflowId(UUID deploymentId) {
        return "deploy-" + deploymentId;
    }

    /** A queued deployment of the service as it is configured now, with its variables. */
    Deployment recordFor(Service service, NewDeployment request) {
        return insert(
                service,
                request.trigger(),
                request.commitSha().value(),
                null,
                null,
                configOf(service),
                encodeEnv(variables.decryptedFor(service)));
    }

    /**
     * A queued deployment with its first event. Refused with a {@link ConflictException} on {@code
     * serviceId} while another deployment of the service is in flight.
     *
     * @param imageRef the image to reuse (a rollback), or null to build one
     * @param rollbackOf the deployment a rollback puts back, or null
     * @param env the serialized variables to seal with it, or null for none
     */
    Deployment insert(
            Service service,
            DeploymentTrigger trigger,
            String commitSha,
            String imageRef,
            UUID rollbackOf,
            ConfigSnapshot config,
            byte[] env) {
        Deployment deployment = new Deployment();
        deployment.id = Ids.random();
        deployment.serviceId = service.id;
        deployment.status = DeploymentStatus.QUEUED.value();
        deployment.trigger = trigger.value();
        deployment.commitSha = commitSha;
        deployment.imageRef = imageRef;
        deployment.rollbackOf = rollbackOf;
        deployment.configSnapshot = config;
        if (env != null) {
            SealedValue sealed = secretBox.seal(env, envAssociatedData(deployment.id));
            deployment.envSnapshot = sealed.bytes();
            deployment.envKeyId = sealed.keyId();
        }
        deployment.workflowId = workflowId(deployment.id);
        deployment.createdAt = Timestamps.now();
        deployment.updatedAt = deployment.createdAt;
        try {
            deployment.persistAndFlush();
        } catch (PersistenceException e) {
            if (violates(e, IN_FLIGHT_INDEX)) {
                throw new ConflictException(
                        "serviceId",
                        "a deployment is already in progress for this service; wait for it to"
                                + " finish or cancel it first");
            }
            throw e;
        }
        // The first event of every deployment, so its event list tells the whole story.
        appendEvent(deployment.id, DeploymentStep.QUEUED, EventStatus.INFO, queuedMessage(trigger));
        return deployment;
    }

    /**
     * Appends one event; a message longer than {@value DeploymentRecords#MAX_MESSAGE_LENGTH} chars
     * is cut.
     */
    DeploymentEventView appendEvent(
            UUID deploymentId, DeploymentStep step, EventStatus status, String message) {
        return append(deploymentId, null, step, status, message);
    }

    /**
     * Appends one event unless the deployment already has one with {@code key}: then returns that
     * one, unchanged.
     */
    DeploymentEventView appendEventOnce(
            UUID deploymentId,
            String key,
            DeploymentStep step,
            EventStatus status,
            String message) {
        if (key == null || key.isBlank() || key.length() > MAX_EVENT_KEY_LENGTH) {
            throw new InvalidValueException(
                    "eventKey", "must be 1 to " + MAX_EVENT_KEY_LENGTH + " characters");
        }
        Optional<DeploymentEvent> stored =
                DeploymentEvent.<DeploymentEvent>find(
                                "deploymentId = ?1 and eventKey = ?2", deploymentId, key)
                        .firstResultOptional();
        if (stored.isPresent()) {
            return DeploymentEventView.of(stored.get());
        }
        return append(deploymentId, key, step, status, message);
    }

    private static DeploymentEventView append(
            UUID deploymentId,
            String key,
            DeploymentStep step,
            EventStatus status,
            String message) {
        requireExists(deploymentId);
        DeploymentEvent event = new DeploymentEvent();
        event.eventKey = key;
        event.deploymentId = deploymentId;
        event.step = step.value();
        event.status = status.value();
        event.message = Text.message(message, DeploymentRecords.MAX_MESSAGE_LENGTH);
        event.createdAt = Timestamps.now();
        event.persistAndFlush();
        return DeploymentEventView.of(event);
    }

    /** A deployment's variables as recorded, opened; empty when it had none. */
    Map<EnvVarName, String> envOf(Deployment deployment) {
        return decodeEnv(openEnv(deployment));
    }

    /** An earlier deployment's variables as recorded, still serialized; null when it had none. */
    byte[] openEnv(Deployment earlier) {
        return earlier.envSnapshot == null
                ? null
                : secretBox.open(
                        new SealedValue(earlier.envKeyId, earlier.envSnapshot),
                        envAssociatedData(earlier.id));
    }

    private static String queuedMessage(DeploymentTrigger trigger) {
        return switch (trigger) {
            case API -> "queued: deploy requested";
            case GIT_PUSH -> "queued: a push to the tracked branch";
            case ROLLBACK -> "queued: rollback to an earlier image";
        };
    }

    private static ConfigSnapshot configOf(Service service) {
        ConfigSnapshot.Source source;
        if (Service.SOURCE_GITHUB.equals(service.sourceKind)) {
            source = ConfigSnapshot.Source.github(service.githubRepo);
        } else {
            InternalRepo repo = InternalRepo.findById(service.internalRepoId);
            source = ConfigSnapshot.Source.internal(repo.id, repo.name);
        }
        return new ConfigSnapshot(
                service.port,
                service.memoryMi,
                service.milliCpu,
                service.rootDirectory,
                service.dockerfilePath,
                service.branch,
                service.buildStrategy,
                service.installCommand,
                service.buildCommand,
                service.startCommand,
                source);
    }

    static void requireExists(UUID deploymentId) {
        if (Deployment.count("id", deploymentId) == 0) {
            throw new NotFoundException("deployment", deploymentId.toString());
        }
    }

    private static String envAssociatedData(UUID deploymentId) {
        return "deployment/" + deploymentId;
    }

    private byte[] encodeEnv(Map<EnvVarName, String> env) {
        TreeMap<String, String> plain = new TreeMap<>();
        env.forEach((name, value) -> plain.put(name.value(), value));
        try {
            return json.writeValueAsBytes(plain);
        } catch (JsonProcessingException e) {
            // Never include the exception's message: it could quote a value.
            throw new IllegalStateException("the variables could not be serialized");
        }
    }

    private Map<EnvVarName, String> decodeEnv(byte[] plaintext) {
        if (plaintext == null) {
            return Map.of();
        }
        TreeMap<String, String> plain;
        try {
            plain = json.readValue(new String(plaintext, StandardCharsets.UTF_8), ENV_JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a deployment's env snapshot is not a JSON object");
        }
        Map<EnvVarName, String> env = new TreeMap<>();
        plain.forEach((name, value) -> env.put(EnvVarName.of(name), value));
        return env;
    }
}
