package org.seqrec.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluationProtocolTests {
    @Test
    void parsesFullAndSampled() {
        assertEquals(new EvaluationProtocol.Full(), EvaluationProtocol.parse("full"));
        assertEquals(new EvaluationProtocol.Sampled(100), EvaluationProtocol.parse("sampled:100"));
        assertEquals("sampled:7", EvaluationProtocol.parse("sampled:7").spec());
    }

    @Test
    void rejectsOtherTextWithTheAllowedForms() {
        for (String bad : new String[] {"sampled", "sampled:", "sampled:0", "sampled:-3", "sampled:x", "Full", ""}) {
            String msg = assertThrows(IllegalArgumentException.class, () -> EvaluationProtocol.parse(bad))
                    .getMessage();
            assertTrue(msg.contains("sampled:N"), msg);
        }
    }
}
