package org.seqrec.trainer.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.seqrec.model.HyperParameter;
import org.seqrec.model.ModelType;
import org.seqrec.model.ModelTypes;
import org.seqrec.trainer.train.loss.Loss;

/**
 * Which {@link TrainingConfig} keys ({@link TrainingConfig#asMap()}) only some model types or losses
 * read, derived from the model type registry ({@link ModelType#reads()}) and {@link Loss#reads}:
 * {@code train} and {@code benchmark} refuse such a key with any other model and loss, so that a
 * typo in the model cannot silently ignore it. Also the command-line flag of each key. Stateless.
 */
public final class ConfigScope {
    /** Keys every model type and loss reads (the baselines ignore device and threads, but accept them). */
    static final Set<String> READ_BY_ALL = Set.of("model", "seed", "device", "threads");

    private ConfigScope() {}

    /** Built on first use: it reads the keys from a default configuration, whose constructor uses {@link #flagOf}. */
    private static final class Readers {
        static final Map<String, List<String>> BY_KEY = readers(ModelTypes.all());
    }

    /**
     * Key to the names of the model types or losses that read it, for every key that not all of them
     * read: first the keys every network reads (the optimiser's and the shared network
     * hyper-parameters; no counting baseline reads them), then those of some losses, then those of
     * some network types, each group in {@link TrainingConfig#asMap()} order.
     */
    public static Map<String, List<String>> readers() {
        return Readers.BY_KEY;
    }

    /** The keys of {@link #readers()} that only some network types read: for help texts that say which ones. */
    public static Map<String, List<String>> networkSpecific() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> networks = ModelTypes.names(ModelTypes.trainedByGradient());
        readers().forEach((key, readers) -> {
            if (HyperParameter.forKey(key).isPresent() && !readers.equals(networks)) {
                out.put(key, readers);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** The {@code train} option of a key: {@code learning_rate} is {@code --lr}, else {@code --} and dashes. */
    public static String flagOf(String key) {
        return key.equals("learning_rate") ? "--lr" : "--" + key.replace('_', '-');
    }

    /** The key of a {@code train} option, the inverse of {@link #flagOf}. */
    public static String keyOf(String flag) {
        return flag.equals("--lr")
                ? "learning_rate"
                : flag.replaceFirst("^--", "").replace('-', '_');
    }

    private static Map<String, List<String>> readers(List<ModelType> types) {
        List<String> networks = ModelTypes.names(ModelTypes.trainedByGradient());
        Map<String, List<String>> everyNetwork = new LinkedHashMap<>();
        Map<String, List<String>> someLosses = new LinkedHashMap<>();
        Map<String, List<String>> someNetworks = new LinkedHashMap<>();
        for (String key : TrainingConfig.defaults().asMap().keySet()) {
            if (READ_BY_ALL.contains(key)) {
                continue;
            }
            Optional<HyperParameter> h = HyperParameter.forKey(key);
            List<String> losses = lossesReading(key);
            if (h.isPresent()) {
                List<String> readers = ModelTypes.names(
                        types.stream().filter(t -> t.reads().contains(h.get())).toList());
                (readers.equals(networks) ? everyNetwork : someNetworks).put(key, readers);
            } else if (!losses.isEmpty()) {
                someLosses.put(key, losses);
            } else {
                // the optimiser's and the run's settings: read by every type trained by gradient descent
                everyNetwork.put(key, networks);
            }
        }
        Map<String, List<String>> all = new LinkedHashMap<>(everyNetwork);
        all.putAll(someLosses);
        all.putAll(someNetworks);
        return Collections.unmodifiableMap(all);
    }

    private static List<String> lossesReading(String key) {
        List<String> out = new ArrayList<>();
        for (Loss l : Loss.values()) {
            if (l.reads(key)) {
                out.add(l.id());
            }
        }
        return out;
    }
}
