package io.customerinfo.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The contract examples validate against the schemas, and documents that break the contract do not. */
class SchemaContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ID_PREFIX = "https://customerinfo.io/schemas/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(resolvers -> resolvers.mapPrefix(ID_PREFIX, "classpath:schemas/")));

    static Schema schema(String file) {
        return REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + file));
    }

    private static final Schema EVENT = schema("event.schema.json");
    private static final Schema DOCUMENT = schema("customer-info-document.schema.json");
    private static final Schema RESPONSE = schema("customer-info-response.schema.json");

    @Test
    void everySampleEventIsValid() {
        List<JsonNode> events = sampleEvents();
        assertThat(events).hasSize(7);
        for (JsonNode event : events) {
            assertThat(EVENT.validate(event)).as(event.get("event_id").asString()).isEmpty();
        }
    }

    @Test
    void theGoldenResponseAndItsDocumentAreValid() {
        JsonNode golden = golden();
        assertThat(RESPONSE.validate(golden)).isEmpty();
        assertThat(DOCUMENT.validate(golden.get("data"))).isEmpty();
    }

    @Test
    void anErrorEnvelopeIsValid() {
        JsonNode error = JSON.readTree("{\"errCode\":1004,\"errMsg\":\"客户不存在\",\"data\":null}");
        assertThat(RESPONSE.validate(error)).isEmpty();
    }

    static Stream<Arguments> brokenResponses() {
        return Stream.of(
                Arguments.of("success without data", (Consumer<ObjectNode>) r -> r.remove("data")),
                Arguments.of("success with null data", (Consumer<ObjectNode>) r -> r.putNull("data")),
                Arguments.of("error code with a document", (Consumer<ObjectNode>) r -> r.put("errCode", 1004)),
                Arguments.of("errCode as a string", (Consumer<ObjectNode>) r -> r.put("errCode", "1000")),
                Arguments.of("extra envelope member", (Consumer<ObjectNode>) r -> r.put("extra", 1)),
                Arguments.of("document without purchase_amount", (Consumer<ObjectNode>) r -> data(r).remove("purchase_amount")),
                Arguments.of("amount as a number", (Consumer<ObjectNode>) r -> data(r).put("order_amount", 1000.00)),
                Arguments.of("amount with one decimal", (Consumer<ObjectNode>) r -> data(r).put("purchase_amount", "1280.5")),
                Arguments.of("count as a number", (Consumer<ObjectNode>) r -> ((ObjectNode) data(r).get("total_infos")).put("orders", 2)),
                Arguments.of("id as a number", (Consumer<ObjectNode>) r -> data(r).put("id", 62640)),
                Arguments.of("_cache_at as a string", (Consumer<ObjectNode>) r -> data(r).put("_cache_at", "1592272800")),
                Arguments.of("eleven orders", (Consumer<ObjectNode>) r -> {
                    ArrayNode list = (ArrayNode) data(r).get("orderlist");
                    while (list.size() < 11) {
                        list.add(list.get(0).deepCopy());
                    }
                }),
                Arguments.of("order item with an extra member", (Consumer<ObjectNode>) r ->
                        ((ObjectNode) data(r).get("orderlist").get(0)).put("status", "open")),
                Arguments.of("invoice without customer_name", (Consumer<ObjectNode>) r ->
                        ((ObjectNode) data(r).get("invoicelist").get(0)).remove("customer_name")),
                Arguments.of("contact with is_default 2", (Consumer<ObjectNode>) r ->
                        ((ObjectNode) data(r).get("contacts").get(0)).put("is_default", "2")),
                Arguments.of("contacts not an array", (Consumer<ObjectNode>) r -> data(r).set("contacts", JsonNodeFactory.instance.objectNode())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenResponses")
    void aResponseThatBreaksTheContractIsInvalid(String what, Consumer<ObjectNode> breakIt) {
        ObjectNode response = (ObjectNode) golden();
        breakIt.accept(response);
        List<Error> errors = RESPONSE.validate(response);
        assertThat(errors).as(what).isNotEmpty();
    }

    static Stream<Arguments> brokenEvents() {
        return Stream.of(
                Arguments.of("unknown op", 0, (Consumer<ObjectNode>) e -> e.put("op", "merge")),
                Arguments.of("unknown entity", 0, (Consumer<ObjectNode>) e -> e.put("entity", "supplier")),
                Arguments.of("version zero", 0, (Consumer<ObjectNode>) e -> e.put("version", 0)),
                Arguments.of("version as a string", 0, (Consumer<ObjectNode>) e -> e.put("version", "1")),
                Arguments.of("id with a leading zero", 1, (Consumer<ObjectNode>) e -> e.put("id", "045973")),
                Arguments.of("upsert without data", 1, (Consumer<ObjectNode>) e -> e.remove("data")),
                Arguments.of("delete with data", 1, (Consumer<ObjectNode>) e -> e.put("op", "delete")),
                Arguments.of("customer without name", 0, (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("data")).remove("name")),
                Arguments.of("contact without is_default", 1, (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("data")).remove("is_default")),
                Arguments.of("order amount with 3 decimals", 4, (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("data")).put("amount", "1.005")),
                Arguments.of("order amount as a number", 4, (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("data")).put("amount", 560)),
                Arguments.of("order without created_at", 4, (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("data")).remove("created_at")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEvents")
    void anEventThatBreaksTheContractIsInvalid(String what, int sample, Consumer<ObjectNode> breakIt) {
        ObjectNode event = (ObjectNode) sampleEvents().get(sample);
        assertThat(EVENT.validate(event)).isEmpty();
        breakIt.accept(event);
        assertThat(EVENT.validate(event)).as(what).isNotEmpty();
    }

    @Test
    void aDeleteWithoutDataIsValid() {
        ObjectNode event = (ObjectNode) sampleEvents().get(1);
        event.put("op", "delete");
        event.remove("data");
        assertThat(EVENT.validate(event)).isEmpty();
    }

    private static ObjectNode data(ObjectNode response) {
        return (ObjectNode) response.get("data");
    }

    private static JsonNode golden() {
        return JSON.readTree(resource("schemas/examples/customer-info-62640.json"));
    }

    private static List<JsonNode> sampleEvents() {
        return new String(resource("schemas/examples/sample-events-62640.jsonl"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank())
                .map(line -> JSON.readTree(line).get("value"))
                .toList();
    }

    private static byte[] resource(String path) {
        try (InputStream in = SchemaContractTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
