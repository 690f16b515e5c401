#!/usr/bin/env python3
"""Writes validation.md in this folder: VALIDATION NDCG@10 (mean ± sample std over seeds) of every temperature rule
of conf/leaderboard-douban-temperatures.properties, all users and users with <= 2 training interactions, read from
the results.json of each run (its validation_metrics block) as the leaderboard copied them to douban/results/.
The rule chosen as the default is the one with the best validation macro; the test tables are in douban/.
    python3 reports/temperatures/validation_table.py
"""
import glob
import json
import os
import re
import statistics

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, 'douban', 'results')


def mean_std(xs):
    return '%.2f ± %.2f' % (100 * statistics.mean(xs), 100 * statistics.stdev(xs)) if len(xs) > 1 else '%.2f' % (100 * xs[0])


def main():
    runs = {}
    for path in sorted(glob.glob(os.path.join(RESULTS, '*-seed-*.json'))):
        model, seed = re.match(r'(.+)-seed-(\d+)\.json', os.path.basename(path)).groups()
        runs.setdefault(model, {})[int(seed)] = json.load(open(path))['validation_metrics']
    domains = [d['name'] for d in next(iter(next(iter(runs.values())).values()))['domains']]
    head = ['rule', 'seeds'] + ['%s all' % d for d in domains] + ['%s <=2' % d for d in domains] + ['macro']
    rows = []
    for model, by_seed in runs.items():
        cells = [model, str(len(by_seed))]
        for key in ['metrics', 'low']:
            for k, _ in enumerate(domains):
                xs = [v['domains'][k]['metrics']['NDCG@10'] if key == 'metrics'
                      else v['domains'][k]['low_activity']['metrics']['NDCG@10'] for v in by_seed.values()]
                cells.append(mean_std(xs))
        macro = [v['macro']['NDCG@10'] for v in by_seed.values()]
        cells.append(mean_std(macro))
        rows.append((statistics.mean(macro), cells))
    best = max(rows)[1][0]
    out = ['# Temperature rules on Douban: validation NDCG@10 (%)', '',
           'Mean ± sample std over seeds of the final model\'s NDCG@10 on the validation candidates (results.json, '
           '`validation_metrics`); "<=2": users with at most 2 training interactions in the domain. Made by '
           '`python3 reports/temperatures/validation_table.py` from douban/results/. Best validation macro: '
           '**%s**.' % best, '',
           '| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    out += ['| ' + ' | '.join(c) + ' |' for _, c in rows]
    open(os.path.join(HERE, 'validation.md'), 'w').write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
