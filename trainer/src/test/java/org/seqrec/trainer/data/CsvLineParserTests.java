package org.seqrec.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLineParserTests {
    @Test
    void splitsPlainAndQuotedFields() {
        assertEquals(List.of("a", "b", "c"), CsvLineParser.split("a, b ,c"));
        assertEquals(List.of("a,b", "say \"hi\"", ""), CsvLineParser.split("\"a,b\", \"say \"\"hi\"\"\" ,"));
        assertEquals(List.of("", ""), CsvLineParser.split(","));
        assertEquals(List.of(" padded "), CsvLineParser.split("\" padded \""));
    }

    @Test
    void rejectsBrokenQuoting() {
        assertEquals(
                "unterminated quoted field starting at column 3",
                assertThrows(IllegalArgumentException.class, () -> CsvLineParser.split("a,\"b"))
                        .getMessage());
        assertEquals(
                "unexpected character after closing quote at column 5",
                assertThrows(IllegalArgumentException.class, () -> CsvLineParser.split("\"ab\"c,d"))
                        .getMessage());
        assertEquals(
                "double quote inside an unquoted field at column 3",
                assertThrows(IllegalArgumentException.class, () -> CsvLineParser.split("a,b\"c"))
                        .getMessage());
    }
}
