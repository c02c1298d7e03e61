package io.customerinfo.projector.rebuild;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin endpoint and the rebuild ({@code projector.rebuild.*}; see {@code application.yml} for the environment
 * variables).
 *
 * @param adminKey the key the admin endpoint requires ({@code PROJECTOR_ADMIN_KEY}); empty (default) = every admin
 *     request is refused with 401
 * @param switchLag the rebuild hands its generation over once it is at most this many records behind on every
 *     partition (default 500); -1 = never: it keeps following the topics until cancelled (a dry run)
 * @param concurrency consumer threads of a rebuild in this instance; 0 (default) = {@code projector.concurrency}
 * @param progressInterval how often the rebuild measures its lag, checks for a cancel and may hand over (default 1 s)
 * @param logInterval how often it logs a progress line (default 10 s)
 * @param lease lease of the rebuild lock; renewed every third of it, so a crashed instance's rebuild is resumed by
 *     another (or the restarted) instance after at most this long (default 15 s)
 * @param dropDelay pause between the switch and deleting the old generation; longer than the query API's 1 s refresh
 *     of {@code cinfo:active}, so no reader is still on it (default 5 s)
 * @param eraseBatch keys per {@code SCAN} / {@code UNLINK} batch when deleting a generation (default 500)
 */
@ConfigurationProperties("projector.rebuild")
public record RebuildSettings(
        @DefaultValue("") String adminKey,
        @DefaultValue("500") long switchLag,
        @DefaultValue("0") int concurrency,
        @DefaultValue("1s") Duration progressInterval,
        @DefaultValue("10s") Duration logInterval,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("5s") Duration dropDelay,
        @DefaultValue("500") int eraseBatch) {

    public RebuildSettings {
        if (switchLag < -1) {
            throw new IllegalArgumentException("projector.rebuild.switch-lag must be >= -1, was " + switchLag);
        }
        if (eraseBatch < 1) {
            throw new IllegalArgumentException("projector.rebuild.erase-batch must be >= 1, was " + eraseBatch);
        }
        adminKey = adminKey == null ? "" : adminKey;
    }

    public boolean switches() {
        return switchLag >= 0;
    }
}
