package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A custom domain as the GraphQL API shows it, with the records to create. */
record CustomDomainView(
        String id,
        String domain,
        String certificateStatus,
        String certificateError,
        String lastCheckError,
        List<Record> records) {

    static final String FIELDS =
            "id domain certificateStatus certificateError lastCheckError"
                    + " records { type name expected found status }";

    /** One DNS record: what to create, what the last check found, and its status. */
    record Record(String type, String name, String expected, String found, String status) {}

    static CustomDomainView from(JsonNode node) {
        List<Record> records = new ArrayList<>();
        node.path("records")
                .forEach(
                        r ->
                                records.add(
                                        new Record(
                                                r.path("type").asText(),
                                                r.path("name").asText(),
                                                r.path("expected").asText(),
                                                r.path("found").asText(null),
                                                r.path("status").asText())));
        return new CustomDomainView(
                node.path("id").asText(),
                node.path("domain").asText(),
                node.path("certificateStatus").asText(),
                node.path("certificateError").asText(null),
                node.path("lastCheckError").asText(null),
                List.copyOf(records));
    }

    /** The record of {@code type} ({@code TXT} or {@code CNAME}). */
    Record record(String type) {
        return records.stream()
                .filter(r -> r.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " record in " + this));
    }
}
