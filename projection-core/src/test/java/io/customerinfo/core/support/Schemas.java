package io.customerinfo.core.support;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/** The JSON Schemas of the schemas module, from the test classpath. */
public final class Schemas {

    private static final String ID_PREFIX = "https://customerinfo.io/schemas/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(resolvers -> resolvers.mapPrefix(ID_PREFIX, "classpath:schemas/")));

    public static final Schema EVENT = REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + "event.schema.json"));
    public static final Schema DOCUMENT = REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + "customer-info-document.schema.json"));
    public static final Schema RESPONSE = REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + "customer-info-response.schema.json"));

    private Schemas() {
    }

    public static List<Error> validateDocument(byte[] document) {
        JsonNode node = Contract.JSON.readTree(document);
        return DOCUMENT.validate(node);
    }
}
