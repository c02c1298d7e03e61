package io.customerinfo.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    void encodeParseRoundTrips() {
        TreeMap<Integer, Long> months = new TreeMap<>(Map.of(202012, 5L, 202101, 0L, 202103, 12345L));
        byte[] body = "{\"id\":\"1\",\"x\":\"|\\n\"".getBytes(StandardCharsets.UTF_8);

        StoredView back = StoredView.parse(StoredView.encode(99, 1600000000, "org_7", 202101, months, body));

        assertThat(back.rev()).isEqualTo(99);
        assertThat(back.cacheAt()).isEqualTo(1600000000);
        assertThat(back.orgId()).isEqualTo("org_7");
        assertThat(back.writeMonth()).isEqualTo(202101);
        assertThat(back.monthCents()).isEqualTo(months);
        assertThat(back.body()).isEqualTo(body);
        assertThat(back.purchaseCents(202103)).isEqualTo(12345);
        assertThat(back.purchaseCents(202102)).isZero();
        assertThat(new String(back.document(202012), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"1\",\"x\":\"|\\n\",\"purchase_amount\":\"0.05\"}");
        assertThat(new String(back.response(202102), StandardCharsets.UTF_8)).isEqualTo(
                "{\"errCode\":1000,\"errMsg\":\"请求成功\",\"data\":{\"id\":\"1\",\"x\":\"|\\n\",\"purchase_amount\":\"0.00\"}}");
        assertThat(StoredView.parse(StoredView.encode(1, 2, "", 202001, new TreeMap<>(), "{}".getBytes(StandardCharsets.UTF_8)))
                .monthCents()).isEmpty();
    }

    @Test
    void anOrgIdThatCouldBreakTheHeaderIsWrittenEmpty() {
        TreeMap<Integer, Long> months = new TreeMap<>(Map.of(202006, 1L));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        for (String orgId : List.of("a|b", "x\ny", "7 8", "组织")) {
            assertThat(StoredView.parse(StoredView.encode(1, 2, orgId, 202006, months, body)).orgId()).as(orgId).isEmpty();
        }
        assertThat(StoredView.parse(StoredView.encode(1, 2, "org_7-A", 202006, months, body)).orgId()).isEqualTo("org_7-A");
        assertThat(StoredView.parse(StoredView.encode(1, 2, null, 202006, months, body)).orgId()).isEmpty();
    }

    @Test
    void aMalformedViewIsAnIllegalArgument() {
        assertThatThrownBy(() -> view("{\"id\":1}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void amountsInTheDocumentsForm() {
        assertThat(new String(Cents.ascii(0), StandardCharsets.US_ASCII)).isEqualTo("0.00");
        assertThat(new String(Cents.ascii(5), StandardCharsets.US_ASCII)).isEqualTo("0.05");
        assertThat(new String(Cents.ascii(50), StandardCharsets.US_ASCII)).isEqualTo("0.50");
        assertThat(new String(Cents.ascii(128050), StandardCharsets.US_ASCII)).isEqualTo("1280.50");
        assertThat(new String(Cents.ascii(-105), StandardCharsets.US_ASCII)).isEqualTo("-1.05");
        assertThat(new String(Cents.ascii(Long.MAX_VALUE), StandardCharsets.US_ASCII)).isEqualTo("92233720368547758.07");
        assertThat(Cents.format(Long.MIN_VALUE)).isEqualTo("-92233720368547758.08");
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
