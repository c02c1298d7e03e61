package io.customerinfo.core.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.function.Function;

import io.customerinfo.core.json.CompactJson;

/**
 * The customer row, kept as its ordered members (name -> compact JSON value) rather than mapped to
 * fields: the core reads only {@code name} and {@code org_id}; everything else, including columns the
 * CRM adds later, passes through to the document in the order received.
 *
 * <p>Derived members ({@code contacts}, {@code orderlist}, {@code _cache_at}, ...) are never here:
 * the decoder drops them. Arrays are shared, not copied: treat them as read-only.
 */
public final class CustomerData implements EntityData {

    private static final byte[] EMPTY_STRING = {'"', '"'};

    private final byte[] json;
    private final byte[] nameLiteral;
    private final String orgId;
    /**
     * The members from the construction's scan, kept only until the first {@link #derive}: the renderer derives its
     * layout from them once, after which the row is held as its bytes and the layout alone (a loaded customer's
     * member map was most of what a poll kept alive, and so of what young collections copied).
     */
    private volatile Map<String, byte[]> scanned;
    private volatile Object derived;

    private CustomerData(byte[] json, Map<String, byte[]> members) {
        this.json = json;
        byte[] name = members.get("name");
        this.nameLiteral = name != null ? name : EMPTY_STRING;
        String org = CompactJson.stringValue(members.get("org_id"));
        this.orgId = org != null ? org : "";
        this.scanned = Collections.unmodifiableMap(members);
    }

    private CustomerData(byte[] nameLiteral, String orgId, Object layout) {
        this.json = null;
        this.nameLiteral = nameLiteral;
        this.orgId = orgId;
        this.derived = layout;
    }

    /**
     * A row known only by the renderer's layout of it (as the projector stores customers): it renders like the row
     * it was derived from, but has no {@link #json()} or {@link #members()}; a new event replaces it whole.
     */
    public static CustomerData ofLayout(byte[] nameLiteral, String orgId, Object layout) {
        return new CustomerData(nameLiteral, orgId, layout);
    }

    /**
     * Wraps a compact JSON object.
     *
     * @throws IllegalArgumentException when it is not one compact JSON object
     */
    public static CustomerData ofJson(byte[] compactObject) {
        return new CustomerData(compactObject, CompactJson.members(compactObject));
    }

    /**
     * Wraps a compact JSON object already split into its members by whoever wrote it (the decoder), saving the scan
     * of {@link #ofJson}. The caller guarantees that {@code members} is what {@link #ofJson} would find in
     * {@code compactObject}.
     */
    public static CustomerData ofMembers(byte[] compactObject, Map<String, byte[]> members) {
        return new CustomerData(compactObject, members);
    }

    /** The members in order received, each value compact JSON (split from {@link #json()} again once derived). */
    public Map<String, byte[]> members() {
        Map<String, byte[]> members = scanned;
        return members != null ? members : Collections.unmodifiableMap(CompactJson.members(json()));
    }

    /** The row as one compact JSON object (the members in order). */
    public byte[] json() {
        if (json == null) {
            throw new IllegalStateException("this customer row was loaded as its document layout; it has no row JSON");
        }
        return json;
    }

    /** Whether {@link #json()} and {@link #members()} are available (false for a row loaded by its layout). */
    public boolean hasJson() {
        return json != null;
    }

    /** The {@code name} member as a JSON literal (used for {@code invoicelist[].customer_name}). */
    public byte[] nameLiteral() {
        return nameLiteral;
    }

    /** The {@code org_id} as text ("" when absent or not a string). */
    public String orgId() {
        return orgId;
    }

    /**
     * A memo for one value derived from the row (the renderer's pre-encoded member layout): the row
     * is immutable, so the value never goes stale; computed at most once per type in practice.
     */
    public <T> T derive(Class<T> type, Function<CustomerData, T> compute) {
        Object value = derived;
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        T computed = compute.apply(this);
        derived = computed;
        scanned = null;
        return computed;
    }

    /** Rows are equal when their JSON is; a row loaded by its layout equals one with the same layout. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CustomerData that)) {
            return false;
        }
        if (json != null && that.json != null) {
            return Arrays.equals(json, that.json);
        }
        return Arrays.equals(nameLiteral, that.nameLiteral) && orgId.equals(that.orgId) && derived != null
                && derived.equals(that.derived);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nameLiteral) * 31 + orgId.hashCode();
    }

    @Override
    public String toString() {
        return json != null ? "CustomerData" + new String(json, StandardCharsets.UTF_8)
                : "CustomerData(layout) " + new String(nameLiteral, StandardCharsets.UTF_8);
    }
}
