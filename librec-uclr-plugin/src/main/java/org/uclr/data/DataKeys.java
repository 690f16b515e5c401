package org.uclr.data;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeyConstraint;
import org.uclr.config.KeySet;

import java.util.List;

/** Every {@code data.*} key: where interactions come from, which users are kept, how splits are cached. */
public final class DataKeys implements KeySet {
    public static final ConfigKey<DataSource> SOURCE = ConfigKey.ofEnum("data.source", DataSource.class,
            DataSource.SYNTHETIC, "where interactions come from");
    public static final ConfigKey<String> NAME = ConfigKey.ofString("data.name", "",
            "dataset name used in output paths (default: the folder of the first domain file, or synthetic-<preset>, "
                    + "synthetic-<preset>-x<scale> when data.synthetic.scale is not 1)");
    public static final ConfigKey<List<String>> DOMAINS = ConfigKey.ofList("data.domains", null,
            "domain names, in order (data.source=files)");
    public static final ConfigKey<String> DOMAIN_PATH = ConfigKey.ofString("data.domain.*.path", null,
            "TSV file (optionally gzip) of one domain: header user<TAB>item<TAB>rating");
    public static final ConfigKey<UserPolicy> USERS = ConfigKey.ofEnum("data.users", UserPolicy.class,
            UserPolicy.OVERLAP, "overlap: users present in every domain (the paper); union: in any domain");
    public static final ConfigKey<SyntheticPreset> SYNTHETIC_PRESET = ConfigKey.ofEnum("data.synthetic.preset",
            SyntheticPreset.class, SyntheticPreset.SMALL, "synthetic sizes: small, or douban/amazon as in the paper's Table 1");
    public static final ConfigKey<Double> SYNTHETIC_SCALE = ConfigKey.ofDouble("data.synthetic.scale", 1.0, 1e-6, 1.0,
            "multiplies the preset's users, items and interactions");
    public static final ConfigKey<Long> SYNTHETIC_SEED = ConfigKey.ofLong("data.synthetic.seed", 20240513L,
            "seed of the synthetic data (fixed across rec.random.seed, so seeds vary only split and training)");
    public static final ConfigKey<Integer> NEGATIVES = ConfigKey.ofInt("data.eval.negatives", 99, 1, 100_000,
            "sampled negatives ranked against each held-out positive");
    public static final ConfigKey<String> SPLIT_DIR = ConfigKey.ofString("data.split.dir", "cache/splits",
            "where splits and negatives are persisted per (dataset fingerprint, seed)");
    public static final ConfigKey<String> MODEL_FORMAT = ConfigKey.ofString("data.model.format",
            MultiDomainDataModel.class.getName(), "LibRec data model class (LibRec's own default is text: "
                    + "a file for LibRec's RecDriver sets it)");
    public static final ConfigKey<String> MODEL_SPLITTER = ConfigKey.ofString("data.model.splitter", "testset",
            "LibRec splitter alias, always testset: LibRec's job switches on it; the split is always leave-one-out, "
                    + "made by the data model (LibRec's own default is ratio: a file for LibRec's RecDriver sets it)");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(SOURCE, NAME, DOMAINS, DOMAIN_PATH, USERS, SYNTHETIC_PRESET, SYNTHETIC_SCALE, SYNTHETIC_SEED,
                NEGATIVES, SPLIT_DIR, MODEL_FORMAT, MODEL_SPLITTER);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("data.");
    }

    @Override
    public List<KeyConstraint> constraints() {
        return List.of(
                // data.name is a folder of the output paths: "../x" or "a/b" would write somewhere else
                KeyConstraint.of("`data.name` is one folder name (no `/`, `\\`, `.` or `..`)", List.of(NAME),
                        v -> {
                            String name = v.get(NAME);
                            return name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                                    ? v.show(NAME) + " is not one folder name: it names the dataset's folder in "
                                    + "output paths; to choose where results go, set rec.output.dir" : null;
                        }),
                // a domain name is one segment of data.domain.<name>.path: "books.v2" or "my books" could never
                // be given a path
                KeyConstraint.of("every name in `data.domains` is letters, digits, `-` or `_`", List.of(DOMAINS),
                        v -> v.isSet(DOMAINS) && !v.get(DOMAINS).stream().allMatch(d -> d.matches("[\\p{L}\\p{N}_-]+"))
                                ? v.show(DOMAINS) + " has a domain name that is not letters, digits, '-' or '_' (separate "
                                + "names with commas): each name is one segment of data.domain.<name>.path" : null),
                // LibRec's job switches on the splitter alias; our data model always splits leave-one-out
                KeyConstraint.of("`data.model.splitter=testset`: the split is always leave-one-out", List.of(MODEL_SPLITTER),
                        v -> v.get(MODEL_SPLITTER).equals("testset") ? null : v.show(MODEL_SPLITTER) + ": the split is "
                                + "always leave-one-out with sampled negatives (the paper's protocol), made by the data model; "
                                + "keep testset"),
                // the forgotten data.source: domain files given, generated data trained on without a word. A -D
                // data.source=synthetic over a file's domains is a deliberate switch (-D cannot remove keys): a warning
                KeyConstraint.of("`data.domains` and `data.domain.*.path` need `data.source=files` (unless "
                                + "`-D data.source=synthetic` switches a file's dataset to generated data)",
                        List.of(DOMAINS, DOMAIN_PATH, SOURCE),
                        v -> v.get(SOURCE) == DataSource.SYNTHETIC && (v.isSet(DOMAINS) || v.isSet(DOMAIN_PATH))
                                && !(v.fromCommandLine(SOURCE) && !v.fromCommandLine(DOMAINS) && !v.fromCommandLine(DOMAIN_PATH))
                                ? (v.isSet(DOMAINS) ? v.show(DOMAINS) : v.show(DOMAIN_PATH)) + " is given but "
                                + v.show(SOURCE) + " would train on generated data instead; set data.source=files" : null),
                KeyConstraint.unusedWhen(SOURCE, s -> s == DataSource.SYNTHETIC, "`data.source=synthetic`",
                        List.of(DOMAINS, DOMAIN_PATH, USERS)),
                KeyConstraint.unusedWhen(SOURCE, s -> s == DataSource.FILES, "`data.source=files`",
                        List.of(SYNTHETIC_PRESET, SYNTHETIC_SCALE, SYNTHETIC_SEED)));
    }
}
