// The report's style sheet and script, inline: the page loads nothing. Neither uses `<` or `&`,
// so that the page stays well-formed XML.

enum HTMLAssets {
    static let css = """
        :root { color-scheme: light; --ink: #1d1d1f; --muted: #5a5a5f; --rule: #d0d0d6; --mark: #ffe08a; --focus: #0b57d0; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 "DejaVu Sans", "Noto Sans", system-ui, sans-serif; color: var(--ink); background: #fff; }
        header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 20px; }
        header { padding-top: 16px; }
        h1 { font-size: 1.6rem; margin: 0.2em 0; }
        h2 { font-size: 1.25rem; margin: 1.2em 0 0.4em; }
        h3 { font-size: 1.05rem; margin: 0.8em 0 0.3em; }
        .as-of { margin: 0.2em 0; font-size: 1.05rem; }
        .counts, .hint, footer { color: var(--muted); }
        .hint { margin-top: 0; }
        .map-and-panel { display: flex; gap: 16px; align-items: flex-start; }
        figure.map { flex: 1 1 auto; margin: 0; min-width: 0; border: 1px solid var(--rule); }
        svg.map { display: block; width: 100%; height: auto; }
        svg.map #ids [role=button] { cursor: pointer; }
        svg.map #ids [role=button]:focus { outline: none; stroke: var(--focus); stroke-width: 4; stroke-opacity: 1; }
        svg.map #ids .selected { stroke: var(--focus); stroke-width: 3; stroke-opacity: 1; }
        #panel { flex: 0 0 360px; max-height: calc(100vh - 24px); overflow-y: auto; position: sticky; top: 12px;
                 border: 1px solid var(--rule); padding: 0 14px 12px; background: #fafafc; }
        #panel h2 { margin-top: 0.6em; }
        #panel .item { border-top: 1px solid var(--rule); padding: 8px 0; }
        #panel .what { font-weight: bold; margin: 0; }
        #panel blockquote { margin: 4px 0; padding-left: 10px; border-left: 3px solid var(--rule); }
        #panel .meta { color: var(--muted); font-size: 0.88rem; margin: 0; }
        .flag { display: inline-block; padding: 0 5px; border-radius: 3px; background: #eee; font-size: 0.8rem; margin-right: 4px; }
        .flag.denied { background: #f6d5d5; }
        .flag.hedged { background: #f3e6c4; }
        mark { background: var(--mark); color: inherit; padding: 0 1px; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 0.86rem; }
        th, td { border: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
        thead th { background: #f0f0f4; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.sentence { min-width: 22em; }
        td.link { word-break: break-all; }
        code { font-size: 0.85em; }
        tr:target { outline: 2px solid var(--focus); }
        button[data-show] { font: inherit; color: #0b57d0; background: none; border: none; padding: 0; text-align: left; cursor: pointer; text-decoration: underline; }
        button[data-show]:focus-visible, a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
        footer { padding: 12px 20px 24px; font-size: 0.85rem; }
        @media (max-width: 900px) { .map-and-panel { display: block; } #panel { position: static; max-height: none; margin-top: 12px; } }
        @page { margin: 12mm; }
        @media print {
          body { font-size: 9pt; }
          header, main, footer { max-width: none; padding: 0; }
          #panel, .hint { display: none; }
          .map-and-panel { display: block; }
          figure.map { border: none; break-inside: avoid; page-break-inside: avoid; }
          .table-wrap { overflow: visible; }
          table { font-size: 7.5pt; }
          thead { display: table-header-group; }
          tr, li { break-inside: avoid; page-break-inside: avoid; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          button[data-show] { color: inherit; text-decoration: none; }
          a { color: inherit; }
        }
        """

    static let script = """
        (function () {
          'use strict';
          var source = document.getElementById('evidence-data');
          var data = JSON.parse(source ? source.textContent : '{}');
          var places = data.places || {}, documents = data.documents || {}, evidence = data.evidence || {};
          var heading = document.getElementById('panel-place');
          var summary = document.getElementById('panel-summary');
          var body = document.getElementById('panel-body');
          function el(tag, text, cls) {
            var e = document.createElement(tag);
            if (text) { e.textContent = text; }
            if (cls) { e.className = cls; }
            return e;
          }
          function quote(s) {
            var q = el('blockquote');
            q.appendChild(document.createTextNode(s.before));
            if (s.mark) { q.appendChild(el('mark', s.mark)); }
            q.appendChild(document.createTextNode(s.after));
            return q;
          }
          function cite(item) {
            var d = documents[item.document] || { title: item.document, copies: [], anchor: 'sources', source: '' };
            var p = el('p', null, 'meta');
            var parts = [d.outlet || 'outlet unknown', item.date || d.date || 'undated'];
            p.appendChild(document.createTextNode(parts.join(' \\u00b7 ') + ' \\u00b7 '));
            if (d.url) {
              var a = el('a', d.title);
              a.href = d.url;
              a.rel = 'noreferrer noopener';
              p.appendChild(a);
            } else {
              var local = el('a');
              local.href = '#' + d.anchor;
              local.appendChild(el('cite', d.title));
              p.appendChild(local);
            }
            var copies = d.copies.length ? ' \\u2014 ' + d.source + ', with ' + d.copies.length + ' cop' + (d.copies.length === 1 ? 'y' : 'ies') + ' of the story: ' + d.copies.join('; ') : ' \\u2014 ' + d.source + ', no copies';
            p.appendChild(document.createTextNode(copies));
            return p;
          }
          function claimItem(item) {
            var box = el('div', null, 'item claim');
            box.setAttribute('data-claim', item.claim);
            var what = el('p', (item.number ? item.number + '. ' : '') + item.what, 'what');
            box.appendChild(what);
            var status = el('p', null, 'meta');
            if (item.denied) { status.appendChild(el('span', 'denied', 'flag denied')); }
            if (item.hedged) { status.appendChild(el('span', 'hedged', 'flag hedged')); }
            status.appendChild(document.createTextNode(item.status + '; claimant: ' + item.claimant));
            box.appendChild(status);
            box.appendChild(quote(item.sentence));
            box.appendChild(cite(item));
            return box;
          }
          function mentionItem(item) {
            var box = el('div', null, 'item mention');
            box.appendChild(quote(item.sentence));
            box.appendChild(cite(item));
            return box;
          }
          function show(placeID) {
            var place = places[placeID];
            if (!place) { return; }
            var items = evidence[placeID] || [];
            var claims = items.filter(function (i) { return i.kind === 'claim'; });
            var mentions = items.filter(function (i) { return i.kind === 'mention'; });
            heading.textContent = place.name;
            summary.textContent = place.summary;
            body.textContent = '';
            body.setAttribute('data-place', placeID);
            body.appendChild(el('h4', claims.length ? 'Claims (' + claims.length + ')' : 'No claims'));
            claims.forEach(function (i) { body.appendChild(claimItem(i)); });
            body.appendChild(el('h4', mentions.length ? 'Mentions (' + mentions.length + ')' : 'No mentions'));
            mentions.forEach(function (i) { body.appendChild(mentionItem(i)); });
            document.querySelectorAll('svg.map #ids .selected').forEach(function (e) { e.classList.remove('selected'); });
            document.querySelectorAll('svg.map #ids [data-place]').forEach(function (e) {
              if (e.getAttribute('data-place') === placeID) { e.classList.add('selected'); }
            });
          }
          function targetOf(node) {
            if (!node || !node.closest) { return null; }
            return node.closest('svg.map [data-place], [data-show]');
          }
          function placeOf(t) { return t.getAttribute('data-show') || t.getAttribute('data-place'); }
          document.addEventListener('click', function (e) {
            var t = targetOf(e.target);
            if (t) { show(placeOf(t)); }
          });
          document.addEventListener('keydown', function (e) {
            if (e.key !== 'Enter') {
              if (e.key !== ' ') { return; }
            }
            var t = e.target;
            if (!t || !t.matches || !t.matches('svg.map #ids [role=button]')) { return; }
            e.preventDefault();
            show(placeOf(t));
          });
        })();
        """
}
