package org.seqrec.trainer.baseline;

import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;

/** A hand-made log whose counts are easy to check by hand. */
final class BaselineFixtures {
    private BaselineFixtures() {}

    /**
     * Three users; the last two items of u1 and u2 are validation and test items, which must not be counted:
     * <pre>
     * u1: a b a b | c d      (train a b a b; validation c, test d)
     * u2: b a     | x y      (train b a; validation x, test y)
     * u3: a c                (fewer than 3 items: all in train)
     * </pre>
     * Rows follow first appearance: a 1, b 2, c 3, d 4, x 5, y 6. Training counts: a 4, b 3, c 1, others 0.
     * Training transitions: a -&gt; b 2, b -&gt; a 2, a -&gt; c 1.
     */
    static InteractionData handMade() {
        InteractionData.Builder b = InteractionData.builder(ItemIndexer.growing());
        for (String item : new String[] {"a", "b", "a", "b", "c", "d"}) {
            b.add("u1", item);
        }
        for (String item : new String[] {"b", "a", "x", "y"}) {
            b.add("u2", item);
        }
        b.add("u3", "a").add("u3", "c");
        return b.build("hand-made");
    }
}
