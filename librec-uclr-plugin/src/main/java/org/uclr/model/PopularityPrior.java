package org.uclr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.Scalars;

import java.util.Arrays;
import java.util.List;

/**
 * A popularity prior added to a trained model's scores, per domain (beyond the paper; {@code
 * rec.score.popularity.grid}): s'(u, i) = s(u, i) + beta_d z_i, with z_i = log(1 + c_i) / sd_d, c_i the item's
 * training interactions in domain d and sd_d the population standard deviation of log(1 + c) over the domain's
 * items (a constant shift of z would not change any ranking, so z is not centred). beta_d is in score units;
 * {@link MultiDomainRecommender} chooses it on validation as a multiple of the spread of the model's own
 * validation scores, with 0 (no prior) among the candidates, so it never lowers the validation NDCG@10 it is
 * chosen on. Every model can take it, so a comparison that gives it to one model gives it to all.
 *
 * <p>Why: under the sampled protocol (1 positive, 99 uniformly sampled negatives) popularity alone scores high
 * (Douban Books: MostPop's test NDCG@10 is 34.0 %, within a point of UCLR's), and how much of it a model has
 * absorbed varies; the prior makes that explicit and validation decides how much. Applied after training only:
 * a model's own validation during training never sees it.
 */
public final class PopularityPrior {
    /** Per domain, z [numItems] (float32 values, computed in float64). */
    private final float[][] z;
    /** Per domain, beta_d in score units; 0: no prior. */
    private final double[] weight;

    private PopularityPrior(float[][] z) {
        this.z = z;
        this.weight = new double[z.length];
    }

    /** The prior of each domain's training matrix (weights 0 until {@link #setWeight}). */
    public static PopularityPrior of(List<UserItemMatrix> trainPerDomain) {
        float[][] z = new float[trainPerDomain.size()][];
        for (int d = 0; d < z.length; d++) {
            z[d] = standardizedLogCounts(trainPerDomain.get(d));
        }
        return new PopularityPrior(z);
    }

    /**
     * log(1 + c_i) / sd over the items of one domain, c_i its training interactions; all zeros when every item
     * has the same count (no popularity to add).
     *
     * @return [numItems]
     */
    static float[] standardizedLogCounts(UserItemMatrix train) {
        int[] count = new int[train.numItems()];
        for (int i : train.entryItems()) {
            count[i]++;
        }
        double[] log = Arrays.stream(count).mapToDouble(Math::log1p).toArray();
        double mean = Arrays.stream(log).average().orElse(0);
        double var = Arrays.stream(log).map(x -> (x - mean) * (x - mean)).average().orElse(0);
        double sd = Math.sqrt(var);
        float[] out = new float[count.length];
        if (sd > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (log[i] / sd);
            }
        }
        return out;
    }

    public int numDomains() {
        return z.length;
    }

    /** z of domain d [numItems] (a copy). */
    public float[] z(int d) {
        return z[d].clone();
    }

    public double weight(int d) {
        return weight[d];
    }

    /** Sets beta_d (score units, >= 0, finite). */
    public void setWeight(int d, double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("popularity weight of domain " + d + " must be finite and >= 0: " + beta);
        }
        weight[d] = beta;
    }

    /**
     * Adds the prior to candidate scores.
     *
     * @param scores [n, width] float32 scores of domain d's candidates
     * @param items  [n, width] their local item indices (int64)
     * @return [n, width] scores + beta_d z[items] (scores itself when beta_d = 0)
     */
    public NDArray addTo(NDManager step, int d, NDArray scores, NDArray items) {
        if (weight[d] == 0) {
            return scores;
        }
        NDArray prior = step.create(z[d]).get(new NDIndex("{}", items.reshape(-1))).reshape(items.getShape()); // [n, width]
        return scores.add(Scalars.mul(prior, weight[d]));
    }

    /**
     * Adds the prior to every item's score.
     *
     * @param scores [n, numItems] float32 scores of domain d's items in local order
     * @return [n, numItems] scores + beta_d z (broadcast over the rows; scores itself when beta_d = 0)
     */
    public NDArray addToAll(NDManager step, int d, NDArray scores) {
        if (weight[d] == 0) {
            return scores;
        }
        NDArray prior = step.create(z[d]).expandDims(0);                        // [1, numItems]
        return scores.add(Scalars.mul(prior, weight[d]));
    }
}
