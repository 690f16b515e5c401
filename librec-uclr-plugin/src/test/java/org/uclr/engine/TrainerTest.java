package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.uclr.UclrException;
import org.uclr.testing.CpuTrainContext;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one training loop, on a toy model whose weights change at every epoch (a vector pulled toward a
 * target by Adam) and a scripted validation signal: every check compares the weights the trainer keeps
 * with snapshots taken when the chosen epoch was validated, bit for bit.
 */
class TrainerTest {
    private static final float[] START = {0.5f, -0.25f, 1f};
    @RegisterExtension
    static final CpuTrainContext ctx = new CpuTrainContext();

    /** A scripted validation value of domain k at an epoch (0 = the starting point). */
    @FunctionalInterface
    private interface Script {
        double value(int domain, int epoch);
    }

    /**
     * One trainable vector x, loss |x - target|^2, one batch per epoch. The weights seen by each
     * validation (epoch 0 first, unless the start is given) and by each step are recorded.
     */
    private static final class Toy {
        final DenseParameter x = new DenseParameter("x", ctx.get().root().create(START.clone(), new Shape(1, 3)));
        final List<float[]> validated = new ArrayList<>();
        final List<float[]> stepped = new ArrayList<>();
        final NDArray target = ctx.get().root().create(new float[]{-2f, 3f, 0f}, new Shape(1, 3));

        Trainer<Integer> trainer(EpochLimits limits, List<String> domains, boolean withUsers, Script script) {
            Validation validation = new Validation() {
                @Override
                public List<String> domains() {
                    return domains;
                }

                @Override
                public boolean hasUsers(int k) {
                    return withUsers;
                }

                @Override
                public double ndcg10(int k) {
                    if (k == 0) {
                        validated.add(x.snapshot());
                    }
                    return script.value(k, epochOfLastValidation());
                }
            };
            return Trainer.<Integer>of("toy", ctx.get())
                    .epochs(limits)
                    .batches(epoch -> List.of(epoch))
                    .loss((step, batch) -> {
                        stepped.add(x.snapshot());
                        return x.value().sub(target).square().sum();
                    })
                    .optimizer(new AdamOptimizer(AdamConfig.of(0.05)).add(x))
                    .checkpoint(new Checkpoint().add(x))
                    .validation(validation);
        }

        /** The epoch the last validation call belongs to when the starting point was validated too. */
        int epochOfLastValidation() {
            return validated.size() - 1 + offset;
        }

        /** 1 when the starting point is given (the first validation is then epoch 1). */
        int offset;

        float[] weights() {
            return x.snapshot();
        }
    }

    private static EpochLimits limits(int max, int patience) {
        return new EpochLimits(max, patience, "toy.epochs.max");
    }

    private static Script table(double[]... perDomain) {
        return (k, epoch) -> perDomain[k][Math.min(epoch, perDomain[k].length - 1)];
    }

    @Test
    void restoresTheWeightsOfTheBestEpochBitForBitAndStopsAfterPatienceEpochs() {
        Toy toy = new Toy();
        TrainingOutcome o = toy.trainer(limits(50, 3), List.of("a"), true,
                table(new double[]{0.1, 0.3, 0.5, 0.4, 0.2, 0.1})).fit();

        assertEquals(5, o.epochs(), "epoch 2 is best; epochs 3, 4, 5 do not improve: patience 3 stops there");
        assertEquals(StopReason.PATIENCE, o.stoppedBy());
        assertEquals(2, o.bestEpoch());
        assertEquals(0.5, o.bestValidation());
        assertArrayEquals(toy.validated.get(2), toy.weights(), "the live weights are epoch 2's");
        assertArrayEquals(toy.validated.get(2), (float[]) o.domainStates().get(0).part(0));
        assertFalse(java.util.Arrays.equals(toy.validated.get(2), toy.validated.get(5)), "training moved the weights");
        assertFalse(o.keptStartingPoint(0));
    }

    @Test
    void theUntrainedStartIsACandidate() {
        Toy toy = new Toy();
        TrainingOutcome o = toy.trainer(limits(50, 2), List.of("a"), true,
                table(new double[]{0.5, 0.4, 0.3, 0.2})).fit();

        assertEquals(2, o.epochs());
        assertEquals(0, o.bestEpoch());
        assertTrue(o.keptStartingPoint(0));
        assertArrayEquals(START, toy.weights(), "every epoch was worse than no training: the initial weights stay");
    }

    @Test
    void eachDomainKeepsItsOwnBestEpochAndTheSharedWeightsTheBestMean() {
        // a peaks at epoch 1, b at epoch 4, their mean at epoch 2
        double[] a = {0.5, 0.9, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2};
        double[] b = {0.4, 0.5, 0.8, 0.7, 0.85, 0.6, 0.5, 0.4};
        Toy toy = new Toy();
        TrainingOutcome o = toy.trainer(limits(50, 2), List.of("a", "b"), true, table(a, b)).perDomainBest().fit();

        assertEquals(6, o.epochs(), "a stops improving after epoch 1, b after epoch 4: two more epochs");
        assertArrayEquals(new int[]{1, 4}, o.domainBestEpoch());
        assertArrayEquals(new double[]{0.9, 0.85}, o.domainValidation());
        assertArrayEquals(toy.validated.get(1), (float[]) o.domainStates().get(0).part(0), "a: epoch 1's weights");
        assertArrayEquals(toy.validated.get(4), (float[]) o.domainStates().get(1).part(0), "b: epoch 4's weights");
        assertEquals(2, o.bestEpoch());
        assertArrayEquals(toy.validated.get(2), toy.weights(), "the shared weights end at the best mean (epoch 2)");

        Toy joint = new Toy();
        TrainingOutcome j = joint.trainer(limits(50, 2), List.of("a", "b"), true, table(a, b)).fit();
        assertEquals(4, j.epochs(), "joint selection stops 2 epochs after the best mean");
        assertArrayEquals(new int[]{2, 2}, j.domainBestEpoch());
        assertArrayEquals(joint.validated.get(2), (float[]) j.domainStates().get(0).part(0));
        assertArrayEquals(joint.validated.get(2), (float[]) j.domainStates().get(1).part(0));
        assertArrayEquals(new double[]{0.8, 0.8}, j.domainValidation());
    }

    @Test
    void aStageThatNeverBeatsItsStartingPointKeepsItAndCountsPatienceOnItsOwnEpochs() {
        Toy toy = new Toy();
        toy.offset = 1;
        // the previous stage left 0.9; this stage improves on itself until epoch 4, never reaching 0.9
        TrainingOutcome o = toy.trainer(limits(50, 2), List.of("a"), true,
                (k, epoch) -> new double[]{-1, 0.1, 0.2, 0.3, 0.4, 0.4, 0.4, 0.4}[epoch]).startingFrom(new double[]{0.9}).fit();

        assertEquals(6, o.epochs(), "own best at epoch 4, then patience 2; counted from the start it would stop at 2");
        assertEquals(6, toy.validated.size(), "the given starting point is not validated again");
        assertTrue(o.keptStartingPoint(0));
        assertEquals(0, o.bestEpoch());
        assertEquals(0.9, o.bestValidation());
        assertEquals(0.9, o.domainValidation()[0]);
        assertArrayEquals(START, toy.weights(), "the initial weights are restored");
        assertArrayEquals(START, (float[]) o.domainStates().get(0).part(0));
        // what the stage learned is still there for a caller that mixes it in (uclr.shrink.weights=trained):
        // epoch 4's weights, the fourth validation
        assertArrayEquals(toy.validated.get(3), (float[]) o.ownBestStates().get(0).part(0));
        assertFalse(java.util.Arrays.equals(START, toy.validated.get(3)));
    }

    @Test
    void withAStartingPointEachDomainKeepsTheStartOrItsOwnBetterEpoch() {
        Toy toy = new Toy();
        toy.offset = 1;
        double[] a = {-1, 0.2, 0.3, 0.25, 0.2, 0.2};   // never reaches its start 0.5
        double[] b = {-1, 0.2, 0.55, 0.5, 0.4, 0.3};   // beats its start 0.4 at epoch 2
        TrainingOutcome o = toy.trainer(limits(50, 2), List.of("a", "b"), true, table(a, b)).perDomainBest()
                .startingFrom(new double[]{0.5, 0.4}).fit();

        assertTrue(o.keptStartingPoint(0));
        assertFalse(o.keptStartingPoint(1));
        assertArrayEquals(new int[]{0, 2}, o.domainBestEpoch());
        assertArrayEquals(new double[]{0.5, 0.55}, o.domainValidation());
        assertArrayEquals(START, (float[]) o.domainStates().get(0).part(0), "a keeps the initial weights");
        assertArrayEquals(toy.validated.get(1), (float[]) o.domainStates().get(1).part(0), "b keeps epoch 2's");
        assertArrayEquals(toy.validated.get(1), (float[]) o.ownBestStates().get(0).part(0), "a's own best: epoch 2");
        assertArrayEquals(toy.validated.get(1), (float[]) o.ownBestStates().get(1).part(0), "b's own best: epoch 2");
        // the shared weights: the start's mean 0.45 beats the stage's best mean 0.425 (epoch 2)
        assertEquals(0, o.bestEpoch());
        assertArrayEquals(START, toy.weights());
    }

    @Test
    void withoutValidationUsersItTrainsToTheCapAndKeepsTheLastEpoch() {
        Toy toy = new Toy();
        TrainingOutcome o = toy.trainer(limits(4, 1), List.of("a", "b"), false, (k, e) -> {
            throw new AssertionError("no domain has validation users: nothing to validate");
        }).fit();

        assertEquals(StopReason.NO_VALIDATION, o.stoppedBy());
        assertEquals(4, o.epochs());
        assertEquals(4, toy.stepped.size());
        assertEquals(-1, o.bestEpoch());
        assertTrue(Double.isNaN(o.bestValidation()) && Double.isNaN(o.domainValidation()[0]));
        assertArrayEquals(new int[]{4, 4}, o.domainBestEpoch());
        float[] last = toy.weights();
        float[] beforeLastStep = toy.stepped.get(3);
        float[] target = toy.target.toFloatArray();
        for (int c = 0; c < 3; c++) {
            // each step moves x toward the target; the kept weights are those after the fourth step
            assertTrue(Math.abs(last[c] - target[c]) < Math.abs(beforeLastStep[c] - target[c]), "coordinate " + c);
        }
        assertArrayEquals(last, (float[]) o.domainStates().get(0).part(0));
        assertArrayEquals(last, (float[]) o.domainStates().get(1).part(0));
    }

    /** node2vec's case: validation prefers the untrained start, and the stage must keep its last epoch anyway. */
    @Test
    void aStageThatKeepsItsLastEpochIgnoresAValidationThatPrefersTheStart() {
        Toy toy = new Toy();
        TrainingOutcome o = toy.trainer(limits(3, 1), List.of("a", "b"), true,
                table(new double[]{0.9, 0.1, 0.2, 0.3}, new double[]{0.8, 0.5, 0.4, 0.6})).keepLastEpoch().fit();

        assertEquals(StopReason.FIXED, o.stoppedBy());
        assertEquals(3, o.epochs(), "patience 1 would have stopped a selecting stage after epoch 1");
        assertEquals(3, o.bestEpoch());
        assertArrayEquals(new int[]{3, 3}, o.domainBestEpoch());
        assertArrayEquals(new double[]{0.3, 0.6}, o.domainValidation(), 0.0, "the last epoch's own values");
        assertEquals(0.45, o.bestValidation(), 1e-12);
        float[] last = toy.validated.get(3);
        assertArrayEquals(last, toy.weights(), "the weights after the third epoch, not the start's");
        assertArrayEquals(last, (float[]) o.domainStates().get(0).part(0));
        assertArrayEquals(last, (float[]) o.domainStates().get(1).part(0));
    }

    @Test
    void endingAtTheCapWhileImprovingSaysSoAndKeepsTheLastEpoch() {
        Toy toy = new Toy();
        TrainingOutcome o = toy.trainer(limits(3, 5), List.of("a"), true,
                table(new double[]{0.1, 0.2, 0.3, 0.4})).fit();

        assertEquals(StopReason.CAP, o.stoppedBy());
        assertEquals(3, o.epochs());
        assertEquals(3, o.bestEpoch());
        assertArrayEquals(toy.validated.get(3), toy.weights());
    }

    @Test
    void aNonFiniteLossStopsTrainingWithAnError() {
        Toy toy = new Toy();
        Trainer<Integer> trainer = toy.trainer(limits(5, 2), List.of("a"), true, (k, e) -> 0.5)
                .loss((step, batch) -> toy.x.value().sum().mul(Float.NaN));
        UclrException e = assertThrows(UclrException.class, trainer::fit);
        assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
    }
}
