package io.customerinfo.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MemberNamesTest {

    @Property(tries = 1000)
    void aNameIsItsBytesWhateverTheSlotHeld(@ForAll @Size(max = 20) List<String> names) {
        for (String name : names) {
            byte[] padded = ("[" + name + "]").getBytes(StandardCharsets.UTF_8);
            assertThat(MemberNames.of(padded, 1, padded.length - 1)).isEqualTo(name);
        }
    }

    @Test
    void theSameBytesGiveTheSameString() {
        byte[] a = "x\"org_department_name\"".getBytes(StandardCharsets.UTF_8);
        byte[] b = "\"org_department_name\"y".getBytes(StandardCharsets.UTF_8);
        assertThat(MemberNames.of(a, 2, a.length - 1)).isSameAs(MemberNames.of(b, 1, b.length - 2))
                .isEqualTo("org_department_name");
        assertThat(MemberNames.of(a, 2, 2)).isEmpty();
    }

    @Test
    void everyMemberNameOfTheContractKeepsItsStringWhileTheOthersAreRead() throws IOException {
        // every member name of every row kind and of the envelope: the sample events of the contract
        Set<String> names = new TreeSet<>();
        try (InputStream in = MemberNamesTest.class.getResourceAsStream("/schemas/examples/sample-events-62640.jsonl")) {
            assertThat(in).isNotNull();
            JsonMapper json = JsonMapper.builder().build();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    collectNames(json.readTree(line).get("value"), names);
                }
            }
        }
        assertThat(names).as("names in the sample events").hasSizeGreaterThan(80).contains("short_name", "state_name");
        // a table of its own: the shared one holds whatever other tests decoded
        MemberNames table = new MemberNames();
        Map<String, String> first = new HashMap<>();
        for (String name : names) {
            first.put(name, of(table, name));
        }
        // every name again, after all the others took their slots: the same instance, not a new decode
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (of(table, name) != first.get(name)) {
                changed.add(name);
            }
        }
        assertThat(changed).isEmpty();
    }

    private static void collectNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.properties().forEach(member -> {
                names.add(member.getKey());
                collectNames(member.getValue(), names);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectNames(element, names));
        }
    }

    @Test
    void aLongNameIsDecodedButNotHeld() {
        MemberNames table = new MemberNames();
        String longName = "n".repeat(MemberNames.MAX_CACHED_BYTES + 1);
        String first = of(table, longName);
        assertThat(first).isEqualTo(longName);
        assertThat(of(table, longName)).isEqualTo(longName).isNotSameAs(first);
        String longest = "m".repeat(MemberNames.MAX_CACHED_BYTES);
        assertThat(of(table, longest)).isSameAs(of(table, longest));
    }

    private static String of(MemberNames table, String name) {
        byte[] bytes = ("\"" + name + "\"").getBytes(StandardCharsets.UTF_8);
        return table.name(bytes, 1, bytes.length - 1);
    }
}
