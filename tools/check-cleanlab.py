#!/usr/bin/env python3
# Compares `cairn cleanse --labels --probs --json` with cleanlab (2.x, on PYTHONPATH) on random
# tables: thresholds, the confident joint before and after calibration, num_label_issues and the
# ranked issues of every filter, exactly.
#   tools/check-cleanlab.py build/cairn [TRIALS] [SEED]
# cleanlab sorts with numpy's default argsort, whose order of ties depends on the CPU; Cairn
# keeps ties in dataset order, so the reference runs with a stable argsort.
import json, os, subprocess, sys, tempfile
import numpy as np
import warnings; warnings.filterwarnings('ignore')
_as = np.argsort
np.argsort = lambda a, *args, **kw: _as(a, kind="stable")
from cleanlab.filter import find_label_issues
from cleanlab.count import compute_confident_joint, num_label_issues, get_confident_thresholds
from cleanlab.internal.util import value_counts_fill_missing_classes
cairn = sys.argv[1]
trials = int(sys.argv[2]) if len(sys.argv) > 2 else 50
rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
filters = ['prune_by_noise_rate', 'prune_by_class', 'both', 'confident_learning', 'predicted_neq_given']
bad = 0
d = tempfile.mkdtemp()
for t in range(trials):
    K = int(rng.integers(2, 7)); N = int(rng.integers(5, 400))
    labels = rng.integers(0, K, N)
    if len(set(labels)) < 2: continue
    raw = rng.random((N, K)) ** float(rng.choice([0.3, 1, 3]))
    raw[np.arange(N), labels] += rng.random(N) * float(rng.choice([0, 1, 3]))
    probs = raw / raw.sum(axis=1, keepdims=True)
    dec = int(rng.choice([1, 2, 17]))
    probs = np.round(probs, dec)
    probs = np.clip(probs, 0, 1)
    with open(d + '/labels.csv', 'w') as f:
        f.write('id,label\n'); [f.write(f'e{i},{labels[i]}\n') for i in range(N)]
    with open(d + '/probs.csv', 'w') as f:
        f.write('id,' + ','.join(f'c{j}' for j in range(K)) + '\n')
        for i in range(N): f.write(f'e{i},' + ','.join(repr(float(x)) for x in probs[i]) + '\n')
    probs = np.array([[float(repr(float(x))) for x in r] for r in probs])
    cj0 = compute_confident_joint(labels, probs, calibrate=False)
    cj1 = compute_confident_joint(labels, probs, calibrate=True)
    th = get_confident_thresholds(labels, probs)
    nli = num_label_issues(labels, probs)
    for flt in filters:
        for rank in ['self_confidence', 'normalized_margin']:
            ref = find_label_issues(labels, probs, filter_by=flt, return_indices_ranked_by=rank, n_jobs=1)
            out = subprocess.run([cairn, 'cleanse', '--labels', d + '/labels.csv', '--probs', d + '/probs.csv', '--filter', flt, '--rank-by', rank, '--json'], capture_output=True, text=True)
            if out.returncode != 0:
                print('FAIL run', t, flt, out.stderr); bad += 1; continue
            o = json.loads(out.stdout)
            got = [int(x['id'][1:]) for x in o['issues']]
            problems = []
            if o['thresholds'] != [float(x) for x in th]: problems.append(('thresholds', o['thresholds'], list(th)))
            if o['confident_joint'] != cj0.tolist(): problems.append(('cj', o['confident_joint'], cj0.tolist()))
            if o['confident_joint_calibrated'] != cj1.tolist(): problems.append(('cal', o['confident_joint_calibrated'], cj1.tolist()))
            if o['num_label_issues'] != int(nli): problems.append(('nli', o['num_label_issues'], int(nli)))
            if got != [int(x) for x in ref]:
                same_set = set(got) == set(int(x) for x in ref)
                problems.append(('issues', 'same set' if same_set else 'different set', len(got), len(ref)))
            if problems:
                bad += 1
                print('MISMATCH trial', t, 'K', K, 'N', N, 'dec', dec, flt, rank, problems[:3])
print('trials', trials, 'mismatches', bad)
sys.exit(1 if bad else 0)
