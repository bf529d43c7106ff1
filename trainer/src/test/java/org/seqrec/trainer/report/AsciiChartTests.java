package org.seqrec.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AsciiChartTests {
    @Test
    void plotsOneColumnPerValueWithTheRangeOnTheLeft() {
        String chart = AsciiChart.plot("loss", new double[] {3, 2, 1}, 10, 3);
        String[] lines = chart.split("\n");
        assertEquals("loss", lines[0]);
        assertEquals("    3.0000 |*  ", lines[1]);
        assertEquals("           | * ", lines[2]);
        assertEquals("    1.0000 |  *", lines[3]);
        assertEquals("           +---", lines[4]);
        assertEquals("            1 3", lines[5]);
    }

    @Test
    void averagesIntoTheWidthAndSkipsNaN() {
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 50 ? Double.NaN : i;
        }
        String chart = AsciiChart.plot("m", values, 20, 4);
        String[] lines = chart.split("\n");
        assertEquals(20, lines[1].length() - 12);
        assertTrue(lines[4].startsWith("   52.0000 |"), lines[4]); // first finite bucket averages 50..54
        assertEquals("m\n  (no values)\n", AsciiChart.plot("m", new double[] {Double.NaN}, 5, 2));
    }
}
