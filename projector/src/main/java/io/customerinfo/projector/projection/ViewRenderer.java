package io.customerinfo.projector.projection;

import java.time.Instant;
import java.util.Optional;

import io.customerinfo.core.state.CustomerState;

/** The stored-view bytes of a customer's state, or empty while the customer entity is absent or deleted. */
@FunctionalInterface
public interface ViewRenderer {
    Optional<byte[]> render(CustomerState state, Instant now, long rev);
}
