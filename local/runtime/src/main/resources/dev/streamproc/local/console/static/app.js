// The local console's pages. Every value that comes from the stack (records, items, logs, names) reaches the page
// only as text: DOM nodes are built with createElement / textContent, never from HTML strings, and control
// characters are shown as visible escapes. Routes live in the URL's hash, so every view can be bookmarked.
'use strict';

(() => {
  const main = document.getElementById('main');
  const SVG = 'http://www.w3.org/2000/svg';
  const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
  let token = null;
  let timers = [];
  let renderId = 0;

  // ---------------------------------------------------------------- safe DOM

  /** The text with control and direction characters as \uXXXX (newlines kept when asked, for multi-line views). */
  function visible(value, keepNewlines) {
    const text = value === null || value === undefined ? '' : String(value);
    return text.replace(CONTROL, c => (keepNewlines && (c === '\n' || c === '\t')) ? c
      : '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  }

  /** An element; string children become text nodes; attributes never include event handlers or raw URLs. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
      else if (key === 'href') el.setAttribute('href', safeHref(value));
      else if (key === 'value') el.value = value;
      else if (key.startsWith('on')) throw new Error('no inline handlers');
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.appendChild(child instanceof Node ? child : document.createTextNode(visible(child)));
    }
    return el;
  }

  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined) continue;
      if (key.startsWith('on')) throw new Error('no inline handlers');
      el.setAttribute(key, String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined) continue;
      el.appendChild(child instanceof Node ? child : document.createTextNode(visible(child)));
    }
    return el;
  }

  /** Only the console's own routes and API downloads may be linked. */
  function safeHref(href) {
    const text = String(href);
    return text.startsWith('#/') || text.startsWith('/api/') ? text : '#/';
  }

  /** A multi-line text block (JSON, logs, payloads): newlines kept, other control characters escaped. */
  function pre(text, attrs) {
    const el = h('pre', attrs);
    el.textContent = visible(text, true);
    return el;
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  function route(path, params) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== '') query.set(k, v);
    const q = query.toString();
    return '#/' + path.map(encodeURIComponent).join('/') + (q ? '?' + q : '');
  }

  function go(path, params) {
    const target = route(path, params);
    if (location.hash === target) render(); else location.hash = target;
  }

  function number(value, unit) {
    if (value === null || value === undefined) return '–';
    const n = Number(value);
    const text = unit === '/s' || unit === 'ms' ? (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1))
      : Math.round(n).toLocaleString('en-US');
    return unit === '/s' ? text + '/s' : unit ? text + ' ' + unit : text;
  }

  function errorBox(e) { return h('div', { class: 'error' }, String(e && e.message ? e.message : e)); }

  function every(ms, fn) { fn(); timers.push(setInterval(fn, ms)); }

  // ---------------------------------------------------------------- API

  async function api(path, options) {
    const response = await fetch('/api' + path, Object.assign({ credentials: 'same-origin', cache: 'no-store' }, options || {}));
    const type = response.headers.get('Content-Type') || '';
    const body = type.startsWith('application/json') ? await response.json() : await response.text();
    if (!response.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
    return body;
  }

  function post(path, body) {
    return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Console-Token': token }, body: JSON.stringify(body) });
  }

  // ---------------------------------------------------------------- router

  function parseHash() {
    const hash = location.hash.replace(/^#\/?/, '');
    const [path, query] = hash.split('?');
    const parts = path ? path.split('/').map(p => decodeURIComponent(p)) : [];
    return { parts, params: new URLSearchParams(query || '') };
  }

  const pages = { '': overview, tables, functions, query: queryPage, streams, archive, failures };

  async function render() {
    timers.forEach(clearInterval);
    timers = [];
    const id = ++renderId;
    const { parts, params } = parseHash();
    const section = parts[0] || '';
    document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.section === section));
    const page = pages[section];
    clear(main);
    if (!page) { main.appendChild(errorBox('No page ' + section)); return; }
    try {
      await page(parts.slice(1), params, () => id === renderId);
    } catch (e) {
      if (id === renderId) main.appendChild(errorBox(e));
    }
  }

  // ---------------------------------------------------------------- overview

  async function overview(parts, params, current) {
    main.appendChild(h('h1', {}, 'Overview'));
    const status = h('p', { class: 'muted', id: 'overview-status' }, 'Sampling…');
    const diagram = h('div', { class: 'diagram', id: 'diagram' });
    const notEmulated = h('div', { id: 'not-emulated' });
    append(main, [status, diagram, notEmulated]);
    let failures = 0;
    every(1000, async () => {
      try {
        const graph = await api('/overview');
        if (!current()) return;
        failures = 0;
        clear(diagram).appendChild(drawGraph(graph));
        status.textContent = 'Stack ' + visible(graph.stack) + ' · live figures, updated ' + new Date(graph.at).toLocaleTimeString('en-GB');
        clear(notEmulated);
        if (graph.notEmulated.length) {
          append(notEmulated, [h('h2', {}, 'In the template, not run locally'),
            h('ul', { class: 'list columns' }, graph.notEmulated.map(n => h('li', {}, n)))]);
        }
      } catch (e) {
        if (++failures === 3) status.textContent = 'The stack does not answer: ' + e.message;
      }
    });
  }

  /** Columns by longest path from the sources; rows in template order. */
  function layout(graph) {
    const incoming = new Map(graph.nodes.map(n => [n.id, []]));
    graph.edges.forEach(e => incoming.has(e.to) && incoming.get(e.to).push(e.from));
    const column = new Map();
    const depth = (id, seen) => {
      if (column.has(id)) return column.get(id);
      if (seen.has(id)) return 0;
      seen.add(id);
      const parents = (incoming.get(id) || []).filter(p => p !== id);
      const d = parents.length ? Math.max(...parents.map(p => depth(p, seen) + 1)) : 0;
      seen.delete(id);
      column.set(id, d);
      return d;
    };
    graph.nodes.forEach(n => depth(n.id, new Set()));
    const columns = [];
    graph.nodes.forEach(n => (columns[column.get(n.id)] = columns[column.get(n.id)] || []).push(n));
    return columns.filter(Boolean);
  }

  function drawGraph(graph) {
    const W = 200, GAP_X = 150, GAP_Y = 30, PAD = 20;
    const heightOf = n => 40 + 16 * n.figures.length;
    const columns = layout(graph);
    const pos = new Map();
    let maxY = 0;
    columns.forEach((nodes, c) => {
      let y = PAD;
      nodes.forEach(n => { pos.set(n.id, { x: PAD + c * (W + GAP_X), y, h: heightOf(n) }); y += heightOf(n) + GAP_Y; });
      maxY = Math.max(maxY, y);
    });
    const width = PAD * 2 + columns.length * W + (columns.length - 1) * GAP_X;
    const svg = s('svg', { width: '100%', viewBox: `0 0 ${width} ${maxY + PAD}`, role: 'img', 'aria-label': 'stack diagram' });
    svg.style.maxWidth = width + 'px';
    svg.appendChild(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      s('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#8795a8' }))));
    const edgeLayer = s('g', {});
    svg.appendChild(edgeLayer);
    graph.edges.forEach(e => {
      const a = pos.get(e.from), b = pos.get(e.to);
      if (!a || !b) return;
      const x1 = a.x + W, y1 = a.y + a.h / 2, x2 = b.x, y2 = b.y + b.h / 2;
      const back = x2 <= x1;
      const d = back ? `M ${a.x + W / 2} ${a.y + a.h} C ${a.x + W / 2} ${a.y + a.h + 40}, ${b.x + W / 2} ${b.y + b.h + 40}, ${b.x + W / 2} ${b.y + b.h}`
        : `M ${x1} ${y1} C ${x1 + GAP_X / 2} ${y1}, ${x2 - GAP_X / 2} ${y2}, ${x2} ${y2}`;
      const mx = back ? (a.x + b.x) / 2 + W / 2 : (x1 + x2) / 2, my = back ? Math.max(a.y + a.h, b.y + b.h) + 30 : (y1 + y2) / 2;
      const g = s('g', { class: 'edge', 'data-edge': e.from + '->' + e.to });
      g.appendChild(s('path', { d }));
      g.appendChild(s('text', { x: mx, y: my - 6 - 13 * e.figures.length / 2, 'text-anchor': 'middle', class: 'label' }, e.label));
      e.figures.forEach((f, i) => g.appendChild(s('text', { x: mx, y: my + 6 + i * 13 - 13 * e.figures.length / 2, 'text-anchor': 'middle', class: 'fig',
        'data-figure': e.from + '->' + e.to + ':' + f.name }, f.name + ' ' + number(f.value, f.unit))));
      edgeLayer.appendChild(g);
    });
    graph.nodes.forEach(n => {
      const p = pos.get(n.id);
      const g = s('g', { class: 'node ' + n.kind, transform: `translate(${p.x} ${p.y})`, 'data-node': n.id });
      g.appendChild(s('rect', { width: W, height: p.h, rx: 6 }));
      g.appendChild(s('text', { x: 10, y: 14, class: 'kind' }, n.kind));
      g.appendChild(s('text', { x: 10, y: 30, class: 'title' }, n.label.length > 25 ? n.label.slice(0, 24) + '…' : n.label));
      n.figures.forEach((f, i) => g.appendChild(s('text', { x: 10, y: 48 + i * 16, class: 'fig', 'data-figure': n.id + ':' + f.name },
        f.name + ': ' + number(f.value, f.unit))));
      g.appendChild(s('title', {}, n.name));
      if (n.link) {
        const link = s('a', { href: safeHref(n.link) });
        link.appendChild(g);
        svg.appendChild(link);
      } else {
        svg.appendChild(g);
      }
    });
    return svg;
  }

  // ---------------------------------------------------------------- tables

  async function tables(parts, params, current) {
    if (parts.length === 0) return tableList();
    return tableExplorer(parts[0], params, current);
  }

  async function tableList() {
    main.appendChild(h('h1', {}, 'Tables'));
    const list = await api('/tables');
    main.appendChild(h('table', { class: 'grid', id: 'tables' },
      h('tr', {}, ['Table', 'Items', 'Partition key', 'Sort key', 'Indexes', 'Status'].map(t => h('th', {}, t))),
      list.map(t => h('tr', {},
        h('td', {}, h('a', { href: route(['tables', t.name]) }, t.name)),
        h('td', { class: 'num' }, number(t.itemCount)),
        h('td', {}, t.key.partitionKey), h('td', {}, t.key.sortKey || '—'),
        h('td', {}, t.indexes.map(i => i.name + ' (' + i.key.partitionKey + (i.key.sortKey ? ', ' + i.key.sortKey : '') + ')').join('; ') || '—'),
        h('td', {}, t.status)))));
  }

  async function tableExplorer(name, params, current) {
    const table = await api('/tables/' + encodeURIComponent(name));
    const mode = params.get('mode') || 'scan';
    const index = params.get('index') || '';
    const keyOf = idx => idx ? table.indexes.find(i => i.name === idx).key : table.key;
    append(main, [h('h1', {}, h('a', { href: '#/tables' }, 'Tables'), ' / ', table.name),
      h('p', { class: 'muted' }, number(table.itemCount) + ' items (DynamoDB\'s count) · partition key ' + table.key.partitionKey
        + (table.key.sortKey ? ' · sort key ' + table.key.sortKey : ''))]);

    const modeSelect = h('select', { id: 'mode' }, h('option', { value: 'scan' }, 'Scan'), h('option', { value: 'query' }, 'Query'));
    modeSelect.value = mode;
    const indexSelect = h('select', { id: 'index' }, h('option', { value: '' }, 'Table: ' + table.name),
      table.indexes.map(i => h('option', { value: i.name }, 'Index: ' + i.name)));
    indexSelect.value = index;
    const pk = h('input', { id: 'pk', placeholder: keyOf(index).partitionKey + ' =', value: params.get('pk') || '' });
    const skOp = h('select', { id: 'skOp' }, ['', '=', '<', '<=', '>', '>=', 'between', 'begins_with'].map(o => h('option', { value: o }, o || '(no sort condition)')));
    skOp.value = params.get('skOp') || '';
    const sk = h('input', { id: 'sk', placeholder: (keyOf(index).sortKey || 'sort key') + ' value', value: params.get('sk') || '' });
    const sk2 = h('input', { id: 'sk2', placeholder: 'and', value: params.get('sk2') || '' });
    const order = h('select', { id: 'order' }, h('option', { value: 'asc' }, 'ascending'), h('option', { value: 'desc' }, 'descending'));
    order.value = params.get('order') || 'asc';
    const limit = h('input', { id: 'limit', type: 'number', min: 1, max: 200, value: params.get('limit') || '25', class: 'narrow' });
    const run = h('button', { id: 'run' }, 'Run');
    const queryFields = h('span', { class: 'row' }, pk, skOp, sk, sk2, order);
    const refresh = () => { queryFields.style.display = modeSelect.value === 'query' ? '' : 'none'; sk2.style.display = skOp.value === 'between' ? '' : 'none'; };
    modeSelect.addEventListener('change', refresh);
    skOp.addEventListener('change', refresh);
    refresh();
    const submit = () => go(['tables', name], { mode: modeSelect.value, index: indexSelect.value, pk: modeSelect.value === 'query' ? pk.value : '',
      skOp: modeSelect.value === 'query' ? skOp.value : '', sk: modeSelect.value === 'query' && skOp.value ? sk.value : '',
      sk2: modeSelect.value === 'query' && skOp.value === 'between' ? sk2.value : '', order: modeSelect.value === 'query' && order.value === 'desc' ? 'desc' : '',
      limit: limit.value === '25' ? '' : limit.value });
    run.addEventListener('click', submit);
    [pk, sk, sk2].forEach(i => i.addEventListener('keydown', e => { if (e.key === 'Enter') submit(); }));
    const create = h('button', { class: 'secondary', id: 'create-item' }, 'Create item');
    main.appendChild(h('div', { class: 'panel' }, h('div', { class: 'row' }, modeSelect, indexSelect, queryFields, 'Limit', limit, run, create)));

    const results = h('div', { id: 'results', class: 'scroll' });
    const detail = h('div', { id: 'item-detail' });
    main.appendChild(h('div', { class: 'explorer' }, results, detail));
    create.addEventListener('click', () => showItem(detail, table, null, name));

    let path = '/tables/' + encodeURIComponent(name) + '/' + (mode === 'query' ? 'query' : 'scan');
    const q = new URLSearchParams({ limit: params.get('limit') || '25' });
    if (params.get('start')) q.set('start', params.get('start'));
    if (mode === 'query') {
      if (!params.get('pk')) { results.appendChild(h('p', { class: 'muted' }, 'Enter the partition key value and run the query.')); return; }
      for (const k of ['index', 'pk', 'skOp', 'sk', 'sk2', 'order']) if (params.get(k)) q.set(k, params.get(k));
    }
    const page = await api(path + '?' + q.toString());
    if (!current()) return;
    const key = keyOf(mode === 'query' ? index : '');
    const columns = [];
    [table.key.partitionKey, table.key.sortKey, key.partitionKey, key.sortKey].forEach(c => c && !columns.includes(c) && columns.push(c));
    page.items.forEach(item => Object.keys(item).forEach(c => columns.includes(c) || columns.push(c)));
    const pager = h('div', { class: 'row' },
      h('span', { class: 'muted', id: 'page-info' }, page.count + ' item(s) on this page' + (mode === 'scan' ? ', ' + page.scannedCount + ' scanned' : '')),
      params.get('start') ? h('a', { href: route(['tables', name], withParam(params, 'start', '')) }, 'First page') : null,
      page.next ? h('a', { id: 'next-page', href: route(['tables', name], withParam(params, 'start', page.next)) }, 'Next page →') : null);
    append(results, [pager, h('table', { class: 'grid', id: 'items' },
      h('tr', {}, columns.map(c => h('th', {}, c))),
      page.items.map((item, i) => h('tr', { class: 'clickable', on: { click: () => showItem(detail, table, page.typedItems[i], name) } },
        columns.map(c => h('td', {}, h('span', { class: 'cell', title: visible(cellText(item[c])) }, cellText(item[c]))))))),
    ]);
  }

  function withParam(params, key, value) {
    const o = Object.fromEntries(params.entries());
    o[key] = value;
    return o;
  }

  function cellText(value) {
    if (value === undefined) return '';
    if (value === null) return 'null';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  function plainOf(typed) {
    const conv = v => {
      const [type, x] = Object.entries(v)[0];
      switch (type) {
        case 'N': return Number(x);
        case 'NS': return x.map(Number);
        case 'L': return x.map(conv);
        case 'M': return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, conv(y)]));
        case 'NULL': return null;
        default: return x;
      }
    };
    return Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, conv(v)]));
  }

  function showItem(panel, table, typed, tableName) {
    clear(panel);
    const creating = typed === null;
    let format = 'plain';
    const keyTemplate = {};
    [table.key.partitionKey, table.key.sortKey].forEach(k => k && (keyTemplate[k] = ''));
    const textOf = f => JSON.stringify(creating ? (f === 'plain' ? keyTemplate : Object.fromEntries(Object.keys(keyTemplate).map(k => [k, { S: '' }])))
      : (f === 'plain' ? plainOf(typed) : typed), null, 2);
    const editor = h('textarea', { id: 'item-json', spellcheck: 'false' });
    editor.value = textOf(format);
    const plainTab = h('a', { href: '#', class: 'active', id: 'tab-plain' }, 'JSON');
    const typedTab = h('a', { href: '#', id: 'tab-dynamodb' }, 'DynamoDB JSON');
    const switchTo = (f, e) => { e.preventDefault(); format = f; editor.value = textOf(f); plainTab.classList.toggle('active', f === 'plain'); typedTab.classList.toggle('active', f !== 'plain'); };
    plainTab.addEventListener('click', e => switchTo('plain', e));
    typedTab.addEventListener('click', e => switchTo('dynamodb', e));
    const message = h('div', { id: 'item-message' });
    const save = h('button', { id: 'save-item' }, creating ? 'Create' : 'Save');
    save.addEventListener('click', async () => {
      clear(message);
      try {
        await post('/tables/' + encodeURIComponent(tableName) + '/put', { format, item: JSON.parse(editor.value) });
        message.appendChild(h('p', { class: 'ok' }, 'Saved.'));
      } catch (e) { message.appendChild(errorBox(e)); }
    });
    const remove = creating ? null : h('button', { class: 'danger', id: 'delete-item' }, 'Delete');
    if (remove) remove.addEventListener('click', async () => {
      if (!confirm('Delete this item?')) return;
      clear(message);
      const key = {};
      [table.key.partitionKey, table.key.sortKey].forEach(k => k && (key[k] = typed[k]));
      try {
        const r = await post('/tables/' + encodeURIComponent(tableName) + '/delete', { key });
        message.appendChild(h('p', { class: 'ok' }, r.deleted ? 'Deleted.' : 'There was no such item.'));
      } catch (e) { message.appendChild(errorBox(e)); }
    });
    const close = h('button', { class: 'secondary' }, 'Close');
    close.addEventListener('click', () => clear(panel));
    append(panel, [h('div', { class: 'panel' }, h('h2', {}, creating ? 'New item' : 'Item'),
      h('div', { class: 'tabs' }, plainTab, typedTab), editor, h('div', { class: 'row' }, save, remove, close), message)]);
  }

  // ---------------------------------------------------------------- functions

  async function functions(parts, params, current) {
    if (parts.length === 0) {
      main.appendChild(h('h1', {}, 'Functions'));
      const list = await api('/functions');
      main.appendChild(h('table', { class: 'grid', id: 'functions' },
        h('tr', {}, ['Function', 'Name', 'Handler', 'Memory', 'Timeout', 'Triggers'].map(t => h('th', {}, t))),
        list.map(f => h('tr', {}, h('td', {}, h('a', { href: route(['functions', f.id]) }, f.id)), h('td', {}, f.name), h('td', { class: 'mono' }, f.handler),
          h('td', { class: 'num' }, f.memoryMb + ' MB'), h('td', { class: 'num' }, f.timeoutSeconds + ' s'), h('td', {}, f.triggers.join(', '))))));
      return;
    }
    const id = parts[0];
    const tab = parts[1] || 'config';
    main.appendChild(h('h1', {}, h('a', { href: '#/functions' }, 'Functions'), ' / ', id));
    main.appendChild(h('div', { class: 'tabs' }, [['config', 'Configuration'], ['test', 'Test'], ['monitoring', 'Monitoring'], ['logs', 'Logs']]
      .map(([t, label]) => h('a', { href: route(['functions', id, t]), class: t === tab ? 'active' : null, id: 'tab-' + t }, label))));
    const body = h('div', { id: 'function-' + tab });
    main.appendChild(body);
    if (tab === 'config') return functionConfig(id, body);
    if (tab === 'test') return functionTest(id, body, params);
    if (tab === 'monitoring') return functionMonitoring(id, body, current);
    if (tab === 'logs') return functionLogs(id, body, params, current);
  }

  async function functionConfig(id, body) {
    const f = await api('/functions/' + encodeURIComponent(id));
    const rows = [['Function name', f.summary.name], ['ARN', f.arn], ['Handler', f.summary.handler], ['Runtime', f.runtime || '(Globals)'],
      ['Memory', f.summary.memoryMb + ' MB'], ['Timeout', f.summary.timeoutSeconds + ' s'], ['Code', f.codeUri], ['Log file', f.logFile],
      ['Running containers', f.running ? String(f.liveContainers) : 'not running'], ['Cold starts', f.coldStartsMs ? f.coldStartsMs.map(ms => ms + ' ms').join(', ') || 'none yet' : '—']];
    append(body, [h('table', { class: 'grid' }, rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', { class: 'mono' }, v)))),
      h('h2', {}, 'Environment variables'),
      h('table', { class: 'grid' }, Object.entries(f.environment).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', { class: 'mono' }, v)))),
      h('h2', {}, 'Triggers'),
      h('table', { class: 'grid' }, f.events.map(e => h('tr', {}, h('th', {}, e.name + ' (' + e.type + ')'), h('td', { class: 'mono' }, e.properties))))]);
  }

  async function functionTest(id, body, params) {
    const events = await api('/functions/' + encodeURIComponent(id) + '/events');
    const choices = [...Object.entries(events.saved).map(([n, e]) => ['saved: ' + n, e]), ...Object.entries(events.samples).map(([n, e]) => ['sample: ' + n, e])];
    const select = h('select', { id: 'event-choice' }, choices.map(([n], i) => h('option', { value: String(i) }, n)));
    const editor = h('textarea', { id: 'event', spellcheck: 'false' });
    editor.value = choices.length ? choices[0][1] : '{}';
    const wanted = params.get('event');
    if (wanted) {
      const i = choices.findIndex(([n]) => n === 'saved: ' + wanted || n === 'sample: ' + wanted);
      if (i >= 0) { select.value = String(i); editor.value = choices[i][1]; }
    }
    select.addEventListener('change', () => { editor.value = choices[Number(select.value)][1]; });
    const name = h('input', { id: 'event-name', placeholder: 'name to save as' });
    const save = h('button', { class: 'secondary', id: 'save-event' }, 'Save event');
    const invoke = h('button', { id: 'invoke' }, 'Test');
    const result = h('div', { id: 'invoke-result' });
    save.addEventListener('click', async () => {
      clear(result);
      try { await post('/functions/' + encodeURIComponent(id) + '/events', { name: name.value, event: editor.value }); result.appendChild(h('p', { class: 'ok' }, 'Saved as ' + name.value + '.')); }
      catch (e) { result.appendChild(errorBox(e)); }
    });
    invoke.addEventListener('click', async () => {
      clear(result);
      invoke.disabled = true;
      result.appendChild(h('p', { class: 'muted' }, 'Invoking…'));
      try {
        const r = await post('/functions/' + encodeURIComponent(id) + '/invoke', { event: editor.value });
        clear(result);
        append(result, [h('h2', { id: 'invoke-status', class: r.succeeded ? 'ok' : 'bad' }, r.succeeded ? 'Succeeded' : 'Failed: ' + r.errorType),
          h('p', { class: 'muted' }, 'Duration ' + r.durationMs.toFixed(1) + ' ms'),
          r.succeeded ? null : h('p', { class: 'bad' }, r.errorMessage),
          h('h2', {}, 'Response'), pre(r.payload === null ? '(none)' : prettyJson(r.payload), { id: 'invoke-payload' }),
          h('h2', {}, 'Log output'), pre(r.log.join('\n') || '(no lines)', { id: 'invoke-log' })]);
      } catch (e) { clear(result); result.appendChild(errorBox(e)); }
      invoke.disabled = false;
    });
    append(body, [h('div', { class: 'panel' }, h('div', { class: 'row' }, 'Event', select, name, save), editor, h('div', { class: 'row' }, invoke)), result]);
  }

  function prettyJson(text) {
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
  }

  async function functionMonitoring(id, body, current) {
    const charts = h('div', { class: 'charts', id: 'charts' });
    append(body, [h('p', { class: 'muted' }, 'Sampled every second, last 10 minutes.'), charts]);
    const titles = { invocations: 'Invocations /s', errors: 'Errors (total)', p50: 'Duration p50 (ms)', p99: 'Duration p99 (ms)', coldStarts: 'Cold starts (total)', iteratorAgeMs: 'Iterator age (ms)' };
    every(2000, async () => {
      const m = await api('/functions/' + encodeURIComponent(id) + '/metrics');
      if (!current()) return;
      clear(charts);
      Object.entries(titles).forEach(([k, title]) => charts.appendChild(chart(title, m.series[k] || [], k)));
    });
  }

  function chart(title, points, key) {
    const W = 420, H = 140, L = 44, B = 18;
    const box = h('div', { class: 'chart', 'data-chart': key });
    box.appendChild(h('h3', {}, title + (points.length ? ' — now ' + number(points[points.length - 1][1]) : '')));
    const svg = s('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}` });
    svg.appendChild(s('line', { x1: L, y1: H - B, x2: W, y2: H - B, class: 'axis' }));
    svg.appendChild(s('line', { x1: L, y1: 4, x2: L, y2: H - B, class: 'axis' }));
    if (points.length) {
      const t0 = points[0][0], t1 = Math.max(points[points.length - 1][0], t0 + 1);
      const max = Math.max(1, ...points.map(p => p[1]));
      const x = t => L + (W - L - 4) * (t - t0) / (t1 - t0);
      const y = v => (H - B) - (H - B - 8) * v / max;
      svg.appendChild(s('path', { class: 'line', d: points.map((p, i) => (i ? 'L' : 'M') + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1)).join(' ') }));
      svg.appendChild(s('text', { x: L - 4, y: 12, 'text-anchor': 'end' }, number(max)));
      svg.appendChild(s('text', { x: L - 4, y: H - B, 'text-anchor': 'end' }, '0'));
      svg.appendChild(s('text', { x: L, y: H - 4 }, new Date(t0).toLocaleTimeString('en-GB')));
      svg.appendChild(s('text', { x: W - 4, y: H - 4, 'text-anchor': 'end' }, new Date(t1).toLocaleTimeString('en-GB')));
    } else {
      svg.appendChild(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'no data yet'));
    }
    box.appendChild(svg);
    return box;
  }

  async function functionLogs(id, body, params, current) {
    const filter = h('input', { id: 'log-filter', placeholder: 'filter (text)', value: params.get('filter') || '' });
    const apply = h('button', {}, 'Filter');
    const live = h('input', { type: 'checkbox', id: 'live-tail' });
    const older = h('button', { class: 'secondary', id: 'older' }, 'Older');
    const groups = h('div', { id: 'log-lines' });
    apply.addEventListener('click', () => go(['functions', id, 'logs'], { filter: filter.value }));
    filter.addEventListener('keydown', e => { if (e.key === 'Enter') apply.click(); });
    append(body, [h('div', { class: 'row' }, filter, apply, h('label', {}, live, ' live tail'), older), groups]);
    const base = '/functions/' + encodeURIComponent(id) + '/logs?filter=' + encodeURIComponent(filter.value);
    const page = await api(base + '&lines=200');
    let start = page.start, end = page.end;
    showLogLines(groups, page.lines, false);
    older.disabled = !page.more;
    older.addEventListener('click', async () => {
      const p = await api(base + '&lines=200&before=' + start);
      start = p.start;
      older.disabled = !p.more;
      showLogLines(groups, p.lines, true);
    });
    every(2000, async () => {
      if (!live.checked || !current()) return;
      const p = await api(base + '&after=' + end);
      end = p.end;
      if (p.lines.length) showLogLines(groups, p.lines, false);
    });
  }

  /** Lines grouped per invocation: a group opens at START RequestId and closes after REPORT. */
  function showLogLines(container, lines, prepend) {
    const blocks = [];
    let current = null;
    for (const line of lines) {
      const start = /^START RequestId: (\S+)/.exec(line);
      if (start || !current) { current = { id: start ? start[1] : null, lines: [] }; blocks.push(current); }
      current.lines.push(line);
      if (/^REPORT RequestId:/.test(line)) current = null;
    }
    const nodes = blocks.map(b => h('div', { class: 'log-group' }, h('div', { class: 'muted mono' }, b.id ? 'RequestId ' + b.id : 'other output'), pre(b.lines.join('\n'))));
    if (prepend) nodes.reverse().forEach(n => container.insertBefore(n, container.firstChild));
    else nodes.forEach(n => container.appendChild(n));
    if (!container.firstChild) container.appendChild(h('p', { class: 'muted' }, 'No lines.'));
  }

  // ---------------------------------------------------------------- query

  async function queryPage(parts, params, current) {
    main.appendChild(h('h1', {}, 'Query'));
    const info = await api('/queries');
    if (!info.available) main.appendChild(h('p', { class: 'error' }, 'No athena/ddl folder beside the template: there are no tables to query.'));
    const editor = h('textarea', { class: 'sql', id: 'sql', spellcheck: 'false' });
    const named = info.named.find(q => q.name === params.get('named'));
    editor.value = params.get('sql') || (named ? named.sql : 'SELECT * FROM tweets LIMIT 10');
    const run = h('button', { id: 'run-query' }, 'Run');
    const result = h('div', { id: 'query-result' });
    const side = h('div', {},
      h('h2', {}, 'Saved queries'),
      h('ul', { class: 'list', id: 'named-queries' }, info.named.map(q => h('li', {},
        h('a', { href: route(['query'], { named: q.name }), title: q.description || '' }, q.name),
        q.description ? h('div', { class: 'muted' }, q.description) : null))),
      h('h2', {}, 'History'),
      h('ul', { class: 'list', id: 'history' }, info.history.map(e => h('li', {},
        h('a', { href: route(['query'], { sql: e.sql }) }, e.sql.replace(/\s+/g, ' ').slice(0, 80)),
        h('div', { class: 'muted' }, e.at + ' · ' + (e.error ? 'failed' : e.rows + ' rows') + ' · ' + e.millis + ' ms')))));
    append(main, [h('div', { class: 'split' }, side, h('div', {}, editor, h('div', { class: 'row' }, run, h('span', { class: 'muted' },
      'Athena (Trino) SQL over the local archive, as ./streamproc query runs it.')), result))]);
    const show = (page) => {
      clear(result);
      const pages = Math.max(1, Math.ceil(page.rowCount / page.pageSize));
      const nav = h('div', { class: 'row' }, h('span', { id: 'row-count' }, page.rowCount + ' rows in ' + page.millis + ' ms'),
        h('span', { class: 'muted' }, 'page ' + (page.page + 1) + ' of ' + pages),
        page.page > 0 ? h('button', { class: 'secondary', on: { click: () => turn(page.page - 1) } }, '← Previous') : null,
        page.page + 1 < pages ? h('button', { class: 'secondary', id: 'next-rows', on: { click: () => turn(page.page + 1) } }, 'Next →') : null,
        h('a', { href: '/api/queries/' + encodeURIComponent(page.id) + '/csv', id: 'csv' }, 'Download CSV'));
      append(result, [nav, h('table', { class: 'grid', id: 'result-table' }, h('tr', {}, page.columns.map((c, i) => h('th', { title: page.types[i] }, c))),
        page.rows.map(r => h('tr', {}, r.map(v => h('td', { class: typeof v === 'number' ? 'num' : null }, h('span', { class: 'cell' }, cellText(v)))))))]);
      const turn = async p => show(await api('/queries/' + encodeURIComponent(page.id) + '?size=' + page.pageSize + '&page=' + p));
    };
    const execute = async () => {
      clear(result).appendChild(h('p', { class: 'muted' }, 'Running…'));
      run.disabled = true;
      try { show(await post('/queries/run', { sql: editor.value, pageSize: 100 })); }
      catch (e) { clear(result).appendChild(errorBox(e)); }
      run.disabled = false;
    };
    run.addEventListener('click', () => {
      const target = route(['query'], { sql: editor.value });
      if (location.hash !== target) history.replaceState(null, '', target);
      execute();
    });
    if (params.get('run') === '1') execute();
  }

  // ---------------------------------------------------------------- streams

  async function streams(parts, params, current) {
    if (parts.length === 0) {
      main.appendChild(h('h1', {}, 'Streams'));
      const list = await api('/streams');
      list.forEach(st => append(main, [h('h2', {}, h('a', { href: route(['streams', st.name]) }, st.name), ' ', h('span', { class: 'badge' }, st.status + ', ' + st.openShards + ' open shard(s)')),
        shardTable(st)]));
      return;
    }
    const name = parts[0];
    const st = await api('/streams/' + encodeURIComponent(name));
    const shard = params.get('shard') || st.shards[0].shardId;
    append(main, [h('h1', {}, h('a', { href: '#/streams' }, 'Streams'), ' / ', name), shardTable(st)]);
    const shardSelect = h('select', { id: 'shard' }, st.shards.map(x => h('option', { value: x.shardId }, x.shardId)));
    shardSelect.value = shard;
    const from = h('select', { id: 'from' }, h('option', { value: '' }, 'from the trim horizon'), [5, 15, 60, 1440].map(m => h('option', { value: String(m) }, 'from ' + m + ' minutes ago')));
    from.value = params.get('minutes') || '';
    const show = h('button', { id: 'show-records' }, 'Show records');
    show.addEventListener('click', () => go(['streams', name], { shard: shardSelect.value, minutes: from.value }));
    main.appendChild(h('div', { class: 'panel' }, h('div', { class: 'row' }, shardSelect, from, show)));
    const q = new URLSearchParams({ shard, limit: '25' });
    if (params.get('after')) q.set('after', params.get('after'));
    else if (params.get('minutes')) q.set('minutes', params.get('minutes'));
    const page = await api('/streams/' + encodeURIComponent(name) + '/records?' + q.toString());
    if (!current()) return;
    append(main, [h('div', { class: 'row' }, h('span', { class: 'muted' }, page.records.length + ' Kinesis record(s) · ' + page.millisBehindLatest + ' ms behind the tip'),
      page.after ? h('a', { id: 'next-records', href: route(['streams', name], { shard, after: page.after }) }, 'Next page →') : null),
    h('table', { class: 'grid', id: 'records' }, h('tr', {}, ['Sequence number', 'Arrived', 'Partition key', 'User records (KPL de-aggregated)'].map(t => h('th', {}, t))),
      page.records.map(r => h('tr', {}, h('td', { class: 'mono' }, r.sequenceNumber), h('td', {}, r.arrival), h('td', {}, r.partitionKey),
        h('td', {}, r.aggregated ? h('div', { class: 'muted' }, 'KPL aggregate of ' + r.userRecords.length + ' record(s), ' + r.bytes + ' bytes') : null,
          r.userRecords.map(u => h('div', { class: 'user-record' }, r.aggregated ? h('span', { class: 'badge' }, '#' + u.subSequenceNumber + ' ' + u.partitionKey) : null, ' ',
            u.data.text !== null ? h('span', { class: 'mono record-text' }, u.data.text) : h('span', { class: 'mono' }, '(binary, base64) ' + u.data.base64)))))))]);
  }

  function shardTable(st) {
    return h('table', { class: 'grid' }, h('tr', {}, ['Shard', 'Parent', 'Hash key range', 'Sequence range'].map(t => h('th', {}, t))),
      st.shards.map(x => h('tr', {}, h('td', {}, h('a', { href: route(['streams', st.name], { shard: x.shardId }) }, x.shardId)), h('td', {}, x.parentShardId || '—'),
        h('td', { class: 'mono' }, x.startingHashKey + ' – ' + x.endingHashKey),
        h('td', { class: 'mono' }, x.startingSequenceNumber + ' – ' + (x.endingSequenceNumber || 'open')))));
  }

  // ---------------------------------------------------------------- archive

  async function archive(parts, params, current) {
    const buckets = await api('/archive/buckets');
    const bucket = params.get('bucket') || buckets[0];
    if (!bucket) { main.appendChild(h('p', { class: 'muted' }, 'The template has no bucket.')); return; }
    if (parts[0] === 'object') return archiveObject(bucket, params);
    const prefix = params.get('prefix') || '';
    const crumbs = h('div', { class: 'crumbs' }, h('a', { href: route(['archive'], { bucket }) }, bucket), ' / ');
    let acc = '';
    prefix.split('/').filter(Boolean).forEach(p => { acc += p + '/'; crumbs.appendChild(h('a', { href: route(['archive'], { bucket, prefix: acc }) }, p)); crumbs.appendChild(document.createTextNode(' / ')); });
    append(main, [h('h1', {}, 'Archive'), buckets.length > 1 ? h('div', { class: 'row' }, buckets.map(b => h('a', { href: route(['archive'], { bucket: b }) }, b))) : null, crumbs]);
    const q = new URLSearchParams({ bucket, prefix, limit: '100' });
    if (params.get('token')) q.set('token', params.get('token'));
    const list = await api('/archive/list?' + q.toString());
    if (!current()) return;
    append(main, [h('table', { class: 'grid', id: 'archive' }, h('tr', {}, ['Name', 'Size', 'Last modified'].map(t => h('th', {}, t))),
      list.folders.map(f => h('tr', {}, h('td', {}, h('a', { href: route(['archive'], { bucket, prefix: f }) }, f.slice(prefix.length))), h('td', {}, 'folder'), h('td', {}, ''))),
      list.objects.map(o => h('tr', {}, h('td', {}, h('a', { href: route(['archive', 'object'], { bucket, key: o.key }) }, o.key.slice(prefix.length))),
        h('td', { class: 'num' }, number(o.size) + ' B'), h('td', {}, o.lastModified)))),
    list.folders.length + list.objects.length === 0 ? h('p', { class: 'muted' }, 'Nothing under this prefix yet.') : null,
    list.next ? h('a', { id: 'next-objects', href: route(['archive'], { bucket, prefix, token: list.next }) }, 'Next page →') : null]);
  }

  async function archiveObject(bucket, params) {
    const key = params.get('key');
    const from = Number(params.get('from') || 0);
    const folder = key.includes('/') ? key.slice(0, key.lastIndexOf('/') + 1) : '';
    append(main, [h('h1', {}, h('a', { href: route(['archive'], { bucket, prefix: folder }) }, 'Archive'), ' / ', key)]);
    const page = await api('/archive/object?' + new URLSearchParams({ bucket, key, from: String(from), lines: '100' }).toString());
    const errors = page.lines.some(l => l.errorCode);
    append(main, [h('div', { class: 'row' }, h('span', { class: 'muted' }, 'Lines ' + (from + 1) + '–' + (from + page.lines.length) + (errors ? ' · Firehose error records' : '')),
      from > 0 ? h('a', { href: route(['archive', 'object'], { bucket, key, from: String(Math.max(0, from - 100)) }) }, '← Previous') : null,
      page.more ? h('a', { id: 'next-lines', href: route(['archive', 'object'], { bucket, key, from: String(from + 100) }) }, 'Next →') : null),
    h('table', { class: 'grid', id: 'object-lines' },
      h('tr', {}, (errors ? ['#', 'Error code', 'Message', 'Raw record'] : ['#', 'Line']).map(t => h('th', {}, t))),
      page.lines.map(l => errors && l.errorCode
        ? h('tr', {}, h('td', { class: 'num' }, l.number + 1), h('td', {}, l.errorCode), h('td', {}, l.errorMessage || ''),
          h('td', { class: 'mono' }, l.rawData ? (l.rawData.text !== null ? l.rawData.text : '(binary, base64) ' + l.rawData.base64) : ''))
        : h('tr', {}, h('td', { class: 'num' }, l.number + 1), h('td', { class: 'mono' }, l.text.text !== null ? l.text.text : l.text.base64))))]);
  }

  // ---------------------------------------------------------------- failures

  async function failures() {
    main.appendChild(h('h1', {}, 'Failures'));
    const queues = await api('/failures');
    if (!queues.length) main.appendChild(h('p', { class: 'muted' }, 'The template has no queue.'));
    queues.forEach(q => append(main, [h('h2', {}, q.name, ' ', h('span', { class: 'badge', id: 'depth-' + q.name }, q.depth + ' message(s)')),
      h('p', { class: 'muted' }, 'Shown without taking them from the queue (SQS returns at most 10 at a time).'),
      q.messages.length ? h('table', { class: 'grid' }, h('tr', {}, ['Sent', 'Condition', 'Shard', 'Sequence range', 'Batch size', 'Message'].map(t => h('th', {}, t))),
        q.messages.map(m => h('tr', {}, h('td', {}, m.sentAt || ''), h('td', {}, m.condition || ''), h('td', {}, m.shardId || ''),
          h('td', { class: 'mono' }, (m.startSequenceNumber || '') + ' – ' + (m.endSequenceNumber || '')), h('td', { class: 'num' }, m.batchSize === null ? '' : m.batchSize),
          h('td', {}, h('details', {}, h('summary', {}, 'message'), pre(prettyJson(m.body))))))) : h('p', {}, 'No messages.')]));
  }

  // ---------------------------------------------------------------- start

  async function start() {
    try {
      const session = await api('/session');
      token = session.token;
      document.getElementById('stack').textContent = 'stack ' + visible(session.stack) + ' · ' + visible(session.region);
    } catch (e) {
      clear(main).appendChild(errorBox('The console cannot reach the local stack: ' + e.message));
      return;
    }
    window.addEventListener('hashchange', render);
    render();
  }

  start();
})();
