package org.seqrec.trainer.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CborEnvelopeTests {
    private static final byte[] KEY = {0x68, 'a', 'r', 't', 'i', 'f', 'a', 'c', 't'};

    @Test
    void fourByteLengthUpTo4GiB() {
        byte[] expected = new byte[1 + KEY.length + 5];
        expected[0] = (byte) 0xA1;
        System.arraycopy(KEY, 0, expected, 1, KEY.length);
        byte[] tail = {0x5A, 0x01, 0x02, 0x03, 0x04};
        System.arraycopy(tail, 0, expected, 1 + KEY.length, tail.length);
        assertArrayEquals(expected, CborEnvelope.header(0x01020304L));
    }

    @Test
    void eightByteLengthAbove4GiB() {
        byte[] h = CborEnvelope.header(0x1_0000_0000L);
        byte[] tail = {0x5B, 0, 0, 0, 1, 0, 0, 0, 0};
        assertArrayEquals(tail, java.util.Arrays.copyOfRange(h, 1 + KEY.length, h.length));
    }

    @Test
    void negativeLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CborEnvelope.header(-1));
    }
}
