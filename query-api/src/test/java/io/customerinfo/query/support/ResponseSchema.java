package io.customerinfo.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.customerinfo.embedded.http.RawHttp;

/** {@code schemas/customer-info-response.schema.json}, the envelope every answer must satisfy. */
public final class ResponseSchema {

    private static final String ID_PREFIX = "https://customerinfo.io/schemas/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(resolvers -> resolvers.mapPrefix(ID_PREFIX, "classpath:schemas/")));
    private static final Schema RESPONSE = REGISTRY.getSchema(
            SchemaLocation.of(ID_PREFIX + "customer-info-response.schema.json"));
    private static final Schema DOCUMENT = REGISTRY.getSchema(
            SchemaLocation.of(ID_PREFIX + "customer-info-document.schema.json"));

    private ResponseSchema() {
    }

    public static void assertValid(RawHttp.Response response) {
        assertThat(RESPONSE.validate(Golden.json(response))).as(response.text()).isEmpty();
    }

    public static void assertValidDocument(tools.jackson.databind.JsonNode document) {
        assertThat(DOCUMENT.validate(document)).as(document.toString()).isEmpty();
    }
}
