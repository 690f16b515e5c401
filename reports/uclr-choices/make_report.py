#!/usr/bin/env python3
"""Writes README.md of this folder from the runs under runs/ (each: command.txt, stages.tsv, results.json,
optionally temperatures.tsv) and the per-domain BPR-MF epoch logs under runs/*/epochs.txt.
Every number in README.md comes from those files; rerun after adding a run:
    python3 reports/uclr-choices/make_report.py
"""
import json
import os
import re
import statistics

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = os.path.join(HERE, 'runs')

# (folder, what it is); the order of the tables
AMAZON = [
    ('amz/bprmf-perdomain-s1', 'per-domain BPR-MF (reference), conf/bprmf-amazon.properties (lr 1e-3)'),
    ('amz/uclr-pge-nooff-lr5e3-s1', 'stage 1 alone (uclr-pge) without offsets, lr 5e-3'),
    ('amz/uclr-nooff-lr5e3-shrunk-bigft-s1', 'UCLR, stage 1 without offsets (lr 5e-3), shrunk, finetune of rank 128 + items, lr 1e-3, up to 200 epochs'),
    ('amz/uclr-off-lr5e3-shrunk-s1', 'UCLR, stage 1 with offsets (lr 5e-3), shrunk scoring'),
    ('amz/uclr-off-lr5e3-shrunk-bigft-s1', 'the same stage 1, finetune of rank 128 + items, lr 1e-3, up to 200 epochs'),
    ('amz/uclr-amazon-s1', 'conf/uclr-amazon.properties: both stage 1s above (uclr.pge.shared.candidate=true, each domain keeps the better), the same finetune up to 400 epochs'),
    ('amz/uclr-amazon-pgelr1e3-s1', 'the same with both stage 1s at lr 1e-3 (bprmf.learn.rate=0.001, up to 600 epochs, patience 20)'),
]
DOUBAN = [
    ('dou/uclr-default-s1', 'UCLR, paper scoring (decoded), iSogCLR temperatures'),
    ('dou/uclr-shrunk-s1', 'UCLR, shrunk scoring'),
    ('dou/uclr-globaltau-s1', 'UCLR, one global temperature'),
    ('dou/uclr-rhopow1-s1', 'UCLR, per-user rho from activity, p = 1'),
    ('dou/uclr-rhopow1-norm-s1', 'UCLR, per-user rho from the W0 norm, p = 1'),
    ('dou/uclr-prior-s1', 'UCLR, prior temperatures from activity, q = 0.5, level 0.25'),
    ('dou/uclr-bigft-s1', 'UCLR, shrunk scoring, the Amazon finetune (rank 128 + items, lr 1e-3, up to 400 epochs)'),
    ('dou/uclr-bigft-offcand-s1', 'the same with offsets and the shared-vector candidate in stage 1'),
]


def pct(x):
    return '' if x is None or x != x else '%.2f' % (100 * x)


def read_stages(run):
    path = os.path.join(RUNS, run, 'stages.tsv')
    if not os.path.exists(path):
        return None
    lines = open(path).read().strip().split('\n')
    head = lines[0].split('\t')
    return [dict(zip(head, l.split('\t'))) for l in lines[1:]]


def read_epochs(run):
    """Best validation NDCG@10 per domain (and its epoch, epochs run) from Trainer log lines."""
    path = os.path.join(RUNS, run, 'epochs.txt')
    if not os.path.exists(path):
        return None
    best = {}
    for line in open(path):
        m = re.search(r'\[bprmf/(\w+)\] epoch (\d+)/\d+ .*?\(best ([0-9.]+) @(\d+)\)', line)
        if m:
            best[m.group(1)] = (float(m.group(3)), int(m.group(4)), int(m.group(2)))
    return best


def read_training(run):
    """Best validation NDCG@10 per domain (its epoch, epochs run, why it stopped) from a per-domain BPR-MF
    run's training.tsv (stages named bprmf/<domain>); None for other runs."""
    path = os.path.join(RUNS, run, 'training.tsv')
    if not os.path.exists(path) or os.path.exists(os.path.join(RUNS, run, 'stages.tsv')):
        return None
    lines = open(path).read().strip().split('\n')
    head = lines[0].split('\t')
    best = {}
    for line in lines[1:]:
        r = dict(zip(head, line.split('\t')))
        if r['stage'].startswith('bprmf/'):
            best[r['domain']] = (float(r['best_val_ndcg10']), int(r['best_epoch']), int(r['epochs']), r['stopped_by'])
    return best or None


def command(run):
    path = os.path.join(RUNS, run, 'command.txt')
    return open(path).read().strip() if os.path.exists(path) else ''


def stage_table(runs, domains):
    out = ['| run | stage | ' + ' | '.join('%s (all / <=2)' % d for d in domains) + ' | macro |',
           '|---|---|' + '---|' * len(domains) + '---|']
    for run, what in runs:
        trained = read_training(run)
        if trained is not None:
            cells = ['%s (epoch %d of %d, %s)' % (pct(trained[d][0]), trained[d][1], trained[d][2], trained[d][3])
                     if d in trained else 'not run' for d in domains]
            macro = statistics.mean(trained[d][0] for d in domains if d in trained)
            out.append('| %s | best epoch | %s | %s |' % (what, ' | '.join(cells), pct(macro)))
            continue
        ref = read_epochs(run)
        if ref is not None:
            cells = []
            for d in domains:
                if d in ref:
                    v, at, ran = ref[d]
                    cells.append('%s (epoch %d of %d run%s)' % (pct(v), at, ran, '' if ran - at >= 10 or ran == 300
                                                                else ', stopped early by hand'))
                else:
                    cells.append('not run')
            out.append('| %s | best epoch | %s | |' % (what, ' | '.join(cells)))
            continue
        rows = read_stages(run)
        if rows is None:
            continue
        for stage in ['pge', 'pge-shared', 'autoencoder', 'finetune']:
            rr = {r['domain']: r for r in rows if r['stage'] == stage}
            if not rr:
                continue
            cells = []
            for d in domains:
                r = rr.get(d)
                if r is None:
                    cells.append('')
                    continue
                k = r.get('prior_weight', '')
                note = (' [%s%s]' % (r['scores_from'], ', k=' + k if k else '')) if stage != 'pge' else ''
                cells.append('%s / %s%s' % (pct(float(r['val_ndcg10'])), pct(float(r['val_ndcg10_low'])), note))
            macro = statistics.mean(float(rr[d]['val_ndcg10']) for d in domains if d in rr)
            out.append('| %s | %s | %s | %s |' % (what, stage, ' | '.join(cells), pct(macro)))
    return '\n'.join(out)


def temperature_table(runs):
    out = ['| run | users | tau min | tau max | ' + ' | '.join('mean tau, activity quintile %d' % q for q in range(1, 6))
           + ' |', '|---|---|---|---|' + '---|' * 5]
    for run, what in runs:
        path = os.path.join(RUNS, run, 'temperatures.tsv')
        if not os.path.exists(path):
            continue
        rows = [l.split('\t') for l in open(path).read().strip().split('\n')[1:]]
        rows = sorted(((int(a), float(t)) for _, a, t in rows))
        n = len(rows)
        quint = [rows[q * n // 5:(q + 1) * n // 5] for q in range(5)]
        cells = ['%.4f (n %d-%d)' % (statistics.mean(t for _, t in g), g[0][0], g[-1][0]) for g in quint]
        taus = [t for _, t in rows]
        out.append('| %s | %d | %.4f | %.4f | %s |' % (what, n, min(taus), max(taus), ' | '.join(cells)))
    return '\n'.join(out)


def commands(runs):
    out = []
    for run, what in runs:
        c = command(run)
        if c:
            out.append('- `%s` (%s):\n\n  ```\n  %s\n  ```' % (run, what, c.replace('\n', '\n  ')))
    return '\n'.join(out)


def main():
    intro = open(os.path.join(HERE, 'intro.md')).read().strip()
    text = [intro, '',
            '## Amazon (book, music, video, dvd; 1,734 users), seed 1, validation NDCG@10 in %', '',
            'Each cell: all validation users / users with <= 2 training interactions in the domain; after a stage, '
            '[which stage the domain\'s scores come from, and the shrunk prior weight k]. The per-domain BPR-MF '
            'row is the best epoch of its training log (all users only).', '',
            stage_table(AMAZON, ['book', 'music', 'video', 'dvd']), '',
            '## Douban (books, music; 1,604 users), seed 1, validation NDCG@10 in %', '',
            stage_table(DOUBAN, ['books', 'music']), '',
            '## Temperatures by activity (Douban, seed 1; temperatures.tsv, users in quintiles of training '
            'interactions over all domains)', '',
            temperature_table(DOUBAN), '',
            open(os.path.join(HERE, 'findings.md')).read().strip(), '',
            '## Commands', '',
            commands(AMAZON + DOUBAN), '']
    open(os.path.join(HERE, 'README.md'), 'w').write('\n'.join(text))


if __name__ == '__main__':
    main()
