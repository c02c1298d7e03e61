package io.customerinfo.query.metrics;

/** The served endpoints; the {@code endpoint} tag of the request metrics. */
public enum Endpoint {
    INFO("info", "/crm/customer/info"),
    BATCH_INFO("batch_info", "/crm/customer/batch_info");

    private final String tag;
    private final String path;

    Endpoint(String tag, String path) {
        this.tag = tag;
        this.path = path;
    }

    public String tag() {
        return tag;
    }

    public String path() {
        return path;
    }
}
