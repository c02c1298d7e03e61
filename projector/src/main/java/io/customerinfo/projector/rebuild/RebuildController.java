package io.customerinfo.projector.rebuild;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

/**
 * The admin endpoint (behind {@link AdminKeyFilter}): {@code POST /admin/rebuild} starts (or resumes) a rebuild,
 * {@code GET} reports it, {@code DELETE} cancels it; {@code POST /admin/customers/{cid}/render} re-renders one
 * customer from its stored state.
 */
@RestController
@RequestMapping("/admin")
class RebuildController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RebuildCoordinator coordinator;
    private final CustomerRerender rerender;

    RebuildController(RebuildCoordinator coordinator, CustomerRerender rerender) {
        this.coordinator = coordinator;
        this.rerender = rerender;
    }

    @PostMapping("/rebuild")
    ResponseEntity<Map<String, Object>> start() {
        RebuildCoordinator.Started started = coordinator.begin();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", started.outcome().name());
        body.putAll(readable(started.state()));
        HttpStatus status = started.outcome() == RebuildCoordinator.Outcome.BUSY ? HttpStatus.CONFLICT
                : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).body(body);
    }

    @GetMapping("/rebuild")
    ResponseEntity<Map<String, Object>> status() {
        Map<String, Object> state = coordinator.status();
        if (state == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", "NONE"));
        }
        return ResponseEntity.ok(readable(state));
    }

    @DeleteMapping("/rebuild")
    ResponseEntity<Map<String, Object>> cancel() {
        boolean requested = coordinator.cancel();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cancel_requested", requested);
        Map<String, Object> state = coordinator.status();
        if (state != null) {
            body.putAll(readable(state));
        }
        return ResponseEntity.status(requested ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(body);
    }

    @PostMapping("/customers/{cid}/render")
    ResponseEntity<Map<String, Object>> render(@PathVariable("cid") String cid) {
        long customerId;
        try {
            customerId = Long.parseLong(cid);
        } catch (NumberFormatException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "customer id must be an integer: " + cid));
        }
        Optional<CustomerRerender.Rendered> rendered = rerender.render(customerId);
        if (rendered.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "no stored state of customer " + customerId));
        }
        CustomerRerender.Rendered r = rendered.get();
        return ResponseEntity.ok(Map.of("customer_id", r.customerId(), "generation", r.generation(),
                "revision", r.revision(), "document", r.document()));
    }

    /** The ledger's progress is JSON text: embed it as an object. */
    private static Map<String, Object> readable(Map<String, Object> state) {
        if (state == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>(state);
        Object progress = copy.get("progress");
        if (progress instanceof String json) {
            copy.put("progress", JSON.readValue(json, Map.class));
        }
        return copy;
    }
}
