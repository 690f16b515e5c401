package org.uclr.baselines.catart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.uclr.config.Settings;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.Batches;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.Trainer;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.backbone.BprSettings;
import org.uclr.model.backbone.BprTriples;
import org.uclr.model.backbone.DotProduct;
import org.uclr.model.backbone.MatrixFactorization;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A CAT-ART-style cross-domain model (Li et al., WSDM 2023, "One for all, all for one"), in three
 * stages, each early-stopped on validation NDCG@10:
 * <ol>
 *   <li>per-domain BPRMF user and item embeddings (exactly the per-domain BPRMF baseline when the
 *       catart.* stage-1 keys equal the bprmf.* ones: same random streams);</li>
 *   <li>CAT, a contrastive autoencoder over each user's stacked domain embeddings; validated by scoring
 *       each domain with the decoded user embedding;</li>
 *   <li>ART per target domain: the user's target embedding plus attention over the other domains'
 *       embeddings plus a map of the frozen CAT encoding, BPR-finetuned on that domain.</li>
 * </ol>
 * Each stage's timings and best validation NDCG@10 are in results.json and training.tsv;
 * {@code catart.art.inputs} switches ART's inputs off for ablations.
 */
public class CatArtRecommender extends MultiDomainRecommender {
    /** What {@link #scoreBatch} asks while a stage validates, and after training. */
    private interface Scorer {
        NDArray score(int domain, NDArray users, NDArray items);
    }

    private final List<MatrixFactorization> stage1 = new ArrayList<>();
    private final List<AttentiveTransfer> transfers = new ArrayList<>();
    private Scorer scorer;

    /** One CAT step's users and the domain masked for each. */
    private record CatBatch(long[] users, int[] masked) {
    }

    @Override
    protected void trainModel() {
        trainStage1();
        ArtInputs inputs = settings.get(CatArtKeys.ART_INPUTS);
        NDArray codes = null;
        if (inputs.cat()) {
            NDArray stacks = stackedUserEmbeddings();
            codes = trainCat(stacks).encodeAll(stacks, engine.root());
        }
        trainArt(codes, inputs.attention());
        scorer = (d, u, i) -> transfers.get(d).score(u, i);
    }

    private void trainStage1() {
        BprSettings hp = BprSettings.from(settings, CatArtKeys.STAGE1);
        scorer = (d, u, i) -> stage1.get(d).score(u, i);
        for (int d = 0; d < data.numDomains(); d++) {
            // BPRMFRecommender's names, so its random streams and therefore its models are reproduced exactly
            String label = "bprmf/" + data.domain(d).name();
            UserItemMatrix train = split.domain(d).train();
            MatrixFactorization mf = new MatrixFactorization(engine, data.numUsers(), train.numItems(), hp, label);
            stage1.add(mf);
            record(mf.train(BprTriples.of(train), validation(d), label));
        }
    }

    /** [numUsers, N m]: each user's stage-1 embeddings of every domain, side by side. */
    private NDArray stackedUserEmbeddings() {
        NDList tables = new NDList();
        stage1.forEach(mf -> tables.add(mf.users()));
        return NDArrays.concat(tables, 1);
    }

    private ContrastiveAutoencoder trainCat(NDArray stacks) {
        String label = "catart/cat";
        ContrastiveAutoencoder cat = new ContrastiveAutoencoder(engine, data.numDomains(), settings.get(CatArtKeys.FACTORS),
                settings.get(CatArtKeys.CAT_TAU), settings.get(CatArtKeys.CAT_CONTRAST_WEIGHT),
                settings.get(CatArtKeys.CAT_RECON_WEIGHT), label);
        int batchSize = settings.get(CatArtKeys.CAT_BATCH_SIZE);
        SplittableRandom rng = engine.random(label + "/batches");
        scorer = (d, u, i) -> DotProduct.score(cat.decodedDomain(stacks, u, d), stage1.get(d).items(), i);
        record(Trainer.<CatBatch>of(label, engine)
                .epochs(new EpochLimits(settings.get(CatArtKeys.CAT_MAX_EPOCHS), settings.get(CatArtKeys.PATIENCE),
                        CatArtKeys.CAT_MAX_EPOCHS.name()))
                .batches(epoch -> {
                    List<CatBatch> out = new ArrayList<>();
                    for (int[] batch : Batches.shuffled(data.numUsers(), batchSize, rng)) {
                        long[] users = new long[batch.length];
                        for (int b = 0; b < batch.length; b++) {
                            users[b] = batch[b];
                        }
                        out.add(new CatBatch(users, DomainMask.draw(batch.length, data.numDomains(), rng)));
                    }
                    return out;
                })
                .loss((step, b) -> cat.loss(step, stacks, b.users(), b.masked()))
                .optimizer(cat.optimizer(AdamConfig.of(settings.get(CatArtKeys.CAT_LEARN_RATE))))
                .checkpoint(cat.checkpoint())
                .validation(validation())
                .fit());
        return cat;
    }

    /**
     * @param codes     CAT encodings [numUsers, m], or null when ART does not use them
     * @param attention whether ART attends over the other domains' embeddings
     */
    private void trainArt(NDArray codes, boolean attention) {
        AdamConfig adam = AdamConfig.of(settings.get(CatArtKeys.ART_LEARN_RATE));
        int batchSize = settings.get(CatArtKeys.BATCH_SIZE);
        for (int t = 0; t < data.numDomains(); t++) {
            String label = "catart/art/" + data.domain(t).name();
            List<NDArray> sources = new ArrayList<>();
            for (int s = 0; s < data.numDomains(); s++) {
                if (s != t && attention) {
                    sources.add(stage1.get(s).users());
                }
            }
            AttentiveTransfer art = new AttentiveTransfer(engine, stage1.get(t).users(), stage1.get(t).items(),
                    sources, codes, settings.get(CatArtKeys.LAMBDA), settings.get(CatArtKeys.ART_TUNE_EMBEDDINGS), label);
            transfers.add(art);
            int target = t;
            scorer = (d, u, i) -> d == target ? art.score(u, i) : stage1.get(d).score(u, i);
            BprTriples triples = BprTriples.of(split.domain(t).train());
            SplittableRandom rng = engine.random(label + "/batches");
            record(Trainer.<BprTriples.Batch>of(label, engine)
                    .epochs(new EpochLimits(settings.get(CatArtKeys.ART_MAX_EPOCHS), settings.get(CatArtKeys.PATIENCE),
                            CatArtKeys.ART_MAX_EPOCHS.name()))
                    .batches(epoch -> triples.epoch(batchSize, rng))
                    .loss(art::loss)
                    .optimizer(art.optimizer(adam))
                    .checkpoint(art.checkpoint())
                    .validation(validation(t))
                    .fit());
        }
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        return scorer.score(domain, users, items);
    }

    @Override
    public List<String> keyNamespaces(Settings settings) {
        return List.of("catart.");
    }
}
