package io.customerinfo.stack;

/**
 * What {@code ./stack rebuild} was told ({@link RebuildCommand} parses it; {@link ProjectorAdmin} carries it out).
 *
 * @param projector the projector's HTTP address
 * @param key       the admin key
 * @param action    what to do
 * @param customer  the customer to re-render ({@link Action#RENDER} only, else null)
 * @param follow    whether {@link Action#START} follows the rebuild to its end
 */
record RebuildOptions(String projector, String key, Action action, String customer, boolean follow) {

    enum Action {
        /** Start a rebuild, or resume an unfinished one. */
        START,
        /** Show the current or last rebuild. */
        STATUS,
        /** Cancel the running rebuild. */
        CANCEL,
        /** Re-render one customer's document from its stored state. */
        RENDER
    }
}
