package org.seqrec.trainer.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.trainer.train.EpochRecord;

class CheckpointStoreTests {
    @TempDir
    Path dir;

    @Test
    void roundTripsStateAndTensors() {
        CheckpointStore store = new CheckpointStore(dir.resolve("nested"));
        FloatTensor w = new FloatTensor(new long[] {2, 2}, new float[] {1, 2, 3, Float.MIN_VALUE});
        Checkpoint.State state = new Checkpoint.State(
                Checkpoint.FORMAT,
                3,
                Map.of("lr", "0.1"),
                "abc",
                30,
                true,
                2,
                0.25,
                Map.of("val_full.ndcg@10", 0.25),
                1,
                List.of(new EpochRecord(1, 2.5f, Map.of("val_full.ndcg@10", 0.2), 1.5)));
        store.write(new Checkpoint(
                state, Map.of("block0.attn.q.weight", w), Map.of("mean.w", w, "variance.w", w), Map.of("w", w)));
        Checkpoint back = store.read();
        assertEquals(state, back.state());
        assertEquals(w, back.parameters().get("block0.attn.q.weight"));
        assertEquals(w, back.moments().get("variance.w"));
        assertEquals(w, back.bestParameters().get("w"));
        assertTrue(Files.exists(store.file()));
    }

    @Test
    void aDamagedFileIsRefusedWithItsName() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        Files.writeString(store.file(), "not a zip");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, store::read);
        assertTrue(e.getMessage().startsWith("--resume: " + store.file() + " is not a checkpoint"), e.getMessage());
    }

    @Test
    void theFingerprintSeesItemsAndOrder() {
        String base = CheckpointStore.fingerprint(List.of(new int[] {1, 2}, new int[] {3}), 3);
        assertEquals(base, CheckpointStore.fingerprint(List.of(new int[] {1, 2}, new int[] {3}), 3));
        assertNotEquals(base, CheckpointStore.fingerprint(List.of(new int[] {2, 1}, new int[] {3}), 3));
        assertNotEquals(base, CheckpointStore.fingerprint(List.of(new int[] {1}, new int[] {2, 3}), 3));
        assertNotEquals(base, CheckpointStore.fingerprint(List.of(new int[] {1, 2}, new int[] {3}), 4));
    }
}
