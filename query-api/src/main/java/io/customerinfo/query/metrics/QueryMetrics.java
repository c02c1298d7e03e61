package io.customerinfo.query.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The API's own meters, all registered up front so that the hot path only records.
 * <ul>
 * <li>{@code query.requests} (counter; endpoint, outcome) - Prometheus {@code query_requests_total}</li>
 * <li>{@code query.request.duration} (timer with histogram; endpoint, outcome)</li>
 * <li>{@code query.redis.duration} (timer with histogram; op = get, mget, active, versions)</li>
 * <li>{@code query.auth.denials} (counter; reason = missing_key, unknown_key, org)</li>
 * </ul>
 */
public class QueryMetrics {

    private final Counter[][] requests;
    private final Timer[][] latency;
    private final Timer redisGet;
    private final Timer redisMget;
    private final Timer redisActive;
    private final Timer redisVersions;
    private final Counter[] denials;

    public QueryMetrics(MeterRegistry registry) {
        Endpoint[] endpoints = Endpoint.values();
        Outcome[] outcomes = Outcome.values();
        requests = new Counter[endpoints.length][outcomes.length];
        latency = new Timer[endpoints.length][outcomes.length];
        for (Endpoint e : endpoints) {
            for (Outcome o : outcomes) {
                requests[e.ordinal()][o.ordinal()] = Counter.builder("query.requests")
                        .description("Requests by endpoint and outcome")
                        .tag("endpoint", e.tag()).tag("outcome", o.tag()).register(registry);
                latency[e.ordinal()][o.ordinal()] = histogram(Timer.builder("query.request.duration")
                        .description("Time from the request's arrival at the API to its answer")
                        .tag("endpoint", e.tag()).tag("outcome", o.tag()), registry);
            }
        }
        redisGet = redisTimer("get", registry);
        redisMget = redisTimer("mget", registry);
        redisActive = redisTimer("active", registry);
        redisVersions = redisTimer("versions", registry);
        DenialReason[] reasons = DenialReason.values();
        denials = new Counter[reasons.length];
        for (DenialReason r : reasons) {
            denials[r.ordinal()] = Counter.builder("query.auth.denials")
                    .description("Refused callers: missing or unknown key, or a document of another org")
                    .tag("reason", r.tag()).register(registry);
        }
    }

    private static Timer redisTimer(String op, MeterRegistry registry) {
        return histogram(Timer.builder("query.redis.duration").description("Redis round trips").tag("op", op),
                registry);
    }

    private static Timer histogram(Timer.Builder builder, MeterRegistry registry) {
        return builder.publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
    }

    public void request(Endpoint endpoint, Outcome outcome, long nanos) {
        requests[endpoint.ordinal()][outcome.ordinal()].increment();
        latency[endpoint.ordinal()][outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }

    public void denial(DenialReason reason) {
        denials[reason.ordinal()].increment();
    }

    public void redisGet(long nanos) {
        redisGet.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void redisMget(long nanos) {
        redisMget.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void redisVersions(long nanos) {
        redisVersions.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void redisActive(long nanos) {
        redisActive.record(nanos, TimeUnit.NANOSECONDS);
    }
}
