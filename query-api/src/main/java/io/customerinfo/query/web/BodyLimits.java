package io.customerinfo.query.web;

import java.time.Duration;

/**
 * Bounds on a request body: bodies over {@code maxBytes} are answered 1413, bodies still incomplete
 * after {@code timeout} are answered 1408.
 */
public record BodyLimits(int maxBytes, Duration timeout) {
}
