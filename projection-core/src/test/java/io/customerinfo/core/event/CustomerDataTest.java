package io.customerinfo.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CustomerDataTest {

    private static final byte[] ROW = "{\"id\":\"7\",\"name\":\"A \\\"B\\\"\",\"org_id\":\"org_1\",\"visit_plan\":{\"a\":[1,2]},\"x\":null}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void theMembersAreTheSameBeforeAndAfterTheLayoutIsDerived() {
        CustomerData data = CustomerData.ofJson(ROW);
        Map<String, String> before = text(data.members());

        Integer derived = data.derive(Integer.class, d -> d.members().size());

        assertThat(derived).isEqualTo(5);
        assertThat(text(data.members())).isEqualTo(before);
        assertThat(List.copyOf(data.members().keySet())).containsExactly("id", "name", "org_id", "visit_plan", "x");
        assertThat(before.get("visit_plan")).isEqualTo("{\"a\":[1,2]}");
        assertThat(data.derive(Integer.class, d -> -1)).as("memoized").isEqualTo(5);
    }

    @Test
    void nameAndOrgIdAreReadAtConstruction() {
        CustomerData data = CustomerData.ofJson(ROW);
        data.derive(String.class, d -> "layout");

        assertThat(new String(data.nameLiteral(), StandardCharsets.UTF_8)).isEqualTo("\"A \\\"B\\\"\"");
        assertThat(data.orgId()).isEqualTo("org_1");
        CustomerData bare = CustomerData.ofJson("{\"id\":\"8\",\"org_id\":5}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(bare.nameLiteral(), StandardCharsets.UTF_8)).isEqualTo("\"\"");
        assertThat(bare.orgId()).isEmpty();
    }

    @Test
    void notACompactObjectIsRefusedAtConstruction() {
        for (String notAnObject : List.of("[1]", "{\"id\":\"7\"", "{\"id\"}")) {
            assertThatThrownBy(() -> CustomerData.ofJson(notAnObject.getBytes(StandardCharsets.UTF_8)))
                    .as(notAnObject).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Map<String, String> text(Map<String, byte[]> members) {
        Map<String, String> text = new java.util.LinkedHashMap<>();
        members.forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        return text;
    }
}
