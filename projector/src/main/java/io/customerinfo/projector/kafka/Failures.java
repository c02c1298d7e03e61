package io.customerinfo.projector.kafka;

import java.io.UncheckedIOException;
import java.util.List;

import io.customerinfo.projector.projection.BatchProjection;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells a failure of the infrastructure (Redis unreachable, busy or read-only, customers contended) from a failure
 * of our own code. The first is replayed after a back-off and loses nothing by waiting; the second would fail
 * again on every replay, so the record that causes it is isolated and dead-lettered instead of stopping the stream.
 */
final class Failures {

    /** Redis error replies that pass by themselves (a loading, busy, full or failing-over server). */
    private static final List<String> TRANSIENT_REDIS_ERRORS = List.of("LOADING", "BUSY", "OOM", "MISCONF",
            "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "NOREPLICAS");

    private Failures() {}

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BatchProjection.ContendedException || t instanceof UncheckedIOException) {
                return true;
            }
            if (t instanceof JedisDataException reply) {
                String message = reply.getMessage() == null ? "" : reply.getMessage();
                return TRANSIENT_REDIS_ERRORS.stream().anyMatch(message::startsWith);
            }
            if (t instanceof JedisException) {
                return true; // connection refused or reset, timeouts, cluster redirections exhausted
            }
        }
        return false;
    }
}
