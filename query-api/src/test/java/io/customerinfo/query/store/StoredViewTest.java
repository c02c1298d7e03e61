package io.customerinfo.query.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredViewTest {

    private static StoredView view(String text) {
        return StoredView.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheHeaderAndLooksUpMonths() {
        StoredView v = view("CIV1|7|1592272800|12|202006|202005=0,202006=128050,202008=-5\n{\"id\":\"1\"");
        assertThat(v.rev()).isEqualTo(7);
        assertThat(v.cacheAt()).isEqualTo(1592272800L);
        assertThat(v.orgId()).isEqualTo("12");
        assertThat(v.writeMonth()).isEqualTo(202006);
        assertThat(v.purchaseCents(202006)).isEqualTo(128050);
        assertThat(v.purchaseCents(202005)).isZero();
        assertThat(v.purchaseCents(202007)).isZero();
        assertThat(v.purchaseCents(202008)).isEqualTo(-5);
    }

    @Test
    void emptyMonthListMeansZero() {
        assertThat(view("CIV1|1|0|1|202006|\n{\"id\":\"1\"").purchaseCents(202006)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CIV2|1|0|1|202006|\n{}", "CIV1|x|0|1|202006|\n{}", "CIV1|1|0|1|202006|202006=1",
            "CIV1|1|0|1|202006|\n", "CIV1|1|0|1|202006|\n[]", "CIV1|1|0|1\n{}", "CIV1|1|0|1|2020x6|\n{\"a\""})
    void malformedViewsAreRejected(String text) {
        assertThatThrownBy(() -> view(text)).isInstanceOf(MalformedViewException.class);
    }

    @Test
    void badMonthEntryIsRejectedWhenRead() {
        StoredView v = view("CIV1|1|0|1|202006|202006\n{\"a\"");
        assertThatThrownBy(() -> v.purchaseCents(202006)).isInstanceOf(MalformedViewException.class);
    }

    @Test
    void amountsInTheDocumentsForm() {
        assertThat(new String(Amounts.format(0), StandardCharsets.US_ASCII)).isEqualTo("0.00");
        assertThat(new String(Amounts.format(5), StandardCharsets.US_ASCII)).isEqualTo("0.05");
        assertThat(new String(Amounts.format(50), StandardCharsets.US_ASCII)).isEqualTo("0.50");
        assertThat(new String(Amounts.format(128050), StandardCharsets.US_ASCII)).isEqualTo("1280.50");
        assertThat(new String(Amounts.format(-105), StandardCharsets.US_ASCII)).isEqualTo("-1.05");
        assertThat(new String(Amounts.format(Long.MAX_VALUE), StandardCharsets.US_ASCII)).isEqualTo("92233720368547758.07");
    }

    @Test
    void servingMonthFollowsTheZoneAcrossBoundaries() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        var clock = new java.util.concurrent.atomic.AtomicReference<>(
                OffsetDateTime.parse("2020-06-30T23:59:59.999+08:00").toInstant());
        Clock moving = new Clock() {
            public ZoneId getZone() { return shanghai; }
            public Clock withZone(ZoneId z) { return this; }
            public java.time.Instant instant() { return clock.get(); }
        };
        ServingMonth month = new ServingMonth(moving, shanghai);
        assertThat(month.current()).isEqualTo(202006);
        clock.set(OffsetDateTime.parse("2020-07-01T00:00:00+08:00").toInstant());
        assertThat(month.current()).isEqualTo(202007);
        clock.set(OffsetDateTime.parse("2020-06-30T16:00:00Z").toInstant());
        assertThat(month.current()).isEqualTo(202007);
        clock.set(OffsetDateTime.parse("2020-12-31T16:00:00Z").toInstant());
        assertThat(month.current()).isEqualTo(202101);
        clock.set(OffsetDateTime.parse("2020-06-01T00:00:00+08:00").toInstant());
        assertThat(month.current()).isEqualTo(202006);
    }
}
