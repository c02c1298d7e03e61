package io.customerinfo.projector.rebuild;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.state.StateDelta;
import io.customerinfo.projector.config.ProjectorSettings;
import io.customerinfo.projector.projection.ViewRenderer;
import io.customerinfo.projector.store.CustomerStateStore.Commit;
import io.customerinfo.projector.store.CustomerStateStore.DocAction;
import io.customerinfo.projector.store.CustomerStateStore.LoadPlan;
import io.customerinfo.projector.store.CustomerStateStore;
import io.customerinfo.projector.store.WriterGeneration;
import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.UnifiedJedis;

/**
 * Rebuilds one customer without a replay: loads its stored state from the generation being written, renders the
 * stored view again (a renderer change) and commits it with the same compare-and-set as the projection (only the
 * view and {@code rev} change).
 */
final class CustomerRerender {

    private static final int ATTEMPTS = 5;

    /** @param revision the customer's revision after the re-render */
    record Rendered(long customerId, int generation, long revision, boolean document) {}

    private final UnifiedJedis redis;
    private final ProjectorSettings settings;
    private final ViewRenderer renderer;
    private final Clock clock;

    CustomerRerender(UnifiedJedis redis, ProjectorSettings settings, ViewRenderer renderer, Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** @return empty when the generation holds nothing of this customer */
    Optional<Rendered> render(long customerId) {
        int generation = WriterGeneration.resolve(redis);
        CustomerStateStore store = new CustomerStateStore(redis,
                new RedisKeys(generation, settings.ownerIndexBuckets()), settings.zone(), settings.recentSlack());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            CustomerState state = store.load(Map.of(customerId, new LoadPlan(Set.of()))).get(customerId);
            if (state.rev() == 0) {
                return Optional.empty();
            }
            long rev = state.rev() + 1;
            Optional<byte[]> view = renderer.render(state, clock.instant(), rev);
            DocAction action = view.isPresent() ? DocAction.SET
                    : state.customer() != null ? DocAction.DELETE : DocAction.KEEP;
            StateDelta onlyRev = new StateDelta(customerId, state.rev(), rev, Map.of(), Map.of(), Map.of(), Set.of(),
                    List.of(), List.of());
            CustomerStateStore.CommitResult result = store.commit(List.of(new Commit(onlyRev, action,
                    view.orElse(null))));
            if (result.conflicts().isEmpty()) {
                return Optional.of(new Rendered(customerId, generation, rev, view.isPresent()));
            }
        }
        throw new IllegalStateException("customer " + customerId + " changed under the re-render " + ATTEMPTS
                + " times in a row; try again");
    }
}
