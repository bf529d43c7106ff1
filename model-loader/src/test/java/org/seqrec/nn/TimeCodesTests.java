package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;
import org.seqrec.model.ModelTypes;

class TimeCodesTests {
    @Test
    void gapBucketsAreLogScaleAndBounded() {
        assertEquals(1, TimeCodes.gapBucket(0));
        assertEquals(2, TimeCodes.gapBucket(1));
        assertEquals(6, TimeCodes.gapBucket(59)); // log2(60) = 5.9
        assertEquals(12, TimeCodes.gapBucket(3_600)); // log2(3601) = 11.8
        assertEquals(17, TimeCodes.gapBucket(86_400)); // log2(86401) = 16.4
        assertEquals(31, TimeCodes.gapBucket(1e15));
        assertThrows(IllegalArgumentException.class, () -> TimeCodes.gapBucket(-1));
        assertThrows(IllegalArgumentException.class, () -> TimeCodes.gapBucket(Double.NaN));
    }

    @Test
    void hourCodesAreTheUtcHourOfDayPlusOne() {
        assertEquals(1, TimeCodes.hourCode(0)); // 1970-01-01T00:00Z
        assertEquals(11, TimeCodes.hourCode(1_764_496_800)); // 2025-11-30T10:00:00Z
        assertEquals(24, TimeCodes.hourCode(-1)); // 1969-12-31T23:59:59Z
    }

    @Test
    void eachPositionDescribesTheMomentOfTheEventItPredictsTheLastOneNow() {
        double[] times = {1_000, 1_060, 90_000};
        int[] codes = TimeCodes.of(times, 90_000 + 7 * 86_400);
        assertEquals(3, codes.length);
        assertEquals(TimeCodes.code(1_000, 1_060), codes[0]);
        assertEquals(TimeCodes.gapBucket(60) * TimeCodes.HOURS + TimeCodes.hourCode(1_060), codes[0]);
        assertEquals(TimeCodes.code(1_060, 90_000), codes[1]);
        assertEquals(TimeCodes.code(90_000, 90_000 + 7 * 86_400), codes[2]);
        assertEquals(TimeCodes.gapBucket(60), TimeCodes.gapOf(codes[0]));
        assertEquals(TimeCodes.hourCode(1_060), TimeCodes.hourOf(codes[0]));
        for (int c : codes) {
            assertTrue(c > 0 && c < TimeCodes.CODES, "code " + c);
        }
        assertArrayEquals(new int[0], TimeCodes.of(new double[0], 5));
    }

    @Test
    void timesGoingBackOrANowBeforeTheLastEventAreRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TimeCodes.of(new double[] {10, 5}, 20));
        assertTrue(e.getMessage().contains("must not decrease"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TimeCodes.of(new double[] {10, 15}, 12));
        assertTrue(e.getMessage().contains("before the last event"), e.getMessage());
    }

    @Test
    void timeFeaturesParseAndSayWhetherTheyReadTimes() {
        assertEquals(TimeFeatures.GAP_HOUR, TimeFeatures.parse("gap_hour"));
        assertFalse(TimeFeatures.NONE.readsTimes());
        assertTrue(TimeFeatures.GAP_HOUR.readsTimes());
        assertThrows(IllegalArgumentException.class, () -> TimeFeatures.parse("tisasrec"));
    }

    @Test
    void theManifestsReadsTimesMustAgreeWithTheHyperParameters() throws Exception {
        SasRecConfig timed = new SasRecConfig(10, 8, 4, 1, 1, 0.1f, LayerNormPlacement.PRE, TimeFeatures.GAP_HOUR);
        assertTrue(timed.readsTimes());
        assertEquals("gap_hour", timed.toHyperParameters().get("time_features"));
        assertEquals(timed, ModelTypes.networkConfig(manifest(timed.toHyperParameters(), true)));

        ArtifactException e = assertThrows(
                ArtifactException.class, () -> ModelTypes.networkConfig(manifest(timed.toHyperParameters(), false)));
        assertTrue(e.getMessage().contains("reads_times is false"), e.getMessage());

        SasRecConfig blind = new SasRecConfig(10, 8, 4, 1, 1, 0.1f, LayerNormPlacement.PRE);
        assertFalse(blind.toHyperParameters().containsKey("time_features"), "time-blind manifests stay as they were");
        e = assertThrows(
                ArtifactException.class, () -> ModelTypes.networkConfig(manifest(blind.toHyperParameters(), true)));
        assertTrue(e.getMessage().contains("does not read"), e.getMessage());
    }

    @Test
    void aManifestWithoutReadsTimesReadsAsTimeBlind() throws Exception {
        Manifest m = manifest(new SasRecConfig(10, 8, 4, 1, 1, 0.1f, LayerNormPlacement.PRE).toHyperParameters(), true);
        String json = m.toJson().replace("\"reads_times\": true", "\"ignored\": 1");
        assertFalse(json.contains("reads_times"), json);
        assertFalse(Manifest.fromJson(json).readsTimes());
        assertTrue(Manifest.fromJson(m.toJson()).readsTimes());
    }

    private static Manifest manifest(Map<String, Object> hyper, boolean readsTimes) {
        return new Manifest(
                Manifest.FORMAT_VERSION,
                SasRecConfig.MODEL_TYPE,
                new LinkedHashMap<>(hyper),
                8,
                4,
                10,
                Map.of(),
                Map.of(),
                Map.of(),
                "2026-12-02T00:00:00Z",
                "test",
                readsTimes);
    }
}
