package io.customerinfo.readmodel;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The calendar month (yyyyMM, in the configured zone) at the moment of serving. The month's bounds
 * are cached, so the common case is one clock read and two comparisons.
 */
public final class ServingMonth {

    private record Span(long startMillis, long endMillis, int yyyymm) {
    }

    private final Clock clock;
    private final ZoneId zone;
    private volatile Span span = new Span(0, 0, 0);

    public ServingMonth(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public int current() {
        long now = clock.millis();
        Span s = span;
        if (now >= s.startMillis && now < s.endMillis) {
            return s.yyyymm;
        }
        YearMonth month = YearMonth.from(ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), zone));
        s = new Span(month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli(),
                month.getYear() * 100 + month.getMonthValue());
        span = s;
        return s.yyyymm;
    }
}
