#!/usr/bin/env python3
"""Writes SEEDS.md of this folder: UCLR configurations compared over several seeds, from the runs under
runs/<group>/<config>-s<seed>/ (each: command.txt, results.json, stages.tsv), or for a configuration named
"board:<dataset>/<model>" the leaderboard runs the committed report reports/<dataset>/ used (its copies
results/<model>-seed-<seed>.json, which match the conf files of the report's commit).
Validation NDCG@10 chooses; test NDCG@10 is shown for the record only. Each later configuration of a comparison
is tested against its first (paired over seeds). "a+b": one configuration whose seeds come from lab folders (a) or
leaderboard runs (b). "<group>/<config>": the lab folders runs/<group>/<config>-s<seed>/ of another group; runs/board-kept/
holds the leaderboard runs recorded with uclr.shrink.weights=kept before the Amazon files took none (stop 27).
A group with no run folder yet is skipped.
Every number comes from those files; rerun after adding runs:
    python3 reports/uclr-choices/seeds.py
"""
import json
import os
import statistics

from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = os.path.join(HERE, 'runs')

# (group, dataset label, [(config folder prefix, what it is)], the configuration that is the baseline of the test)
COMPARISONS = [
    ('dou5', 'Douban (books, music; 1,604 users)', [
        ('current', 'conf/uclr-douban.properties as of stop 20 (paper settings: stage 1 without offsets, '
                    'LoRA rank 8 at lr 1e-2 on the users only, decoded scoring)'),
        ('levers', 'the Amazon levers: stage 1 with user offsets and the shared-vector candidate, LoRA rank 128 '
                   'with the items at lr 1e-3 up to 400 epochs (patience 20), shrunk scoring'),
    ]),
    ('amzlg', 'Amazon (book, music, video, dvd; 1,734 users), UCLR on the LightGCN backbone and the per-domain model', [
        ('board-kept/uclr-lightgcn', 'conf/uclr-lightgcn-amazon.properties with uclr.shrink.weights=kept (the '
                                     'leaderboard run before stop 27)'),
        ('board:amazon-cdtf/lightgcn', 'per-domain LightGCN, conf/lightgcn-amazon.properties (the leaderboard run; '
                                       'the per-domain model of the two rows below, to the bit)'),
        ('route+board-kept/uclr-lightgcn-route', 'the same with uclr.domain.model=route: users with more than t '
                  'training interactions in a domain scored by its per-domain LightGCN, the others by UCLR; t per domain '
                  'on validation (seeds 4-5: lab runs; seeds 1-2: the leaderboard runs of '
                  'conf/uclr-lightgcn-route-amazon.properties, the same keys)'),
        ('stage1', 'the same with uclr.domain.model=stage1: each domain\'s stage 1 the better on validation of the '
                   'joint LightGCN and its per-domain LightGCN'),
    ]),
    ('amzlg-tr', 'Amazon, LightGCN backbone: the whole pipeline with uclr.shrink.weights=trained or none', [
        ('board-kept/uclr-lightgcn', 'conf/uclr-lightgcn-amazon.properties with uclr.shrink.weights=kept (the '
                                     'leaderboard run before stop 27)'),
        ('off-trained', 'the same with uclr.shrink.weights=trained'),
        ('off-none', 'the same with uclr.shrink.weights=none'),
    ]),
    ('amzlg-tr', 'Amazon, LightGCN backbone: routing with uclr.shrink.weights=trained or none', [
        ('board-kept/uclr-lightgcn-route', 'conf/uclr-lightgcn-route-amazon.properties with '
                                           'uclr.shrink.weights=kept (the leaderboard run before stop 27)'),
        ('route-trained', 'the same with uclr.shrink.weights=trained'),
        ('route-none', 'the same with uclr.shrink.weights=none'),
    ]),
    ('amzlg-ae', 'Amazon, LightGCN backbone: the autoencoder stage with uclr.shrink.weights=trained (PGE+UCL-AE, no finetune)', [
        ('board-kept/uclr-pge-ucl-ae-lightgcn', 'conf/uclr-pge-ucl-ae-amazon.properties (the leaderboard run before stop 27; '
                                                      'uclr.shrink.weights=kept: a domain whose autoencoder lost is '
                                                      'offered its untrained start)'),
        ('ucl-trained-e100', 'the same with uclr.shrink.weights=trained (the stage\'s own best epoch is offered)'),
        ('ucl-trained-e1000', '... and uclr.epochs.max=1000 (stops by patience: the autoencoder converged)'),
        ('ucl-trained-h256-128', '... and uclr.hidden=256,128 (a 128-d bottleneck instead of 32)'),
        ('ucl-trained-alpha1', '... and uclr.alpha=1 (reconstruction weighted 1000x more)'),
    ]),
    ('amzlg-none', 'Amazon, LightGCN backbone: uclr.shrink.weights=none (the Amazon files since stop 27) against kept', [
        ('board-kept/uclr-lightgcn', 'conf/uclr-lightgcn-amazon.properties with uclr.shrink.weights=kept (the '
                                     'leaderboard runs before stop 27)'),
        ('amzlg-tr/off-none+board:amazon-cdtf/uclr-lightgcn', 'the same with none (seeds 1-2: the lab runs above; '
                                                              'later seeds: the leaderboard runs)'),
    ]),
    ('amzlg-none', 'Amazon, LightGCN backbone: routing with uclr.shrink.weights=none against kept', [
        ('board-kept/uclr-lightgcn-route+amzlg/route', 'conf/uclr-lightgcn-route-amazon.properties with '
                                                       'uclr.shrink.weights=kept (seeds 1-2: the leaderboard runs '
                                                       'before stop 27; 4-5: lab runs with the same keys)'),
        ('amzlg-tr/route-none+board-route-nofinetune/uclr-lightgcn-route', 'the same with none (seeds 1-2: the lab runs '
                                                                      'above; later seeds: the leaderboard runs)'),
    ]),
    ('amzlg-none', 'Amazon, LightGCN backbone: routing with uclr.route.finetune=true (stop 27)', [
        ('board-route-nofinetune/uclr-lightgcn-route', 'conf/uclr-lightgcn-route-amazon.properties before stop 28 '
                                                       '(uclr.shrink.weights=none, no uclr.route.finetune; the leaderboard '
                                                       'runs it had)'),
        ('routeft-none', 'the same with uclr.route.finetune=true: the per-domain LightGCN gets stage 3 before the '
                         'thresholds are chosen (lab runs from the leaderboard runs\' stage-1 caches; since stop 28 '
                         'the leaderboard\'s route row)'),
    ]),
    ('dou-route', 'Douban (books, music; 1,604 users), LightGCN backbone: routing with uclr.route.finetune=true (stop 31)', [
        ('douban-route-nofinetune/uclr-lightgcn-route', 'conf/uclr-lightgcn-route-douban.properties before stop 31 '
                                                        '(no uclr.route.finetune; the leaderboard runs it had)'),
        ('routeft', 'the same with uclr.route.finetune=true (lab runs from the leaderboard runs\' stage-1 caches; '
                    'since stop 31 the leaderboard\'s route row)'),
    ]),
    ('board', 'Amazon (book, music, video, dvd; 1,734 users), the leaderboard\'s UCLR rows on the LightGCN backbone', [
        ('board:amazon-cdtf/uclr-lightgcn', 'conf/uclr-lightgcn-amazon.properties with uclr.shrink.weights=none (the paper\'s UCLR on the LightGCN '
                                            'backbone; the Amazon reference)'),
        ('board:amazon-cdtf/uclr-lightgcn-route', 'conf/uclr-lightgcn-route-amazon.properties (the same with '
                                                  'uclr.domain.model=route and, since stop 28, uclr.route.finetune=true)'),
        ('board:amazon-cdtf/lightgcn', 'per-domain LightGCN, conf/lightgcn-amazon.properties (the per-domain model '
                                       'of the route row, to the bit)'),
    ]),
]
REPORTS = os.path.join(HERE, '..')


def pct(x):
    return '%.2f' % (100 * x)


def mean_std(values):
    if len(values) < 2:
        return pct(values[0]) if values else ''
    return '%.2f ± %.2f' % (100 * statistics.mean(values), 100 * statistics.stdev(values))


def load(folder):
    with open(os.path.join(folder, 'results.json')) as f:
        return json.load(f)


def ndcg(block):
    return block['metrics']['NDCG@10']


def low(block):
    return block['low_activity']['metrics']['NDCG@10']


def runs_of(group, config):
    if '+' in config:                      # one configuration run both ways: lab folders and leaderboard runs
        out = {}
        for part in config.split('+'):
            for seed, run in runs_of(group, part).items():
                out.setdefault(seed, run)
        return out
    out = {}
    if config.startswith('board:'):        # the runs the committed report used (its copies match the conf files)
        dataset, model = config[len('board:'):].split('/')
        base = os.path.join(REPORTS, dataset, 'results')
        for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
            if name.startswith(model + '-seed-') and name.endswith('.json'):
                with open(os.path.join(base, name)) as f:
                    out[int(name[len(model) + 6:-5])] = json.load(f)
        return out
    if '/' in config:                      # "<group>/<config>": lab folders of another group
        group, config = config.split('/', 1)
    base = os.path.join(RUNS, group)
    if not os.path.isdir(base):
        return out
    for name in sorted(os.listdir(base)):
        if name.startswith(config + '-s') and os.path.isfile(os.path.join(base, name, 'results.json')):
            out[int(name[len(config) + 2:])] = load(os.path.join(base, name))
    return out


def section(group, label, configs):
    lines = ['## %s' % label, '']
    by_config = {c: runs_of(group, c) for c, _ in configs}
    seeds = sorted(set.intersection(*[set(r) for r in by_config.values()]))
    first = next(iter(by_config[configs[0][0]].values()))
    domains = [d['name'] for d in first['domains']]
    lines.append('Seeds %s (only seeds every configuration ran). Cells: mean ± sample std over seeds, NDCG@10 in %%; '
                 '"low": users with <= 2 training interactions in the domain.' % ', '.join(map(str, seeds)))
    lines.append('')
    for config, what in configs:
        lines.append('- `%s`: %s' % (config, what))
    lines.append('')
    for split, key in (('validation (chooses)', 'validation'), ('test (for the record only)', 'test')):
        header = '| configuration | ' + ' | '.join('%s (all) | %s (low)' % (d, d) for d in domains) + ' | macro |'
        lines += ['### %s' % split, '', header, '|' + '---|' * (2 * len(domains) + 2)]
        macros = {}
        for config, _ in configs:
            cells = []
            per_seed_macro = []
            for di in range(len(domains)):
                alls, lows = [], []
                for s in seeds:
                    r = by_config[config][s]
                    block = (r['validation_metrics']['domains'] if key == 'validation' else r['domains'])[di]
                    alls.append(ndcg(block))
                    lows.append(low(block))
                cells += [mean_std(alls), mean_std(lows)]
            for s in seeds:
                r = by_config[config][s]
                blocks = r['validation_metrics']['domains'] if key == 'validation' else r['domains']
                per_seed_macro.append(statistics.mean(ndcg(b) for b in blocks))
            macros[config] = per_seed_macro
            lines.append('| `%s` | %s | %s |' % (config, ' | '.join(cells), mean_std(per_seed_macro)))
        lines.append('')
        if len(seeds) >= 2:
            a = configs[0][0]
            for b, _ in configs[1:]:
                diff = [y - x for x, y in zip(macros[a], macros[b])]
                t = stats.ttest_rel(macros[b], macros[a])
                lines.append('Macro NDCG@10, `%s` minus `%s`, per seed: %s; paired two-sided t-test over seeds '
                             '(scipy.stats.ttest_rel): p = %.4g.' % (b, a, ', '.join('%+.2f' % (100 * d) for d in diff),
                                                                     t.pvalue))
                lines.append('')
    return lines


def main():
    lines = ['# UCLR configurations over several seeds (issue 15)', '',
             'Generated by `python3 reports/uclr-choices/seeds.py` from the run folders under `runs/` (each holds '
             'the command that made it, with the jars\' code version). Choices are made on validation NDCG@10; '
             'test is printed for the record only.', '']
    for group, label, configs in COMPARISONS:
        if all(runs_of(group, c) for c, _ in configs):
            lines += section(group, label, configs)
    with open(os.path.join(HERE, 'SEEDS.md'), 'w') as f:
        f.write('\n'.join(lines))


if __name__ == '__main__':
    main()
