package io.customerinfo.readmodel;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Calendar months as {@code yyyyMM} ints (202006), in a zone. */
public final class Months {

    private Months() {
    }

    public static int of(long epochSecond, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond));
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        return local.getYear() * 100 + local.getMonthValue();
    }

    public static int of(Instant instant, ZoneId zone) {
        return of(instant.getEpochSecond(), zone);
    }

    public static int previous(int month) {
        return month % 100 == 1 ? (month / 100 - 1) * 100 + 12 : month - 1;
    }
}
