package org.seqrec.trainer.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.seqrec.nn.TimeCodes;
import org.seqrec.trainer.data.InteractionData;

/**
 * The leave-one-out split of SASRec and S3-Rec: for each user with at least
 * {@value #MIN_ITEMS_FOR_EVALUATION} items, the last item is the test target, the second-to-last
 * the validation target and the rest the training sequence. Validation histories are the training
 * sequence; test histories are the training sequence plus the validation item. Users with fewer
 * items put everything into training and have no validation or test case (they are too short to
 * hold out two items and still have a history).
 *
 * <p>When the data has times, each evaluation case carries its history's time codes scored at the
 * target's time ({@link org.seqrec.nn.TimeCodes#of}: the moment the held-out event happened is the
 * "now" of the case, as it is the request's time at serving), and each training sequence its codes
 * for next-item training ({@link #trainTimeCodes}).
 *
 * <p>Immutable; the arrays it hands out are shared (with the data, or made once here), so callers
 * must not modify them. Safe to read from several threads.
 */
public final class LeaveOneOut {
    /** Users with fewer items than this have no validation or test case. */
    public static final int MIN_ITEMS_FOR_EVALUATION = 3;

    private final InteractionData data;
    private final List<int[]> train;
    private final List<EvalCase> validation;
    private final List<EvalCase> test;
    private final List<int[]> trainCodes;

    private LeaveOneOut(
            InteractionData data,
            List<int[]> train,
            List<int[]> trainCodes,
            List<EvalCase> validation,
            List<EvalCase> test) {
        this.data = data;
        this.train = train;
        this.trainCodes = trainCodes;
        this.validation = validation;
        this.test = test;
    }

    public static LeaveOneOut of(InteractionData data) {
        List<int[]> train = new ArrayList<>(data.numUsers());
        List<EvalCase> validation = new ArrayList<>();
        List<EvalCase> test = new ArrayList<>();
        List<int[]> trainCodes = data.hasTimes() ? new ArrayList<>(data.numUsers()) : null;
        for (int u = 0; u < data.numUsers(); u++) {
            int[] s = data.sequence(u);
            double[] t = data.hasTimes() ? data.times(u) : null;
            int n = s.length;
            if (n < MIN_ITEMS_FOR_EVALUATION) {
                train.add(s);
                if (t != null) {
                    trainCodes.add(trainingCodes(t, n));
                }
                continue;
            }
            int[] trainPart = Arrays.copyOf(s, n - 2);
            train.add(trainPart);
            if (t == null) {
                validation.add(new EvalCase(u, trainPart, s[n - 2], s));
                test.add(new EvalCase(u, Arrays.copyOf(s, n - 1), s[n - 1], s));
            } else {
                trainCodes.add(trainingCodes(t, n - 2));
                validation.add(
                        new EvalCase(u, trainPart, s[n - 2], s, TimeCodes.of(Arrays.copyOf(t, n - 2), t[n - 2])));
                test.add(new EvalCase(
                        u, Arrays.copyOf(s, n - 1), s[n - 1], s, TimeCodes.of(Arrays.copyOf(t, n - 1), t[n - 1])));
            }
        }
        return new LeaveOneOut(
                data,
                Collections.unmodifiableList(train),
                trainCodes == null ? null : Collections.unmodifiableList(trainCodes),
                List.copyOf(validation),
                List.copyOf(test));
    }

    /** The codes of the first {@code n} events as next-item inputs: input j predicts event j + 1 at its time. */
    private static int[] trainingCodes(double[] times, int n) {
        return n < 2 ? new int[0] : TimeCodes.of(Arrays.copyOf(times, n - 1), times[n - 1]);
    }

    /** Whether the data has times, so that cases and training sequences carry time codes. */
    public boolean hasTimes() {
        return trainCodes != null;
    }

    /**
     * The time codes of user {@code u}'s training sequence as next-item inputs: entry j (0..length-2)
     * describes when item j + 1 happened; empty for a sequence shorter than 2.
     *
     * @throws IllegalStateException when the data has no times
     */
    public int[] trainTimeCodes(int user) {
        if (trainCodes == null) {
            throw new IllegalStateException("the data has no event times");
        }
        return trainCodes.get(user);
    }

    /** The data this split was made from. */
    public InteractionData data() {
        return data;
    }

    /** The training sequence of user {@code 0..numUsers-1} (possibly of length 1 or 2). */
    public int[] train(int user) {
        return train.get(user);
    }

    /** Training sequences of all users, indexed by user number. */
    public List<int[]> trainSequences() {
        return train;
    }

    /** One case per user with enough items: history = training sequence, target = second-to-last item. */
    public List<EvalCase> validationCases() {
        return validation;
    }

    /** One case per user with enough items: history = all but the last item, target = last item. */
    public List<EvalCase> testCases() {
        return test;
    }

    /** Users with at least {@value #MIN_ITEMS_FOR_EVALUATION} items (who have evaluation cases). */
    public int evaluatedUsers() {
        return test.size();
    }
}
