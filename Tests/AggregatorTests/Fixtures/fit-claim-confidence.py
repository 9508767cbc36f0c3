#!/usr/bin/env python3
"""Learns the claim confidence weights (Sources/Aggregator/ClaimRules.swift, `ClaimConfidence`) from claims-dev.

    conflictmap analyze CLAIMS_DEV/articles/*.txt --format json > claims-dev.json
    python3 Tests/AggregatorTests/Fixtures/fit-claim-confidence.py claims-dev.json CLAIMS_DEV

A claim is right when claims-dev's scorer (score.py) counts it right: some hand-coded claim of its report
at a place within tolerance, of the same side and family of action. The fit uses the even-numbered reports
only; the odd-numbered ones are held out for the calibration table (mean confidence against observed
precision per bucket).

Model (the same as `ClaimConfidence.of`): confidence = sigmoid(logit(base[kind]) + sum of weight[feature]).
- base[kind]: the precision of the claims whose rule is of that kind, smoothed toward a prior with
  ALPHA pseudo-claims: (right + ALPHA * prior) / (n + ALPHA).
- weight[feature]: logit(smoothed precision of the claims with the feature) minus logit(smoothed
  precision of those without), each smoothed the same way (toward the feature's prior, and toward
  the overall prior for those without).
- The sign of each weight is fixed by the design: every feature names a reading that reaches further
  than a named actor at a named place, so none may raise the confidence. A weight the data would make
  larger than -MIN_PENALTY (no loss seen, as for pronouns: every one read right in the training half)
  is -MIN_PENALTY; the data sets the size of a penalty only where it shows one.
The priors state the design (a named actor and place is read more surely than a pronoun or "the city");
with few wrong claims in the data they dominate, and the script says how many claims each estimate rests on.
"""
import json, math, os, re, sys

ALPHA = 4.0
MIN_PENALTY = 0.25
KIND_PRIOR = {'direct': 0.93, 'construction': 0.88, 'inferredActor': 0.82, 'carriedActor': 0.82,
              'acrossSentences': 0.72, 'presence': 0.78}
UNKNOWN_BASE = 0.75
OVERALL_PRIOR = 0.9
FEATURE_PRIOR = {'actorPronoun': 0.75, 'actorDescription': 0.82, 'placeDescription': 0.78, 'partial': 0.85,
                 'ranged': 0.85, 'origin': 0.8}
PRONOUNS = {"it", "they", "he", "she", "we", "i", "its", "their", "them", "his", "her", "our", "us", "itself", "themselves"}
HERE = os.path.dirname(os.path.abspath(__file__))
RULES_SWIFT = os.path.join(HERE, '..', '..', '..', 'Sources', 'Aggregator', 'ClaimRules.swift')


def rule_kinds():
    text = open(RULES_SWIFT, encoding='utf-8').read()
    return dict(re.findall(r'ClaimRule\("(\w+)", \.(\w+),', text))


def is_description(written):
    s = (written or '').strip()
    for article in ('the ', 'a ', 'an ', 'The ', 'A ', 'An '):
        if s.startswith(article):
            s = s[len(article):]
            break
    return bool(s) and s[0].islower()


def features(c):
    out = []
    actor = (c.get('actor_text') or '').strip().lower()
    if actor in PRONOUNS:
        out.append('actorPronoun')
    elif is_description(c.get('actor_text')):
        out.append('actorDescription')
    if is_description(c.get('place_text')):
        out.append('placeDescription')
    if c.get('partial'):
        out.append('partial')
    if c.get('ranged'):
        out.append('ranged')
    if c.get('role') == 'origin':
        out.append('origin')
    return out


def labelled(pred, truth, score, checks):
    """(file, claim, right) for every predicted claim, right as score.py's claim precision counts it."""
    docs = {d['id']: d for d in pred.get('documents', [])}
    doc_file = {i: os.path.basename(d.get('path') or d.get('id')) for i, d in docs.items()}
    places = {p['id']: p for p in pred.get('places', [])}
    out = []
    for c in pred.get('claims', []):
        f = doc_file.get(c.get('document'))
        art = truth.get(f)
        if art is None:
            continue
        p = places.get(c.get('place'))
        ok = False
        for t in art['claims']:
            tp = next((x for x in art['places'] if x['place'] == t['place']), None)
            if not tp or tp.get('lat') is None:
                continue
            if not p or p.get('lat') is None:
                break
            if checks.km(p['lat'], p['lon'], tp['lat'], tp['lon']) > checks.tolerance_km(tp['kind']):
                continue
            fam = score.FAMILY.get(t['action'])
            if fam == 'denied':
                if c.get('denied'):
                    ok = True
                    break
                continue
            if score.FAMILY.get(str(c.get('action', '')).lower()) != fam:
                continue
            tside = score.sides(t['actor'])
            if tside and not (tside & score.sides(c.get('actor'))):
                continue
            ok = True
            break
        out.append((f, c, ok))
    return out


def smoothed(right, n, prior):
    return (right + ALPHA * prior) / (n + ALPHA)


def logit(p):
    return math.log(p / (1 - p))


def confidence(c, kinds, base, weights):
    p = base.get(kinds.get(c.get('rule')), UNKNOWN_BASE)
    x = logit(p) + sum(weights[f] for f in features(c))
    v = min(0.99, max(0.05, 1 / (1 + math.exp(-x))))
    return math.floor(v * 100 + 0.5) / 100  # as Swift's rounded(): halves away from zero


def main(pred_path, dev_dir):
    sys.path.insert(0, dev_dir)
    import score, checks
    pred = json.load(open(pred_path))
    truth = json.load(open(os.path.join(dev_dir, 'truth.json')))['articles']
    kinds = rule_kinds()
    rows = labelled(pred, truth, score, checks)
    unknown = sorted({c.get('rule') for _, c, _ in rows if c.get('rule') not in kinds})
    if unknown:
        print('claims with rules not in ClaimRules.swift:', unknown, file=sys.stderr)
    train = [(c, ok) for f, c, ok in rows if int(f[:2]) % 2 == 0]
    test = [(c, ok) for f, c, ok in rows if int(f[:2]) % 2 == 1]

    base = {}
    print(f'# fit on {len(train)} claims of the even-numbered reports ({sum(ok for _, ok in train)} right)')
    print('# kind: right/n -> base')
    for kind, prior in KIND_PRIOR.items():
        sel = [ok for c, ok in train if kinds.get(c.get('rule')) == kind]
        base[kind] = round(smoothed(sum(sel), len(sel), prior), 3)  # three decimals, as the Swift tables have them
        print(f'#   {kind}: {sum(sel)}/{len(sel)} (prior {prior}) -> {base[kind]:.3f}')
    weights = {}
    print('# feature: right/n with, right/n without -> weight (log-odds)')
    for feat, prior in FEATURE_PRIOR.items():
        w = [ok for c, ok in train if feat in features(c)]
        wo = [ok for c, ok in train if feat not in features(c)]
        p_with = smoothed(sum(w), len(w), prior)
        p_without = smoothed(sum(wo), len(wo), OVERALL_PRIOR)
        fitted = logit(p_with) - logit(p_without)
        weights[feat] = round(min(fitted, -MIN_PENALTY), 3)
        print(f'#   {feat}: {sum(w)}/{len(w)}, {sum(wo)}/{len(wo)} -> {fitted:+.3f}, used {weights[feat]:+.3f}')

    print('\n// Swift (ClaimConfidence):')
    print('public static let base: [ClaimRule.Kind: Double] = [')
    print('    ' + ', '.join(f'.{k}: {v:.3f}' for k, v in base.items()) + ',')
    print(']')
    print('public static let weights: [Feature: Double] = [')
    print('    ' + ', '.join(f'.{k}: {v:.3f}' for k, v in weights.items()) + ',')
    print(']')

    for name, part in (('held-out (odd-numbered reports)', test), ('training (even-numbered reports)', train)):
        print(f'\n# calibration, {name}: {len(part)} claims, {sum(ok for _, ok in part)} right')
        print('| confidence | claims | mean confidence | observed precision |')
        print('|---|---|---|---|')
        buckets = [(0.0, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
        for lo, hi in buckets:
            sel = [(confidence(c, kinds, base, weights), ok) for c, ok in part if lo <= confidence(c, kinds, base, weights) < hi]
            if not sel:
                print(f'| {lo:.1f}–{min(hi, 1):.1f} | 0 | – | – |')
                continue
            mean = sum(v for v, _ in sel) / len(sel)
            prec = sum(ok for _, ok in sel) / len(sel)
            print(f'| {lo:.1f}–{min(hi, 1):.1f} | {len(sel)} | {mean:.3f} | {prec:.3f} ({sum(ok for _, ok in sel)}/{len(sel)}) |')
        if part:
            mean = sum(confidence(c, kinds, base, weights) for c, _ in part) / len(part)
            brier = sum((confidence(c, kinds, base, weights) - ok) ** 2 for c, ok in part) / len(part)
            print(f'| all | {len(part)} | {mean:.3f} | {sum(ok for _, ok in part) / len(part):.3f} | Brier {brier:.4f}')
        wrong = [c for c, ok in part if not ok]
        for c in wrong:
            print(f'#   wrong: {c.get("actor")} {c.get("action")} {c.get("place")} rule={c.get("rule")} '
                  f'features={features(c)} confidence={confidence(c, kinds, base, weights)}')
    # Check against the binary's own confidences, when the input has them.
    if rows and 'confidence' in rows[0][1]:
        off = [c for _, c, _ in rows if abs(c['confidence'] - confidence(c, kinds, base, weights)) > 1e-9]
        print(f'\n# binary agrees with this fit on {len(rows) - len(off)}/{len(rows)} claims')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
