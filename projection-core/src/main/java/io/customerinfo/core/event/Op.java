package io.customerinfo.core.event;

/** What a change event does to its entity: write the full current row, or remove it. */
public enum Op {
    UPSERT("upsert"),
    DELETE("delete");

    private final String wireName;

    Op(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The op for an {@code op} value, or {@code null} when it names no known op. */
    public static Op fromWireName(String name) {
        for (Op op : values()) {
            if (op.wireName.equals(name)) {
                return op;
            }
        }
        return null;
    }
}
