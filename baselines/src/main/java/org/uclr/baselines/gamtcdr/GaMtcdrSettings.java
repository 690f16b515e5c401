package org.uclr.baselines.gamtcdr;

import org.uclr.config.Settings;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.EpochLimits;

/**
 * GA-MTCDR's hyperparameters, read once from the gamtcdr.* keys.
 *
 * @param factors   size m of the node2vec embeddings and the towers' input
 * @param tower     widths of the towers' layers after the input
 * @param negatives sampled negatives per positive
 * @param batchSize labelled pairs per step over all domains
 * @param adam      optimizer settings of the model
 * @param lambda    weight of the towers' output regularizer
 * @param epochs    epoch cap and patience of the model
 * @param node2vec  the graph embedding stage
 */
public record GaMtcdrSettings(int factors, int[] tower, int negatives, int batchSize, AdamConfig adam, double lambda,
                              EpochLimits epochs, Node2Vec.Settings node2vec) {

    public static GaMtcdrSettings from(Settings s) {
        int patience = s.get(GaMtcdrKeys.PATIENCE);
        Node2Vec.Settings walks = new Node2Vec.Settings(s.get(GaMtcdrKeys.WALKS), s.get(GaMtcdrKeys.WALK_LENGTH),
                s.get(GaMtcdrKeys.WINDOW), s.get(GaMtcdrKeys.WALK_NEGATIVES),
                new EpochLimits(s.get(GaMtcdrKeys.WALK_EPOCHS), patience, GaMtcdrKeys.WALK_EPOCHS.name()),
                s.get(GaMtcdrKeys.P), s.get(GaMtcdrKeys.Q), s.get(GaMtcdrKeys.WALK_BATCH_SIZE),
                AdamConfig.of(s.get(GaMtcdrKeys.WALK_LEARN_RATE)));
        return new GaMtcdrSettings(s.get(GaMtcdrKeys.FACTORS),
                s.get(GaMtcdrKeys.TOWER).stream().mapToInt(Integer::intValue).toArray(), s.get(GaMtcdrKeys.NEGATIVES),
                s.get(GaMtcdrKeys.BATCH_SIZE), AdamConfig.of(s.get(GaMtcdrKeys.LEARN_RATE)), s.get(GaMtcdrKeys.LAMBDA),
                new EpochLimits(s.get(GaMtcdrKeys.MAX_EPOCHS), patience, GaMtcdrKeys.MAX_EPOCHS.name()), walks);
    }
}
