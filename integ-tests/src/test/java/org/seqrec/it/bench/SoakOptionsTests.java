package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.Test;

/** Argument parsing of the soak: defaults, durations, the second artifact, and errors that name the option. */
public class SoakOptionsTests {

    @Test
    public void noArgumentsGiveTheDefaults() {
        SoakOptions o = SoakOptions.parse();
        assertEquals(SoakOptions.defaults(), o);
        assertEquals(16, o.clients());
        assertEquals(Duration.ofMinutes(30), o.duration());
        assertEquals(Duration.ofMinutes(1), o.replaceEvery());
        assertEquals(SoakOptions.Second.TRAIN, o.second());
        assertEquals(Optional.empty(), o.artifact());
        assertEquals("29 uploads after the first: at 1, 2, ..., 29 minutes", 29, o.replacements());
    }

    @Test
    public void optionsOverrideTheDefaults() {
        SoakOptions o = SoakOptions.parse(
                "--artifact",
                "/m/a.seqrec",
                "--second-artifact",
                "/m/b.seqrec",
                "--clients",
                "4",
                "--duration",
                "2m",
                "--replace-every",
                "30s",
                "--out",
                "/tmp/s",
                "--heap",
                "1g",
                "--seed",
                "7",
                "--epochs",
                "3",
                "--data",
                "x.txt");
        assertEquals(Optional.of(Path.of("/m/a.seqrec")), o.artifact());
        assertEquals(SoakOptions.Second.FILE, o.second());
        assertEquals(Optional.of(Path.of("/m/b.seqrec")), o.secondArtifact());
        assertEquals(4, o.clients());
        assertEquals(Duration.ofSeconds(120), o.duration());
        assertEquals(Duration.ofSeconds(30), o.replaceEvery());
        assertEquals("at 30, 60 and 90 s; none at the end", 3, o.replacements());
        assertEquals(Path.of("/tmp/s"), o.out());
        assertEquals("1g", o.heap());
        assertEquals(7, o.seed());
        assertEquals(3, o.epochs());
        assertEquals(Path.of("x.txt"), o.data());
        assertEquals(
                SoakOptions.Second.SAME,
                SoakOptions.parse("--second-artifact", "same").second());
        assertEquals(
                Optional.empty(), SoakOptions.parse("--second-artifact", "same").secondArtifact());
        assertEquals(
                SoakOptions.Second.TRAIN,
                SoakOptions.parse("--second-artifact", "/x", "--second-artifact", "train")
                        .second());
        assertEquals(
                Optional.empty(),
                SoakOptions.parse("--second-artifact", "/x", "--second-artifact", "train")
                        .secondArtifact());
        assertEquals(
                4,
                SoakOptions.parse("--duration", "95s", "--replace-every", "20s").replacements());
    }

    @Test
    public void durationsTakeAUnitAndPrintInTheLargestExactOne() {
        assertEquals(Duration.ofSeconds(90), SoakOptions.parseDuration("--duration", "90s"));
        assertEquals(Duration.ofHours(2), SoakOptions.parseDuration("--duration", "2h"));
        assertEquals("90s", SoakOptions.format(Duration.ofSeconds(90)));
        assertEquals("2m", SoakOptions.format(Duration.ofSeconds(120)));
        assertEquals("1h", SoakOptions.format(Duration.ofMinutes(60)));
        assertEquals("0s", SoakOptions.format(Duration.ZERO));
    }

    @Test
    public void badArgumentsNameTheOptionAndRange() {
        assertMessage("--duration must be a number and a unit s, m or h (e.g. 30m, 90s), got '30'", "--duration", "30");
        assertMessage(
                "--duration must be a number and a unit s, m or h (e.g. 30m, 90s), got '1.5h'", "--duration", "1.5h");
        assertMessage("--duration must be in 10s..24h, got 5s", "--duration", "5s", "--replace-every", "10s");
        assertMessage("--duration must be in 10s..24h, got 25h", "--duration", "25h");
        assertMessage(
                "--replace-every (2m) must be shorter than --duration (2m)",
                "--duration",
                "2m",
                "--replace-every",
                "2m");
        assertMessage("--replace-every must be in 10s..24h, got 5s", "--replace-every", "5s");
        assertMessage("--clients must be in 1..256, got 0", "--clients", "0");
        assertMessage("--clients must be a whole number, got 'x'", "--clients", "x");
        assertMessage("--heap must look like 2g or 1536m, got '2G'", "--heap", "2G");
        assertMessage("--epochs must be in 1..50, got 51", "--epochs", "51");
        assertMessage("unknown option '--requests'", "--requests", "40");
        assertMessage("--out needs a value", "--out");
        assertMessage("unexpected argument 'stray'", "stray");
        assertTrue(SoakOptions.USAGE, SoakOptions.USAGE.contains("--replace-every D"));
        assertTrue(SoakOptions.USAGE, SoakOptions.USAGE.contains("(default 30m)"));
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SoakOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
