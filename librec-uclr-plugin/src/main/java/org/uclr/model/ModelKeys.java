package org.uclr.model;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;

import java.util.List;

/** What every recommender reads besides its own keys: its recommendation lists, saving and loading. */
public final class ModelKeys implements KeySet {
    public static final ConfigKey<Integer> RANKING_TOPN = ConfigKey.ofInt("rec.recommender.ranking.topn", 10, 1, 100_000,
            "LibRec's list length: each user's top items per domain in recommendations.tsv and getRecommendedList() "
                    + "(rec.eval.topn lists the cutoffs reported)");
    public static final ConfigKey<Boolean> SAVE = ConfigKey.ofBoolean("rec.model.save", false,
            "save the trained model in model/ beside results.json (its tensors and what scoring needs)");
    public static final ConfigKey<List<Double>> POPULARITY_GRID = ConfigKey.ofDoubleList("rec.score.popularity.grid",
            List.of(0.0), 0.0, 100.0, "after training, add a popularity prior beta_d log(1 + c_i) / sd to every score, "
                    + "beta_d chosen per domain on validation NDCG@10 among these multiples of the spread of the model's "
                    + "validation scores (ties: the earlier; 0: no prior, the default); beyond the paper");
    public static final ConfigKey<String> LOAD = ConfigKey.ofString("rec.model.load", "",
            "evaluate the model saved in this run directory (or its model/ folder) instead of training; a model "
                    + "saved for other data or another configuration is refused");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(RANKING_TOPN, SAVE, LOAD, POPULARITY_GRID);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of();
    }
}
