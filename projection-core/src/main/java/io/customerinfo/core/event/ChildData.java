package io.customerinfo.core.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The row of a contact, address or invoice: its compact JSON object, passed through to the document
 * as is, and the one field the core reads ({@code is_default} = "1" sorts first).
 *
 * <p>For invoices the object never holds {@code customer_name}: the renderer appends the current
 * customer name. The array is shared, not copied: treat it as read-only.
 */
public record ChildData(byte[] json, boolean isDefault) implements EntityData {

    public ChildData {
        if (json == null || json.length < 2 || json[0] != '{' || json[json.length - 1] != '}') {
            throw new IllegalArgumentException("child data must be a compact JSON object");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChildData that && isDefault == that.isDefault && Arrays.equals(json, that.json);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(json) + Boolean.hashCode(isDefault);
    }

    @Override
    public String toString() {
        return "ChildData[isDefault=" + isDefault + ", json=" + new String(json, StandardCharsets.UTF_8) + "]";
    }
}
