package io.customerinfo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RedisCommandTimeTest {

    private static final String INFO = """
            # Commandstats
            cmdstat_set:calls=10,usec=150,usec_per_call=15.00,rejected_calls=0,failed_calls=0
            cmdstat_evalsha:calls=5,usec=2000,usec_per_call=400.00,rejected_calls=0,failed_calls=0
            cmdstat_hgetall:calls=20,usec=400,usec_per_call=20.00,rejected_calls=0,failed_calls=0\r
            """;

    @Test
    void readsEveryCommandMostTimeFirst() {
        List<RedisCommandTime.Command> commands = RedisCommandTime.parse(INFO);
        assertThat(commands).containsExactly(new RedisCommandTime.Command("evalsha", 5, 2000),
                new RedisCommandTime.Command("hgetall", 20, 400), new RedisCommandTime.Command("set", 10, 150));
    }

    @Test
    void givesTimeAndCallsPerRecord() {
        assertThat(RedisCommandTime.perRecord(RedisCommandTime.parse(INFO), 10, 2))
                .isEqualTo("evalsha 200.0 µs (0.50 calls), hgetall 40.0 µs (2.00 calls)");
    }

    @Test
    void countsWhatEachCommandDidBetweenTwoSnapshots() {
        List<RedisCommandTime.Command> before = RedisCommandTime.parse("""
                cmdstat_set:calls=4,usec=60,usec_per_call=15.00
                cmdstat_hgetall:calls=20,usec=400,usec_per_call=20.00
                """);
        List<RedisCommandTime.Command> after = RedisCommandTime.parse(INFO);
        assertThat(RedisCommandTime.since(before, after)).containsExactly(
                new RedisCommandTime.Command("evalsha", 5, 2000), new RedisCommandTime.Command("set", 6, 90));
    }
}
