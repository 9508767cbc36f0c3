import json, os, sys
D = os.path.dirname(os.path.abspath(__file__))
t = json.load(open(os.path.join(D, 'truth.json')))
sides = set(t['sides'])
ACTIONS = {'captured','holds','regained','lost','attacked','contested','denied'}
KINDS = {'country','province','region','district','city','town','village','river','fac','mountain'}
bad = 0
for fn, a in t['articles'].items():
    text = open(os.path.join(D, fn)).read()
    names = {p['place'] for p in a['places']}
    for p in a['places']:
        if p['kind'] not in KINDS: print(fn, 'bad kind', p); bad += 1
        for s in p['surface']:
            if s not in text: print(fn, 'surface not in text', s); bad += 1
        if (p['lat'] is None) != (p['lon'] is None): print(fn, 'half coords', p['place']); bad += 1
    for c in a['claims']:
        if c['quote'] not in text: print(fn, 'quote not found:', c['quote'][:70]); bad += 1
        if c['place'] not in names: print(fn, 'place not listed:', c['place']); bad += 1
        if c['action'] not in ACTIONS: print(fn, 'bad action', c['action']); bad += 1
        parts = c['actor'].split(' vs ')
        if not all(x in sides for x in parts) or len(parts) > 2: print(fn, 'bad actor', c['actor']); bad += 1
        if not isinstance(c['verified'], bool): print(fn, 'verified not bool'); bad += 1
    if 'date' not in a: print(fn, 'no date'); bad += 1
    print(f"{fn}: {len(a['places'])} places, {len(a['claims'])} claims, counts " + ', '.join(f"{p['surface'][0]}={p['count']}" for p in a['places']))
print('FAILURES:', bad); sys.exit(1 if bad else 0)
