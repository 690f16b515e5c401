package org.uclr.data;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.util.AtomicFiles;
import org.uclr.util.WritableDirectory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Persists splits and negatives per (dataset fingerprint, seed, negatives), so that every model
 * run on the same data and seed ranks exactly the same candidates. A stored split is reused; a
 * missing one is made and written atomically.
 */
public final class SplitStore {
    private static final Logger LOG = LogManager.getLogger(SplitStore.class);
    private static final int MAGIC = 0x55434c52; // "UCLR"
    private static final int VERSION = 1;

    private final Path root;

    public SplitStore(Path root) {
        this.root = root;
    }

    /**
     * Fails now, before any data is loaded, when splits cannot be written under the root (a new split is
     * written as soon as it is made); the error carries the operating system's reason.
     */
    public void checkWritable() {
        WritableDirectory.check(root, "split directory " + root, "set data.split.dir");
    }

    public Path pathFor(MultiDomainDataset data, long seed, int negatives) {
        return root.resolve(data.name() + "-" + data.fingerprint()).resolve("seed-" + seed + "-neg" + negatives + ".bin.gz");
    }

    /** The stored split for this data and seed, or a new one (then stored). */
    public Split loadOrCreate(MultiDomainDataset data, long seed, LeaveOneOutSplitter splitter) {
        Path file = pathFor(data, seed, splitter.negatives());
        if (Files.exists(file)) {
            LOG.info("reusing split and negatives {}", file);
            return read(file, data);
        }
        Split split = splitter.split(data, seed);
        write(file, split);
        LOG.info("wrote split and negatives {}", file);
        return split;
    }

    void write(Path file, Split split) {
        AtomicFiles.write(file, out -> {
            try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(out), 1 << 16))) {
                o.writeInt(MAGIC);
                o.writeInt(VERSION);
                o.writeUTF(split.fingerprint());
                o.writeLong(split.seed());
                o.writeInt(split.negatives());
                o.writeInt(split.domains().size());
                for (DomainSplit d : split.domains()) {
                    writeInts(o, d.testItem());
                    writeInts(o, d.validItem());
                    writeCandidates(o, d.test());
                    writeCandidates(o, d.validation());
                }
            }
        });
    }

    Split read(Path file, MultiDomainDataset data) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new UclrException(file + ": not a split file of this version; delete it to regenerate");
            }
            String fingerprint = in.readUTF();
            if (!fingerprint.equals(data.fingerprint())) {
                throw new UclrException(file + ": made for dataset " + fingerprint + ", not " + data.fingerprint()
                        + "; delete it to regenerate");
            }
            long seed = in.readLong();
            int negatives = in.readInt();
            int numDomains = in.readInt();
            if (numDomains != data.numDomains()) {
                throw new UclrException(file + ": has " + numDomains + " domains, dataset has " + data.numDomains());
            }
            List<DomainSplit> domains = new ArrayList<>();
            for (int d = 0; d < numDomains; d++) {
                int[] test = readInts(in);
                int[] valid = readInts(in);
                CandidateSet testC = readCandidates(in);
                CandidateSet validC = readCandidates(in);
                UserItemMatrix train = data.domain(d).interactions().without(test, valid);
                domains.add(new DomainSplit(train, test, valid, testC, validC));
            }
            return new Split(fingerprint, seed, negatives, domains);
        } catch (IOException e) {
            throw new UclrException("cannot read split file " + file + " (" + e.getMessage() + "); delete it to regenerate");
        }
    }

    private static void writeInts(DataOutputStream o, int[] a) throws IOException {
        o.writeInt(a.length);
        for (int x : a) {
            o.writeInt(x);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    private static void writeCandidates(DataOutputStream o, CandidateSet c) throws IOException {
        o.writeInt(c.width());
        writeInts(o, c.users());
        writeInts(o, c.candidates());
    }

    private static CandidateSet readCandidates(DataInputStream in) throws IOException {
        int width = in.readInt();
        int[] users = readInts(in);
        int[] cands = readInts(in);
        return new CandidateSet(users, cands, width);
    }
}
