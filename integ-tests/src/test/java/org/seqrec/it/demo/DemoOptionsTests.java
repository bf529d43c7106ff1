package org.seqrec.it.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

/** Argument parsing of the demo: defaults, overrides, and errors that name the option. */
public class DemoOptionsTests {

    @Test
    public void noArgumentsGiveTheDefaults() {
        assertEquals(DemoOptions.defaults(), DemoOptions.parse());
    }

    @Test
    public void optionsOverrideTheDefaults() {
        DemoOptions o = DemoOptions.parse(
                "--epochs", "5", "--query", "wool gloves", "--history", "sku-100, sku-124,", "--top", "3");
        assertEquals(5, o.epochs());
        assertEquals("wool gloves", o.query());
        assertEquals(List.of("sku-100", "sku-124"), o.history());
        assertEquals(3, o.top());
        assertEquals("helmets", o.story().driftTarget());
    }

    @Test
    public void badArgumentsNameTheOptionAndRange() {
        assertMessage("--epochs must be in 1..1000, got 0", "--epochs", "0");
        assertMessage("--dim must be a whole number, got 'big'", "--dim", "big");
        assertMessage("--top needs a value", "--top");
        assertMessage("unknown option '--color'", "--color", "red");
        assertMessage("--query must be non-empty text", "--query", " ");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--history", "sku-100,sku-999"));
        assertTrue(
                e.getMessage(),
                e.getMessage().contains("unknown item id 'sku-999'")
                        && e.getMessage().contains("sku-100..sku-195"));
    }

    private static void assertMessage(String expected, String... args) {
        assertEquals(
                expected,
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(args))
                        .getMessage());
    }
}
