package ink.ml.deploy.platform.variables;

import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.crypto.SealedValue;
import ink.ml.deploy.platform.crypto.SecretBox;
import ink.ml.deploy.platform.services.Service;
import ink.ml.deploy.platform.services.Services;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Environment variables of the caller's services: the only way to change or read them.
 *
 * <p>Values are sealed with AES-GCM ({@link SecretBox}) under the active key, whose id is stored
 * with each row so keys can rotate. The associated data is {@code service_id + "/" + name}: a
 * ciphertext copied into another row, of this service or another, fails to open instead of showing
 * up under the wrong name. Values never appear in logs, exception messages or views; only {@link
 * #reveal} (explicit, for the owner) and {@link #decryptedFor} (the deployment path) return them.
 *
 * <p>Limits, checked before anything is written, so a refused change stores nothing:
 *
 * <ul>
 *   <li>a value is UTF-8 text without NUL, at most {@value #MAX_VALUE_BYTES} bytes (64 KiB);
 *   <li>a service has at most {@value #MAX_VARIABLES} variables;
 *   <li>its names and values together are at most {@value #MAX_TOTAL_BYTES} bytes (512 KiB).
 * </ul>
 *
 * Why these numbers: the variables reach the pods as one Kubernetes Secret, and Kubernetes (etcd)
 * refuses a Secret larger than 1 MiB (1,048,576 bytes). The Secret's {@code data} holds each value
 * base64-encoded, which grows it by 4/3: 512 KiB of names and values become at most about 683 KiB
 * (699,051 bytes), plus for each of at most 200 entries a few bytes of JSON quoting (about 1.2 KB)
 * and the object's metadata and labels (well under 4 KiB). That is about 700 KiB, far under 1 MiB,
 * with room for the API server's own fields. Env vars larger than 64 KiB are also a sign that a
 * file belongs somewhere else.
 */
@ApplicationScoped
public class Variables {
    /** The largest value: 64 KiB of UTF-8 (also the {@code value_size} check in the schema). */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    /** The most names and values of one service together: 512 KiB (see the class comment). */
    public static final int MAX_TOTAL_BYTES = 512 * 1024;

    /** The most variables one service may have. */
    public static final int MAX_VARIABLES = 200;

    private static final String FIELD = "env";

    private final Services services;
    private final SecretBox box;
    private final EntityManager entityManager;

    public Variables(Services services, SecretBox box, EntityManager entityManager) {
        this.services = services;
        this.box = box;
        this.entityManager = entityManager;
    }

    /** Sets the given variables, adding new ones and overwriting existing ones; others stay. */
    @Transactional
    public List<String> set(Caller caller, String serviceId, Map<String, String> values) {
        Service service = lockedService(caller, serviceId);
        write(service, checked(values), false);
        return namesOf(service);
    }

    /** Removes the named variables; names that are not set are ignored. */
    @Transactional
    public List<String> unset(Caller caller, String serviceId, Set<String> names) {
        Service service = lockedService(caller, serviceId);
        remove(service, checkedNames(names));
        return namesOf(service);
    }

    /**
     * Sets and removes in one transaction (or replaces the whole set): every name and value is
     * checked first, so a change with one bad name changes nothing.
     */
    @Transactional
    public List<String> change(Caller caller, String serviceId, VariableChange change) {
        Service service = lockedService(caller, serviceId);
        SortedMap<EnvVarName, byte[]> values = checked(change.env());
        Set<String> removed = checkedNames(change.unset());
        if (change.replace()) {
            write(service, values, true);
        } else {
            if (!values.isEmpty()) {
                write(service, values, false);
            }
            remove(service, removed);
        }
        return namesOf(service);
    }

    private static Set<String> checkedNames(Set<String> names) {
        Objects.requireNonNull(names, "names");
        Set<String> valid = new TreeSet<>();
        for (String name : names) {
            valid.add(EnvVarName.of(name).value());
        }
        return valid;
    }

    private void remove(Service service, Set<String> names) {
        for (ServiceVariable row : rowsOf(service)) {
            if (names.contains(row.name)) {
                row.delete();
            }
        }
    }

    /** Makes the service's variables exactly {@code values}: the others are removed. */
    @Transactional
    public List<String> replace(Caller caller, String serviceId, Map<String, String> values) {
        Service service = lockedService(caller, serviceId);
        write(service, checked(values), true);
        return namesOf(service);
    }

    /** The names of the service's variables, sorted; never the values. */
    @Transactional
    public List<String> names(Caller caller, String serviceId) {
        return namesOf(services.owned(caller, Ids.parse("serviceId", serviceId)));
    }

    /**
     * The service's variables with their values in clear, sorted by name. Only for an explicit
     * request of the owner to see them; the views never carry values.
     */
    @Transactional
    public SortedMap<String, String> reveal(Caller caller, String serviceId) {
        Service service = services.owned(caller, Ids.parse("serviceId", serviceId));
        SortedMap<String, String> values = new TreeMap<>();
        decryptedFor(service).forEach((name, value) -> values.put(name.value(), value));
        return Collections.unmodifiableSortedMap(values);
    }

    /**
     * Contract for the deployment path (the {@code Deployments} and {@code DeploymentRecords} beans
     * recording an env snapshot): the service's variables decrypted, sorted by name. There is no
     * caller here, so the calling bean must have resolved {@code service} through {@link
     * Services#owned} (or be trusted orchestration code) first. The values must only be sealed
     * again or handed to the cluster's Secret: never logged, never returned to a client.
     *
     * @throws IllegalStateException when a value does not open (unknown key, or a ciphertext that
     *     was tampered with or moved from another row); the message names the variable only
     */
    @Transactional
    public SortedMap<EnvVarName, String> decryptedFor(Service service) {
        Objects.requireNonNull(service, "service");
        SortedMap<EnvVarName, String> values = new TreeMap<>();
        for (ServiceVariable row : rowsOf(service)) {
            byte[] plain;
            try {
                plain =
                        box.open(
                                new SealedValue(row.keyId, row.valueCiphertext),
                                associatedData(service.id, row.name));
            } catch (IllegalStateException e) {
                throw new IllegalStateException(
                        "variable "
                                + row.name
                                + " of service "
                                + service.id
                                + " failed to open: "
                                + e.getMessage());
            }
            values.put(EnvVarName.of(row.name), new String(plain, StandardCharsets.UTF_8));
        }
        return Collections.unmodifiableSortedMap(values);
    }

    /**
     * Contract for {@code Services.create}: stores a new service's initial variables in the
     * caller's transaction, with the same checks as {@link #set}. A refusal rolls back the service
     * too.
     */
    @Transactional(TxType.MANDATORY)
    public void initialize(Service service, Map<String, String> values) {
        if (!values.isEmpty()) {
            write(service, checked(values), false);
        }
    }

    /** Contract for {@code Services.delete}: erases the deleted service's variables. */
    @Transactional(TxType.MANDATORY)
    public void removeAll(Service service) {
        ServiceVariable.delete("serviceId", service.id);
    }

    /** Contract for views: the service's variable names, sorted. */
    @Transactional(TxType.MANDATORY)
    public List<String> namesOf(Service service) {
        return namesOf(List.of(service.id)).getOrDefault(service.id, List.of());
    }

    /** Contract for list views: the variable names of each service, sorted; one query for all. */
    @Transactional(TxType.MANDATORY)
    public Map<UUID, List<String>> namesOf(Collection<UUID> serviceIds) {
        if (serviceIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<String>> names = new HashMap<>();
        entityManager
                .createQuery(
                        "select v.serviceId, v.name from ServiceVariable v"
                                + " where v.serviceId in :ids",
                        Object[].class)
                .setParameter("ids", serviceIds)
                .getResultList()
                .forEach(
                        row ->
                                names.computeIfAbsent((UUID) row[0], id -> new ArrayList<>())
                                        .add((String) row[1]));
        // Sorted here, not by the database's collation: the order is the same as EnvVarName's.
        names.replaceAll((id, list) -> list.stream().sorted().toList());
        return names;
    }

    /**
     * The caller's service, locked for the rest of the transaction: two concurrent changes cannot
     * both pass the size limits against the same old state.
     */
    private Service lockedService(Caller caller, String serviceId) {
        Service service = services.owned(caller, Ids.parse("serviceId", serviceId));
        entityManager.lock(service, LockModeType.PESSIMISTIC_WRITE);
        return service;
    }

    /** Names and values checked one by one; the whole map or nothing. */
    private static SortedMap<EnvVarName, byte[]> checked(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        SortedMap<EnvVarName, byte[]> plain = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            EnvVarName name = EnvVarName.of(entry.getKey());
            plain.put(name, utf8(name, entry.getValue()));
        }
        if (plain.size() > MAX_VARIABLES) {
            throw tooMany(plain.size());
        }
        return plain;
    }

    private static byte[] utf8(EnvVarName name, String value) {
        if (value == null) {
            throw new InvalidValueException(FIELD, "the value of " + name + " is missing");
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidValueException(
                    FIELD, "the value of " + name + " must not contain NUL characters");
        }
        // Longer than the limit in UTF-16 units is longer in UTF-8 bytes too: refuse before
        // encoding.
        if (value.length() > MAX_VALUE_BYTES) {
            throw valueTooLarge(name, "at least " + value.length());
        }
        ByteBuffer encoded;
        try {
            encoded =
                    StandardCharsets.UTF_8
                            .newEncoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new InvalidValueException(
                    FIELD,
                    "the value of "
                            + name
                            + " is not valid Unicode text (it has an unpaired surrogate)");
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (bytes.length > MAX_VALUE_BYTES) {
            throw valueTooLarge(name, String.valueOf(bytes.length));
        }
        return bytes;
    }

    /**
     * Writes the checked values: upsert, and with {@code replace} also removes the others. The
     * limits are checked against the result before the first row changes.
     */
    private void write(Service service, SortedMap<EnvVarName, byte[]> values, boolean replace) {
        List<ServiceVariable> existing = rowsOf(service);
        Map<String, ServiceVariable> byName = new HashMap<>();
        existing.forEach(row -> byName.put(row.name, row));

        Map<String, Long> sizes = new HashMap<>();
        if (!replace) {
            existing.forEach(row -> sizes.put(row.name, (long) row.name.length() + row.valueSize));
        }
        values.forEach(
                (name, value) ->
                        sizes.put(name.value(), (long) name.value().length() + value.length));
        if (sizes.size() > MAX_VARIABLES) {
            throw tooMany(sizes.size());
        }
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        if (total > MAX_TOTAL_BYTES) {
            throw new InvalidValueException(
                    FIELD,
                    "the names and values of a service's variables must be at most "
                            + MAX_TOTAL_BYTES
                            + " bytes together (512 KiB) so they fit one Kubernetes Secret; this"
                            + " change would make them "
                            + total
                            + " bytes");
        }

        Instant now = Timestamps.now();
        if (replace) {
            for (ServiceVariable row : existing) {
                if (!values.containsKey(EnvVarName.of(row.name))) {
                    row.delete();
                }
            }
        }
        values.forEach(
                (name, value) -> {
                    SealedValue sealed = box.seal(value, associatedData(service.id, name.value()));
                    ServiceVariable row = byName.get(name.value());
                    if (row == null) {
                        row = new ServiceVariable();
                        row.serviceId = service.id;
                        row.name = name.value();
                        row.valueCiphertext = sealed.bytes();
                        row.keyId = sealed.keyId();
                        row.valueSize = value.length;
                        row.updatedAt = now;
                        row.persist();
                    } else {
                        row.valueCiphertext = sealed.bytes();
                        row.keyId = sealed.keyId();
                        row.valueSize = value.length;
                        row.updatedAt = now;
                    }
                });
    }

    private static List<ServiceVariable> rowsOf(Service service) {
        return ServiceVariable.list("serviceId", service.id);
    }

    /** Binds a ciphertext to its row: another service or name cannot open it. */
    static String associatedData(UUID serviceId, String name) {
        return serviceId + "/" + name;
    }

    private static InvalidValueException valueTooLarge(EnvVarName name, String size) {
        return new InvalidValueException(
                FIELD,
                "the value of "
                        + name
                        + " must be at most "
                        + MAX_VALUE_BYTES
                        + " bytes (64 KiB) of UTF-8 (got "
                        + size
                        + " bytes)");
    }

    private static InvalidValueException tooMany(int count) {
        return new InvalidValueException(
                FIELD,
                "a service may have at most "
                        + MAX_VARIABLES
                        + " variables; this change would give it "
                        + count);
    }
}
