package org.uclr.data;

/**
 * The leave-one-out split of one domain and the candidates every model ranks.
 *
 * @param train      interactions the models learn from
 * @param testItem   held-out test item of each user, or -1 (a user with no interaction in the domain)
 * @param validItem  held-out validation item of each user, or -1 (users with fewer than 3 interactions)
 * @param test       test candidates: each test item and its sampled negatives
 * @param validation validation candidates, for early stopping
 */
public record DomainSplit(UserItemMatrix train, int[] testItem, int[] validItem, CandidateSet test,
                          CandidateSet validation) {
}
