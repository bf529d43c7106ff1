package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Which kind request n of the soak is: the kinds alternate, and each input gets every kind over the cycles. */
public class SoakLoadTests {

    @Test
    public void kindsAlternateAndEveryInputMeetsEveryKind() {
        List<Integer> kinds = new ArrayList<>();
        for (long n = 0; n < 12; n++) {
            kinds.add(SoakLoad.kindIndex(n, 2, 4));
        }
        // inputs 0..3, 0..3, 0..3: the cycle shifts the alternation by one
        assertEquals(List.of(0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1), kinds);
        long[] perKind = new long[2];
        for (long n = 0; n < 3976L * 10; n++) {
            perKind[SoakLoad.kindIndex(n, 2, 3976)]++;
        }
        assertEquals("half each", perKind[0], perKind[1]);
        assertEquals(1, SoakLoad.kindIndex(3976L * 1_000_001, 2, 3976));
    }
}
