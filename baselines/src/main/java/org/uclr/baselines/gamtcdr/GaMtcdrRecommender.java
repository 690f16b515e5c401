package org.uclr.baselines.gamtcdr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uclr.baselines.crossdomain.DomainSteps;
import org.uclr.baselines.neumf.PointwiseSamples;
import org.uclr.config.Settings;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.Trainer;
import org.uclr.model.DotProductScoring;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.backbone.DotProduct;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * GA-MTCDR (Zhu et al.: GA-DTCDR, IJCAI 2020; its multi-target form, TKDE 2023) as a multi-target
 * cross-domain baseline, in two stages, each through the project's trainer:
 * <ol>
 *   <li>node2vec embeddings of every domain's interaction graph ({@link Node2Vec}; interactions only:
 *       our data has no ratings to weight edges and no text to add content edges), trained for its
 *       epochs and its last epoch kept, as the authors' fixed passes (the validation NDCG@10 of its user .
 *       item dot product is logged, not selected on);</li>
 *   <li>{@link GaMtcdr} on the fixed node2vec vectors, every step one batch of labelled pairs from every
 *       domain ({@link DomainSteps}) and one Adam step on the sum of the domains' losses,
 *       early-stopped on the mean validation NDCG@10 over domains.</li>
 * </ol>
 * Scores are cosines, i.e. dot products of the unit-length tower outputs.
 */
public class GaMtcdrRecommender extends MultiDomainRecommender implements DotProductScoring {
    private static final String LABEL = "gamtcdr";

    /** What {@link #scoreBatch} asks while a stage validates, and after training. */
    private interface Scorer {
        NDArray score(int domain, NDArray users, NDArray items);
    }

    private final List<NDArray> userNode2vec = new ArrayList<>();
    private final List<NDArray> itemNode2vec = new ArrayList<>();
    private GaMtcdr model;
    private Scorer scorer;

    @Override
    protected void trainModel() {
        GaMtcdrSettings hp = GaMtcdrSettings.from(settings);
        for (int d = 0; d < data.numDomains(); d++) {
            Node2Vec n2v = new Node2Vec(engine, split.domain(d).train(), hp.factors(), hp.node2vec(), node2vecLabel(d));
            int target = d;
            // the stage validates domain d only; other domains are never asked for
            scorer = (domain, u, i) -> {
                if (domain != target) {
                    throw new IllegalStateException("node2vec of domain " + target + " scored domain " + domain);
                }
                return n2v.score(u, i);
            };
            record(n2v.train(validation(d)));
            NDArray[] vectors = n2v.vectors();
            userNode2vec.add(vectors[0]);
            itemNode2vec.add(vectors[1]);
        }
        buildModel(hp);
        scorer = this::modelScore;
        List<PointwiseSamples> samples = new ArrayList<>();
        List<SplittableRandom> streams = new ArrayList<>();
        int[] pairs = new int[data.numDomains()];
        for (int d = 0; d < data.numDomains(); d++) {
            samples.add(new PointwiseSamples(split.domain(d).train(), hp.negatives()));
            streams.add(engine.random(LABEL + "/batches/" + data.domain(d).name()));
            pairs[d] = samples.get(d).size();
        }
        int steps = DomainSteps.steps(pairs, hp.batchSize());
        record(Trainer.<List<PointwiseSamples.Batch>>of(LABEL, engine)
                .epochs(hp.epochs())
                .batches(epoch -> {
                    List<List<PointwiseSamples.Batch>> perDomain = new ArrayList<>();
                    for (int d = 0; d < samples.size(); d++) {
                        perDomain.add(samples.get(d).epoch(DomainSteps.domainBatchSize(pairs[d], steps), streams.get(d)));
                    }
                    return DomainSteps.zip(perDomain);
                })
                .loss(model::loss)
                .optimizer(model.optimizer(hp.adam()))
                .checkpoint(model.checkpoint())
                .validation(validation())
                .fit());
    }

    private String node2vecLabel(int d) {
        return LABEL + "/node2vec/" + data.domain(d).name();
    }

    /** The model on the node2vec vectors already in {@link #userNode2vec} and {@link #itemNode2vec}. */
    private void buildModel(GaMtcdrSettings hp) {
        boolean[][] present = new boolean[data.numDomains()][];
        for (int d = 0; d < data.numDomains(); d++) {
            UserItemMatrix train = split.domain(d).train();
            present[d] = new boolean[data.numUsers()];
            for (int u = 0; u < data.numUsers(); u++) {
                present[d][u] = train.rowSize(u) > 0;
            }
        }
        model = new GaMtcdr(engine, userNode2vec, itemNode2vec, present, hp.tower(), hp.lambda(), LABEL);
    }

    private NDArray modelScore(int domain, NDArray users, NDArray items) {
        return DotProduct.score(model.userVectors(domain, users), model.itemVectors(domain), items);
    }

    /** The fixed node2vec vectors and the trained model. */
    @Override
    protected void saveTrained(ModelArchive out) {
        for (int d = 0; d < data.numDomains(); d++) {
            out.put(node2vecLabel(d) + "/users", userNode2vec.get(d)).put(node2vecLabel(d) + "/items", itemNode2vec.get(d));
        }
        model.save(out, LABEL);
    }

    @Override
    protected void loadTrained(ModelArchive in) {
        for (int d = 0; d < data.numDomains(); d++) {
            userNode2vec.add(in.array(node2vecLabel(d) + "/users", engine.root()));
            itemNode2vec.add(in.array(node2vecLabel(d) + "/items", engine.root()));
        }
        buildModel(GaMtcdrSettings.from(settings));
        model.load(in, LABEL);
        scorer = this::modelScore;
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        return scorer.score(domain, users, items);
    }

    /** The unit-length user tower output of the domain (the model, after training). */
    @Override
    public NDArray userVectors(NDManager step, int domain, NDArray users) {
        return model.userVectors(domain, users);
    }

    @Override
    public NDArray itemVectors(NDManager step, int domain) {
        return model.itemVectors(domain);
    }

    @Override
    public List<String> keyNamespaces(Settings settings) {
        return List.of("gamtcdr.");
    }

    @Override
    protected void cleanup() {
        if (model != null) {
            model.close();
            model = null;
        }
        userNode2vec.clear();
        itemNode2vec.clear();
        super.cleanup();
    }
}
