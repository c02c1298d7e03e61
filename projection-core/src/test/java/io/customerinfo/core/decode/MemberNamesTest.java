package io.customerinfo.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

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
}
