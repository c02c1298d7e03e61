package io.customerinfo.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenerationMarkerTest {

    @Test
    void anAbsentMarkerNamesNoGeneration() {
        assertThat(GenerationMarker.parse(null)).isEmpty();
    }

    @Test
    void aMarkerIsADecimalGenerationPossiblyPadded() {
        assertThat(GenerationMarker.parse("1")).hasValue(1);
        assertThat(GenerationMarker.parse(" 12\n")).hasValue(12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "", "x", "1.5", "99999999999"})
    void anythingElseIsRefusedWithTheKeyNamed(String value) {
        assertThatThrownBy(() -> GenerationMarker.parse(value))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(RedisKeys.ACTIVE);
    }
}
