package org.seqrec.trainer.coldstart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.split.EvalCase;
import org.seqrec.trainer.split.LeaveOneOut;

/**
 * Holds a share of the catalogue out of training entirely (docs/benchmarks.md, "Item features: new
 * items"). The held-out ("cold") items are drawn with a seed among the eligible ones; every
 * interaction with them is removed from the log the model trains on ({@link #warm}, whose catalogue
 * is the other items, rows in order of first appearance). The test cases are the users' last items
 * (as leave-one-out's test targets) that are cold, each with the user's earlier warm items as its
 * history (cold items in the history are dropped: the model never saw them).
 *
 * <p>Rows of the test cases: histories are rows of {@link #warm}'s catalogue 1..n_w, targets are
 * {@code n_w + k} for the k-th cold item (1-based, {@link #coldItems} order), so a scorer ranks
 * every warm and every cold item. Immutable.
 */
public final class ColdStartSplit {
    private final InteractionData warm;
    private final List<String> coldItems;
    private final List<EvalCase> cases;

    private ColdStartSplit(InteractionData warm, List<String> coldItems, List<EvalCase> cases) {
        this.warm = warm;
        this.coldItems = coldItems;
        this.cases = cases;
    }

    /**
     * @param share the share of the eligible items to hold out, in (0, 1)
     * @param eligible which item rows of {@code full} may be held out (e.g. those with features)
     * @throws IllegalArgumentException when the share is out of range or leaves no test case
     */
    public static ColdStartSplit of(InteractionData full, double share, long seed, IntPredicate eligible) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("--hold-out must be in (0, 1), got " + share);
        }
        List<Integer> candidates = new ArrayList<>();
        for (int r = 1; r <= full.numItems(); r++) {
            if (eligible.test(r)) {
                candidates.add(r);
            }
        }
        Collections.shuffle(candidates, new Random(seed));
        int count = (int) Math.round(candidates.size() * share);
        boolean[] cold = new boolean[full.numItems() + 1];
        List<String> coldIds = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>(candidates.subList(0, count));
        Collections.sort(chosen);
        int[] coldIndex = new int[full.numItems() + 1];
        for (int r : chosen) {
            cold[r] = true;
            coldIds.add(full.itemId(r));
            coldIndex[r] = coldIds.size();
        }
        InteractionData.Builder b = InteractionData.builder(ItemIndexer.growing());
        for (int u = 0; u < full.numUsers(); u++) {
            for (int r : full.sequence(u)) {
                if (!cold[r]) {
                    b.add(full.userId(u), full.itemId(r));
                }
            }
        }
        InteractionData warm = b.build(full.source() + " without " + coldIds.size() + " held-out items");
        int warmItems = warm.numItems();
        List<EvalCase> cases = new ArrayList<>();
        for (int u = 0; u < full.numUsers(); u++) {
            int[] s = full.sequence(u);
            if (s.length < LeaveOneOut.MIN_ITEMS_FOR_EVALUATION || !cold[s[s.length - 1]]) {
                continue;
            }
            int[] history = Arrays.stream(s, 0, s.length - 1)
                    .filter(r -> !cold[r])
                    .map(r -> warm.vocabulary().rowOf(full.itemId(r)))
                    .toArray();
            if (history.length == 0) {
                continue;
            }
            int target = warmItems + coldIndex[s[s.length - 1]];
            int[] interacted = Arrays.copyOf(history, history.length + 1);
            interacted[history.length] = target;
            cases.add(new EvalCase(u, history, target, interacted));
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(
                    "no user's last item is among the " + coldIds.size() + " held-out items: raise --hold-out");
        }
        return new ColdStartSplit(warm, List.copyOf(coldIds), List.copyOf(cases));
    }

    /** The log without the cold items: what the model trains on. */
    public InteractionData warm() {
        return warm;
    }

    /** The held-out item ids; the k-th (1-based) is row {@code warm().numItems() + k} in {@link #cases}. */
    public List<String> coldItems() {
        return coldItems;
    }

    /** Test cases whose target is a cold item. */
    public List<EvalCase> cases() {
        return cases;
    }

    /** Warm plus cold items: the candidates of every case. */
    public int numCandidates() {
        return warm.numItems() + coldItems.size();
    }
}
