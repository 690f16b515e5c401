package org.uclr.model;

/**
 * One domain's choice of {@code rec.score.popularity.grid} ({@link PopularityPrior}): the grid value b that
 * gave the best validation NDCG@10, and the weight beta_d = b x scoreSd it stands for. Written to results.json
 * ("popularity") and popularity.tsv.
 *
 * @param gridValue                b, the chosen value of the grid (0: no prior in this domain)
 * @param scoreSd                  population standard deviation of the model's validation scores without the
 *                                 prior (1 when they do not vary)
 * @param weight                   beta_d = gridValue x scoreSd, in the model's score units
 * @param validationNdcg10         validation NDCG@10 (a fraction in [0, 1]) with the chosen weight
 * @param validationNdcg10Without  validation NDCG@10 without the prior
 * @param atGridTop                whether b is the largest value of a grid of more than one value (a larger
 *                                 one might have done better)
 */
public record PopularityChoice(double gridValue, double scoreSd, double weight, double validationNdcg10,
                               double validationNdcg10Without, boolean atGridTop) {
}
