package org.uclr.engine;

import org.uclr.data.MultiDomainDataModel;
import org.uclr.model.bprmf.BPRMFRecommender;
import org.uclr.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Trains BPRMF on synthetic data and prints, after every epoch, the domain, the resident memory and
 * the number of arrays the engine's root manager owns: {@code epoch <domain> <n> <VmRSS kB> <arrays>}.
 * Run it in its own JVM with a pre-touched heap ({@code -XX:+AlwaysPreTouch}) so that Java heap pages
 * being touched for the first time do not look like growth:
 * <pre>java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp ... org.uclr.engine.RssHarness [scale] [epochs] [factors] [batch]</pre>
 */
public final class RssHarness {
    private RssHarness() {
    }

    public static void main(String[] args) {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        String factors = args.length > 2 ? args[2] : "64";
        String batch = args.length > 3 ? args[3] : "128";
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(scale), 2, Map.of(
                "rec.random.seed", "2", "rec.device", "cpu",
                "bprmf.factors", factors, "bprmf.batch.size", batch, "bprmf.learn.rate", "0.01",
                "bprmf.epochs.max", String.valueOf(epochs), "bprmf.patience", "100000"));
        Fixtures.train(new BPRMFRecommender() {
            private int domainSeen = -1;
            private int epoch;

            @Override
            protected double validationNdcg10(int domain) {
                double v = super.validationNdcg10(domain);
                epoch = domain == domainSeen ? epoch + 1 : 0;
                domainSeen = domain;
                System.out.println("epoch " + domain + " " + epoch + " " + vmRssKb() + " "
                        + engine.root().getManagedArrays().size());
                return v;
            }
        }, dm);
    }

    static long vmRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
