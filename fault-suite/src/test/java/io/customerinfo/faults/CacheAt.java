package io.customerinfo.faults;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code _cache_at} is the projection time: the only member a replayed or re-projected document may change. */
final class CacheAt {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CacheAt() {
    }

    /** A text member of a document, e.g. {@code org_id}. */
    static String member(String documentJson, String name) {
        return JSON.readTree(documentJson).get(name).asString();
    }

    static String strip(String documentJson) {
        ObjectNode node = (ObjectNode) JSON.readTree(documentJson);
        node.remove("_cache_at");
        return JSON.writeValueAsString(node);
    }
}
