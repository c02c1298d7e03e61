package io.customerinfo.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.support.Contract;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CompactJsonTest {

    @Test
    void splitsMembersInOrderWithTheirCompactValues() {
        String json = "{\"a\":\"x,}\\\"]\",\"b\":{\"c\":[1,{\"d\":\"}\"}],\"e\":null},\"中文\":-1.5e3,\"q\\\"n\":true,\"z\":[]}";
        LinkedHashMap<String, byte[]> members = CompactJson.members(json.getBytes(StandardCharsets.UTF_8));
        Map<String, String> text = new LinkedHashMap<>();
        members.forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        assertThat(text).containsExactly(
                Map.entry("a", "\"x,}\\\"]\""),
                Map.entry("b", "{\"c\":[1,{\"d\":\"}\"}],\"e\":null}"),
                Map.entry("中文", "-1.5e3"),
                Map.entry("q\"n", "true"),
                Map.entry("z", "[]"));
        assertThat(CompactJson.members("{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void refusesWhatIsNotACompactObject() {
        for (String bad : new String[] {"", "[]", "{\"a\":1", "{ \"a\":1}", "{\"a\" :1}", "{\"a\":1,}", "{\"a\":{\"b\":1}", "{\"a\"}"}) {
            assertThatThrownBy(() -> CompactJson.members(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 100)
    void agreesWithJacksonOnGeneratedObjects(@ForAll @Size(max = 12) Map<@StringLength(max = 12) String, @StringLength(max = 30) String> strings,
                                             @ForAll @Size(max = 5) Map<@StringLength(max = 8) String, Integer> numbers) {
        ObjectNode object = Contract.JSON.createObjectNode();
        strings.forEach(object::put);
        ObjectNode nested = object.putObject("nested");
        numbers.forEach(nested::put);
        object.putArray("list").add("]}").add(nested.deepCopy());
        byte[] json = Contract.JSON.writeValueAsBytes(object);

        LinkedHashMap<String, byte[]> members = CompactJson.members(json);

        assertThat(members.keySet()).containsExactlyElementsOf(() -> object.propertyNames().iterator());
        members.forEach((name, value) -> assertThat(Contract.JSON.readTree(value)).isEqualTo((JsonNode) object.get(name)));
    }
}
