package org.uclr.bench;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;

import java.util.List;

/**
 * Keys of a benchmark file ({@code bench.*}). Every other key in the file is a shared override given to
 * every job (e.g. {@code rec.threads}); when it sets {@code data.*} keys, they replace the models' own.
 */
public final class BenchKeys implements KeySet {
    public static final ConfigKey<String> MODEL = ConfigKey.ofString("bench.model.*", null,
            "one benchmarked model per key, named by the key's middle part: its configuration file (beside this file, "
                    + "then under conf/), then optionally '|' and key=value overrides separated by spaces (e.g. fewer epochs)");
    public static final ConfigKey<String> REFERENCE = ConfigKey.ofString("bench.reference", "bprmf",
            "the model (a bench.model.* name) whose epochs on bench.reference.domain are compared with LibRec's BPR and the PyTorch peer");
    public static final ConfigKey<String> REFERENCE_DOMAIN = ConfigKey.ofString("bench.reference.domain", "books",
            "the domain of that comparison (its training interactions are LibRec's BPR's training data)");
    public static final ConfigKey<Integer> ROUNDS = ConfigKey.ofInt("bench.rounds", 2, 1, 100,
            "rounds of the comparison: each runs the reference model, LibRec's BPR and the PyTorch peer in turn, so that "
                    + "a busy machine slows all three alike");
    public static final ConfigKey<Integer> LIBREC_ITERATIONS = ConfigKey.ofInt("bench.librec.iterations", 3, 1, 10_000,
            "iterations of LibRec's BPRRecommender per round (each samples 100 triples per user)");
    public static final ConfigKey<String> PEER = ConfigKey.ofString("bench.peer.command",
            "/usr/bin/python3 ../shared/peers/torch_bprmf.py --threads 1 --epochs 3 --patience 100 --verbose --data-dir ../shared/data/douban",
            "the PyTorch peer, run from the working directory (its 'train X.XXs' lines are read); none: skip it");
    public static final ConfigKey<String> OUTPUT_DIR = ConfigKey.ofString("bench.output.dir", "reports/bench",
            "where bench.md and bench.json go");
    public static final ConfigKey<String> NOTE = ConfigKey.ofString("bench.note", "",
            "a sentence printed at the top of the report (e.g. how busy the machine was)");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(MODEL, REFERENCE, REFERENCE_DOMAIN, ROUNDS, LIBREC_ITERATIONS, PEER, OUTPUT_DIR, NOTE);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("bench.");
    }
}
