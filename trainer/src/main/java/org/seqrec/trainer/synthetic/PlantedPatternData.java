package org.seqrec.trainer.synthetic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Sequences with planted chains among random noise, for checking that a sequence model learns
 * order: each chain is a fixed run of items {@code p<k>_0 -> p<k>_1 -> ...}; wherever a chain's
 * first item appears, the whole chain follows in order, so {@code next(p<k>_j) = p<k>_{j+1}}
 * always holds. Noise items {@code n<i>} are drawn uniformly and never belong to a chain. A model
 * that only counts popularity cannot predict the chain successor; a sequence model can.
 * Deterministic for a given {@link Settings} (seed included).
 *
 * @param log the generated users and events
 * @param chains the planted chains, item ids in order
 */
public record PlantedPatternData(SyntheticLog log, List<List<String>> chains) {
    /** Epoch seconds of the first event (2024-01-01T00:00:00Z). */
    static final long START = 1_704_067_200L;

    /**
     * @param users number of users
     * @param noiseItems number of noise items
     * @param chains number of planted chains
     * @param chainLength items per chain, at least 2
     * @param minLength shortest sequence, at least {@code chainLength}
     * @param maxLength longest sequence
     * @param chainProbability chance that a position starts a chain (if it fits)
     * @param seed random seed
     */
    public record Settings(
            int users,
            int noiseItems,
            int chains,
            int chainLength,
            int minLength,
            int maxLength,
            double chainProbability,
            long seed) {
        public Settings {
            if (users < 1 || noiseItems < 1 || chains < 1) {
                throw new IllegalArgumentException("users, noiseItems and chains must be >= 1");
            }
            if (chainLength < 2 || minLength < chainLength || maxLength < minLength) {
                throw new IllegalArgumentException("need 2 <= chainLength <= minLength <= maxLength, got " + chainLength
                        + ", " + minLength + ", " + maxLength);
            }
            if (!(chainProbability > 0 && chainProbability <= 1)) {
                throw new IllegalArgumentException("chainProbability must be in (0, 1], got " + chainProbability);
            }
        }

        /** 600 users, 100 noise items, 8 chains of 3, lengths 8..30, chain probability 0.3. */
        public static Settings defaults(long seed) {
            return new Settings(600, 100, 8, 3, 8, 30, 0.3, seed);
        }
    }

    public PlantedPatternData {
        chains = List.copyOf(chains);
    }

    public static PlantedPatternData generate(Settings s) {
        Random random = new Random(s.seed());
        List<List<String>> chains = new ArrayList<>();
        for (int k = 0; k < s.chains(); k++) {
            List<String> chain = new ArrayList<>();
            for (int j = 0; j < s.chainLength(); j++) {
                chain.add("p" + k + "_" + j);
            }
            chains.add(Collections.unmodifiableList(chain));
        }
        List<SyntheticLog.UserLog> users = new ArrayList<>();
        for (int u = 0; u < s.users(); u++) {
            int length = s.minLength() + random.nextInt(s.maxLength() - s.minLength() + 1);
            List<String> items = new ArrayList<>(length);
            while (items.size() < length) {
                if (items.size() + s.chainLength() <= length && random.nextDouble() < s.chainProbability()) {
                    items.addAll(chains.get(random.nextInt(chains.size())));
                } else {
                    items.add("n" + random.nextInt(s.noiseItems()));
                }
            }
            List<SyntheticLog.Event> events = new ArrayList<>(length);
            long t = START + u * 60L;
            for (String item : items) {
                t += 1 + random.nextInt(600);
                events.add(new SyntheticLog.Event(item, t));
            }
            users.add(new SyntheticLog.UserLog("u" + u, events));
        }
        return new PlantedPatternData(new SyntheticLog(users), chains);
    }

    /** Every planted successor: chain item to the item that always follows it. */
    public Map<String, String> plantedNext() {
        Map<String, String> next = new LinkedHashMap<>();
        for (List<String> chain : chains) {
            for (int j = 0; j + 1 < chain.size(); j++) {
                next.put(chain.get(j), chain.get(j + 1));
            }
        }
        return next;
    }
}
