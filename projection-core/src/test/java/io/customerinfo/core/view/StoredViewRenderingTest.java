package io.customerinfo.core.view;

import static io.customerinfo.core.support.Events.customer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.projection.Projection;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.support.Contract;
import io.customerinfo.core.support.Worlds;
import io.customerinfo.readmodel.StoredView;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The projector's one-buffer rendering of the stored view is the reference encoding, byte for byte. */
class StoredViewRenderingTest {

    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    @Provide
    Arbitrary<List<ChangeEvent>> histories() {
        return Worlds.histories();
    }

    @Property(tries = 150)
    void renderStoredViewIsRenderViewEncoded(@ForAll("histories") List<ChangeEvent> events,
                                             @ForAll @LongRange(min = 1, max = 1_000_000) long rev,
                                             @ForAll @LongRange(min = 0, max = 4_000_000_000L) long epochSecond) {
        Projection projection = new Projection();
        events.forEach(projection::apply);
        Instant now = Instant.ofEpochSecond(epochSecond);
        for (long customer = 1; customer <= Worlds.CUSTOMERS; customer++) {
            CustomerState state = projection.customer(customer).orElse(null);
            if (state == null) {
                continue;
            }
            byte[] reference = RENDERER.renderView(state, now, rev).map(StoredView::bytes).orElse(null);
            byte[] fast = RENDERER.renderStoredView(state, now, rev).orElse(null);
            assertThat(fast).isEqualTo(reference);
        }
    }

    @Test
    void theGoldenCustomerRendersToThePinnedView() {
        Projection projection = new Projection();
        Contract.sampleEvents().forEach(projection::apply);
        CustomerState state = projection.customer(Contract.GOLDEN_CUSTOMER).orElseThrow();

        byte[] fast = RENDERER.renderStoredView(state, Contract.GOLDEN_NOW, 12).orElseThrow();

        assertThat(fast).isEqualTo(RENDERER.renderView(state, Contract.GOLDEN_NOW, 12).orElseThrow().bytes());
        assertThat(new String(fast, StandardCharsets.UTF_8))
                .startsWith("CIV1|12|1592272800|1|202006|202005=56000,202006=128050\n{\"id\":\"62640\",");
    }

    @Test
    void aCustomerWithoutAnOrgIdRenders() {
        Projection projection = new Projection();
        projection.apply(customer(1, 1, "c"));
        assertThat(RENDERER.renderStoredView(projection.customer(1).orElseThrow(), Contract.GOLDEN_NOW, 1))
                .isPresent();
    }
}
