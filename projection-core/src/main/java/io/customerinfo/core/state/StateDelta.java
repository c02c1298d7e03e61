package io.customerinfo.core.state;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to write to one customer's Redis keys after applying changes to a loaded state. Ents and
 * orders fields are only ever set (deletes and moves leave tombstones, so nothing is removed there);
 * agg fields are set or removed (a month whose sum went to 0); recent members are added or removed.
 *
 * @param expectedRev the revision the state was loaded at: commit only if {@code agg.rev} still holds it
 * @param newRev      the revision to commit ({@code agg.rev} is in {@code aggSet} when not empty)
 */
public record StateDelta(long customerId, long expectedRev, long newRev,
                         Map<String, byte[]> entsSet,
                         Map<String, byte[]> ordersSet,
                         Map<String, byte[]> aggSet,
                         Set<String> aggDelete,
                         List<ScoredMember> recentAdd,
                         List<byte[]> recentRemove) {

    /** A sorted-set member and its score ({@code created_at}). */
    public record ScoredMember(byte[] member, double score) {

        @Override
        public boolean equals(Object other) {
            return other instanceof ScoredMember that && score == that.score && Arrays.equals(member, that.member);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(member);
        }
    }

    public boolean isEmpty() {
        return entsSet.isEmpty() && ordersSet.isEmpty() && aggSet.isEmpty() && aggDelete.isEmpty()
                && recentAdd.isEmpty() && recentRemove.isEmpty();
    }
}
