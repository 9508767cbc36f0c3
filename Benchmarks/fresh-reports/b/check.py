import json, sys
D='/work/main/Benchmarks/fresh-reports/b/'
t=json.load(open(D+'truth.json'))
sides=set(t['sides']); bad=0
KINDS={'country','province','region','district','city','town','village','river','fac','mountain'}
ACTIONS={'captured','holds','regained','lost','attacked','contested','denied'}
for fn,a in t['articles'].items():
    text=open(D+fn).read()
    pl={p['place'] for p in a['places']}
    for p in a['places']:
        if p['kind'] not in KINDS: print(fn,'kind',p); bad+=1
        for s in p['surface']:
            if s not in text: print(fn,'surface not in text',s); bad+=1
        if (p['lat'] is None)!=(p['lon'] is None): print(fn,'half coords',p['place']); bad+=1
    for c in a['claims']:
        if c['quote'] not in text: print(fn,'QUOTE',c['quote'][:80]); bad+=1
        if c['place'] not in pl: print(fn,'PLACE',c['place']); bad+=1
        if c['action'] not in ACTIONS: print(fn,'ACTION',c['action']); bad+=1
        act=c['actor']; parts=act.split(' vs ') if ' vs ' in act else [act]
        if not all(x in sides for x in parts) or len(parts)>2: print(fn,'ACTOR',act); bad+=1
        if not isinstance(c['verified'],bool): print(fn,'verified',c); bad+=1
    for k in ('date','places','claims','duplicate_of','notes'):
        if k not in a: print(fn,'missing',k); bad+=1
print('articles',len(t['articles']),'claims',sum(len(a['claims']) for a in t['articles'].values()),'problems',bad)
sys.exit(1 if bad else 0)
