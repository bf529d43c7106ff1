package org.seqrec.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InputFormatTests {
    @Test
    void parsesCliNamesAndListsChoicesOnError() {
        assertEquals(InputFormat.CSV, InputFormat.parse("csv"));
        assertEquals(InputFormat.TSV, InputFormat.parse("tsv"));
        assertEquals("sequences", InputFormat.SEQUENCES.cliName());
        assertEquals(
                "format must be one of pairs, sequences, csv, tsv, got 'parquet'",
                assertThrows(IllegalArgumentException.class, () -> InputFormat.parse("parquet"))
                        .getMessage());
    }
}
