'use strict';
// The dashboard: current account, token countdown, sync with live progress, stats and chart, runs,
// schedules and the raw-data explorer. Polls the JSON API; fast while a sync runs.
(() => {
  const { api, el, $, show, text, flash, number, ago, duration, when, stateBadge, pretty } = Demo;
  const state = { info: null, accounts: [], current: null, token: null, running: false, runId: null,
    explorer: { table: 'issues', cursors: [null], limit: 10, total: 0, loadedAt: 0 }, timer: null,
    shownProgress: { runId: null, pct: 0 } };
  const CHOSEN = 'jira-demo-account';

  document.addEventListener('DOMContentLoaded', () => {
    Demo.initGate(load);
    $('start-oauth').addEventListener('click', () => startOAuth());
    $('start-oauth-empty').addEventListener('click', () => startOAuth());
    $('sync-incremental').addEventListener('click', () => startSync(false));
    $('sync-full').addEventListener('click', () => startSync(true));
    $('refresh-token').addEventListener('click', refreshToken);
    $('account-switch').addEventListener('change', (e) => {
      localStorage.setItem(CHOSEN, e.target.value);
      selectAccount();
    });
    $('explorer-table').addEventListener('change', (e) => { state.explorer.table = e.target.value; state.explorer.cursors = [null]; loadRows(); });
    $('explorer-size').addEventListener('change', (e) => { state.explorer.limit = Number(e.target.value); state.explorer.cursors = [null]; loadRows(); });
    $('explorer-prev').addEventListener('click', () => { if (state.explorer.cursors.length > 1) state.explorer.cursors.pop(); loadRows(); });
    $('explorer-next').addEventListener('click', () => { if (state.explorer.next) { state.explorer.cursors.push(state.explorer.next); loadRows(); } });
    const params = new URLSearchParams(location.search);
    if (params.has('connected')) {
      const n = Number(params.get('connected'));
      flash(n === 1 ? 'Connected 1 Jira site.' : 'Connected ' + n + ' Jira sites.', 'ok');
      history.replaceState(null, '', '/dashboard');
    }
    $('sync-streams').addEventListener('scroll', (e) => moreCue(e.target));
    setInterval(tickCountdown, 1000);
    load();
  });

  async function startOAuth() {
    try { await Demo.startOAuth(); } catch (e) { flash(e.message, 'bad'); }
  }

  async function load() {
    try {
      state.info = await Demo.serverInfo();
      renderJobs(state.info.schedules);
      renderServer(state.info);
      fillTables(state.info.tables);
      const res = await api('GET', '/api/accounts');
      state.accounts = res.accounts.filter((a) => a.state !== 'DEACTIVATED');
      if (state.accounts.length === 0) {
        show($('content'), false);
        show($('empty-state'), true);
        return;
      }
      show($('empty-state'), false);
      show($('content'), true);
      selectAccount();
    } catch (e) {
      if (e.code !== 'admin_token_required') flash(e.message, 'bad');
    }
  }

  function selectAccount() {
    const chosen = localStorage.getItem(CHOSEN);
    state.current = state.accounts.find((a) => a.id === chosen) || state.accounts.find((a) => a.primary) || state.accounts[0];
    const select = $('account-switch');
    select.replaceChildren(...state.accounts.map((a) => el('option', { value: a.id, selected: a.id === state.current.id },
      (a.site.name || a.site.url) + (a.label ? ' · ' + a.label : '') + (a.primary ? ' (primary)' : ''))));
    show(select, state.accounts.length > 1);
    renderAccount(state.current);
    refresh();
  }

  function renderAccount(a) {
    text('site-title', a.site.name || 'Jira site');
    text('site-subtitle', a.site.url);
    const name = a.user.displayName || a.user.accountId || 'Unknown user';
    text('account-name', name);
    text('account-email', a.user.email || '');
    text('account-avatar', name.split(/\s+/).map((p) => p[0]).join('').slice(0, 2).toUpperCase());
    const link = $('account-site');
    link.textContent = a.site.url;
    link.href = /^https?:\/\//.test(a.site.url) ? a.site.url : '#';
    text('account-label', a.label || '—');
    text('account-cloud', a.site.cloudId);
    text('account-created', when(a.createdAt));
    stateBadge($('account-state'), a.state);
    const dead = a.state !== 'ACTIVE';
    $('sync-incremental').disabled = dead;
    $('sync-full').disabled = dead;
    text('token-note', a.state === 'REAUTH_REQUIRED' ? 'This account must be authorized again: use Start OAuth.' : '');
  }

  async function refresh() {
    clearTimeout(state.timer);
    if (!state.current) return;
    const id = state.current.id;
    try {
      const [stats, progress, runs] = await Promise.all([
        api('GET', '/api/integrations/' + id + '/stats'),
        api('GET', '/api/integrations/' + id + '/sync-progress'),
        api('GET', '/api/integrations/' + id + '/sync-runs?limit=8'),
      ]);
      if (!state.current || state.current.id !== id) return;
      state.token = stats.token;
      renderToken();
      renderStats(stats);
      renderRuns(runs.runs);
      const wasRunning = state.running;
      renderProgress(progress);
      if (wasRunning && !progress.running && progress.run) {
        const r = progress.run;
        flash('Sync ' + r.status.toLowerCase() + ': ' + number(r.fetched) + ' records fetched, ' + number(r.changed)
          + ' stored rows changed, in ' + duration(r.durationMs) + '.', r.status === 'SUCCEEDED' ? 'ok' : 'bad');
        loadRows();
      } else if (!state.explorerLoaded) {
        state.explorerLoaded = true;
        loadRows();
      } else if (progress.running && Date.now() - state.explorer.loadedAt > 2000) {
        loadRows(); // the explorer follows the sync
      }
      if (state.info && !progress.running) {
        Demo.api('GET', '/api/server-info').then((info) => renderJobs(info.schedules)).catch(() => {});
      }
    } catch (e) {
      if (e.code !== 'admin_token_required') flash(e.message, 'bad');
    }
    state.timer = setTimeout(refresh, state.running ? 700 : 10000);
  }

  // ---- token

  function renderToken() {
    const t = state.token || {};
    stateBadge($('token-state'), t.state);
    text('token-detail', t.obtainedAt ? 'Obtained ' + ago(t.obtainedAt) + (t.hasRefreshToken ? ' · rotating refresh token held' : '') : '');
    tickCountdown();
  }

  function tickCountdown() {
    const t = state.token;
    if (!t || !t.expiresAt) { text('token-countdown', '–'); $('token-meter').style.width = '0'; return; }
    const left = Math.round((Date.parse(t.expiresAt) - Date.now()) / 1000);
    if (left <= 0) {
      text('token-countdown', 'expired');
      text('token-detail', 'The next Jira call (or Refresh now) gets a new one with the refresh token.');
    } else {
      const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      text('token-countdown', (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(s).padStart(2, '0'));
    }
    const meter = $('token-meter');
    meter.style.width = Math.max(0, Math.min(100, left / 36)) + '%';
    meter.style.background = left < 120 ? 'var(--bad)' : left < 600 ? '#e2b203' : 'var(--ok)';
  }

  async function refreshToken() {
    const button = $('refresh-token');
    button.disabled = true;
    try {
      const res = await api('POST', '/api/integrations/' + state.current.id + '/refresh-token');
      if (res.requiresReauth) {
        flash('The grant was revoked or expired: authorize this account again.', 'bad');
      } else {
        flash('Token refreshed; new expiry ' + when(res.expiresAt) + '.', 'ok');
      }
      refresh();
    } catch (e) {
      flash(e.message, 'bad');
    } finally {
      button.disabled = false;
    }
  }

  // ---- sync

  async function startSync(full) {
    try {
      const run = await api('POST', '/api/integrations/' + state.current.id + (full ? '/comprehensive-sync' : '/sync'));
      state.running = true;
      renderProgress({ running: true, run });
      refresh();
    } catch (e) {
      flash(e.code === 'sync_running' ? 'A sync is already running for this account.' : e.message, 'bad');
      refresh();
    }
  }

  const FINISHED = ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'];

  /** A stream's bar: done of expected when known; of unknown size, full only when it has finished. */
  function fraction(s) {
    if (FINISHED.includes(s.status)) return 1;
    if (s.expected) return Math.min(0.99, s.done / s.expected);
    return s.done / (s.done + 50);
  }

  /** The run's progress in percent: the server's (weighted by expected work), never lower than shown before. */
  function percent(p) {
    const run = p.run;
    if (!p.running) return 100;
    const shown = state.shownProgress;
    if (shown.runId !== run.runId) { shown.runId = run.runId; shown.pct = 0; }
    shown.pct = Math.max(shown.pct, Math.min(99, Math.floor(100 * (run.progress || 0))));
    return shown.pct;
  }

  function changedText(r) {
    const t = r.totals || {};
    return number(t.created) + ' new · ' + number(t.updated) + ' updated' + (t.deleted ? ' · ' + number(t.deleted) + ' deleted' : '');
  }

  function renderProgress(p) {
    const bar = $('sync-progress');
    const run = p.run;
    state.running = !!p.running;
    $('sync-incremental').disabled = state.running || state.current.state !== 'ACTIVE';
    $('sync-full').disabled = state.running || state.current.state !== 'ACTIVE';
    if (!run) {
      stateBadge($('sync-status'), 'idle');
      bar.dataset.state = 'idle';
      return;
    }
    state.runId = run.runId;
    const streams = run.streams || [];
    const pct = percent(p);
    $('sync-bar').style.width = Math.max(2, pct) + '%';
    bar.setAttribute('aria-valuenow', String(pct));
    bar.dataset.state = p.running ? 'running' : (run.status === 'SUCCEEDED' ? 'done' : 'failed');
    bar.dataset.fetched = String(run.fetched);
    bar.dataset.runId = run.runId;
    stateBadge($('sync-status'), run.status);
    text('sync-label', (p.running ? 'Running ' : 'Last: ') + run.mode.toLowerCase() + ' sync · '
      + number(run.fetched) + ' records fetched');
    text('sync-percent', p.running ? pct + '%' : duration(run.durationMs));
    text('sync-changed', changedText(run));
    text('sync-requests', number(run.requests));
    text('sync-points', number(run.points));
    $('sync-streams').replaceChildren(...streams.flatMap((s) => {
      const f = Math.round(fraction(s) * 100);
      const track = el('div', { class: 'progress', 'data-state': s.status === 'RUNNING' ? 'running' : s.status === 'SUCCEEDED' ? 'done' : 'failed',
        role: 'progressbar', 'aria-label': pretty(s.name), 'aria-valuenow': f, 'aria-valuemin': 0, 'aria-valuemax': 100 },
        el('div', { class: 'bar' }));
      track.firstChild.style.width = (s.status === 'QUEUED' ? 0 : Math.max(2, f)) + '%';
      return [el('span', { text: pretty(s.name) }), track,
        el('span', { class: 'num', text: number(s.done) + (s.expected ? ' / ' + number(s.expected) : '') })];
    }));
    moreCue($('sync-streams'));
  }

  /** Marks the stream list when rows are hidden below its edge, so the page can say that it scrolls. */
  function moreCue(box) {
    box.dataset.more = String(box.scrollTop + box.clientHeight < box.scrollHeight - 2);
  }

  // ---- stats and chart

  function renderStats(stats) {
    const counts = stats.stored || {};
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    text('stats-total', number(stats.storedTotal) + ' rows stored' + (stats.lastSync ? ' · synced ' + ago(stats.lastSync.finishedAt) : ''));
    $('stats-total').dataset.count = String(stats.storedTotal);
    const tiles = $('stats-tiles');
    if (entries.length === 0) {
      tiles.replaceChildren(el('p', { class: 'muted tiles-empty', text: 'Nothing stored yet. Run a sync to mirror the site.' }));
      $('stats-chart').replaceChildren();
      return;
    }
    tiles.replaceChildren(...entries.slice(0, 8).map(([name, n]) =>
      el('div', { class: 'tile', id: 'stat-' + name },
        el('div', { class: 'n', 'data-count': n, text: number(n) }), el('div', { class: 'l', text: pretty(name) }))));
    renderChart(entries);
  }

  function renderChart(entries) {
    const rowH = 22, labelW = 120, barW = 390, valueW = 80, width = labelW + barW + valueW;
    const max = Math.max(...entries.map((e) => e[1]), 1);
    const svg = el('svg', { viewBox: '0 0 ' + width + ' ' + (entries.length * rowH + 4), role: 'img',
      'aria-label': 'Bar chart of stored records per entity' });
    entries.forEach(([name, n], i) => {
      const y = i * rowH + 4;
      const w = Math.max(2, Math.round(barW * n / max));
      svg.append(
        el('text', { class: 'bar-label', x: labelW - 8, y: y + 12, 'text-anchor': 'end', text: pretty(name) }),
        el('rect', { class: 'track', x: labelW, y, width: barW, height: rowH - 7, rx: 3 }),
        el('rect', { class: 'bar', x: labelW, y, width: w, height: rowH - 7, rx: 3, 'data-entity': name, 'data-count': n },
          el('title', { text: pretty(name) + ': ' + number(n) })),
        el('text', { class: 'bar-value', x: labelW + w + 6, y: y + 12, text: number(n) }));
    });
    $('stats-chart').replaceChildren(svg);
  }

  // ---- runs and schedules

  function renderRuns(runs) {
    const body = $('runs').tBodies[0];
    if (!runs || runs.length === 0) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: 9, class: 'empty', text: 'No sync runs yet.' })));
      return;
    }
    body.replaceChildren(...runs.map((r) => {
      const badge = el('span');
      stateBadge(badge, r.status);
      const errors = r.errors || [];
      const notes = (r.notes || []).filter((n) => n.startsWith('interrupted:'));
      const problem = errors.length ? errors.length + ' · ' + errors[0].slice(0, 80) : notes.length ? notes[0].slice(13, 100) : '—';
      return el('tr', { 'data-run-id': r.runId },
        el('td', { text: when(r.startedAt) }),
        el('td', { text: r.mode.toLowerCase() }),
        el('td', {}, badge),
        el('td', { class: 'num', text: duration(r.durationMs) }),
        el('td', { class: 'num', 'data-fetched': r.fetched, text: number(r.fetched) }),
        el('td', { class: 'num', 'data-changed': r.changed, title: changedText(r), text: number(r.changed) }),
        el('td', { class: 'num', text: number(r.requests) }),
        el('td', { class: 'num', text: number(r.points) }),
        el('td', { title: errors.concat(notes).join('\n'), text: problem }));
    }));
  }

  function renderJobs(jobs) {
    $('jobs').replaceChildren(...(jobs || []).map((j) => el('li', {},
      el('div', { class: 'top' }, el('span', { text: pretty(j.name) }),
        el('span', { class: 'badge ' + (j.enabled ? (j.lastFailed ? 'bad' : 'info') : ''), text: j.enabled ? 'every ' + j.interval : 'off' })),
      el('div', { class: 'muted small', text: j.description }),
      el('div', { class: 'small', text: 'Last run: ' + ago(j.lastRunAt) + (j.lastOutcome ? ' — ' + j.lastOutcome : '')
        + (j.nextRunAt ? ' · next ' + ago(j.nextRunAt) : '') }))));
  }

  function renderServer(info) {
    const rows = [['Mode', info.sandbox ? 'Sandbox (simulated Jira Cloud)' : 'Atlassian Cloud'],
      ['Callback URL', info.redirectUri], ['Store', ({ sqlite: 'SQLite', postgresql: 'PostgreSQL' })[info.store] || info.store],
      ['Admin token', info.adminTokenRequired ? 'required on /api' : 'not set'], ['Version', info.version]];
    const s = info.sandboxInfo;
    if (s) {
      rows.splice(1, 0, ['Simulated sites', (s.sites || []).map((x) => x.name).join(', ')],
        ['Generated data', number(s.issues) + ' issues · ' + number(s.users) + ' users']);
    }
    $('server-facts').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v ?? '–' })]));
  }

  // ---- raw data explorer

  function fillTables(tables) {
    const select = $('explorer-table');
    if (select.options.length) return;
    select.replaceChildren(...(tables || []).map((t) => el('option', { value: t, selected: t === state.explorer.table, text: pretty(t) })));
  }

  /** What a row's parent id is, per table: the mirror's owner of the row (not Jira's sub-task "parent"). */
  const PARENT = { issues: 'Project', comments: 'Issue', worklogs: 'Issue', changelogs: 'Issue', attachments: 'Issue',
    issue_links: 'Issue', issue_field_values: 'Issue', field_changes: 'Issue', components: 'Project', versions: 'Project',
    sprints: 'Board', sprint_issues: 'Issue' };

  async function loadRows() {
    if (!state.current) return;
    const x = state.explorer;
    x.loadedAt = Date.now();
    const after = x.cursors[x.cursors.length - 1];
    const selected = (($('explorer-rows').tBodies[0].querySelector('tr[aria-selected="true"]') || {}).dataset || {}).rowId;
    try {
      const page = await api('GET', '/api/integrations/' + state.current.id + '/raw-data?table=' + encodeURIComponent(x.table)
        + '&limit=' + x.limit + (after ? '&after=' + encodeURIComponent(after) : ''));
      x.total = page.total;
      x.next = page.next;
      text('explorer-parent', PARENT[x.table] || 'Parent');
      $('explorer-rows').dataset.total = String(page.total);
      const body = $('explorer-rows').tBodies[0];
      if (page.rows.length === 0) {
        body.replaceChildren(el('tr', {}, el('td', { colspan: 4, class: 'empty',
          text: state.running ? 'No rows in ' + pretty(x.table) + ' yet; the sync is still running.' : 'No rows in ' + pretty(x.table) + '.' })));
      } else {
        body.replaceChildren(...page.rows.map((row) => {
          const c = row.columns || {};
          const name = c.key || c.name || c.summary || c.displayName || c.display_name || c.title || '';
          const tr = el('tr', { class: 'clickable', tabindex: 0, 'data-row-id': row.id },
            el('td', {}, el('code', { text: row.id })), el('td', { text: name }), el('td', { text: row.parentId || '—' }),
            el('td', { text: row.updated ? when(row.updated) : '—' }));
          const open = () => {
            for (const other of body.rows) other.removeAttribute('aria-selected');
            tr.setAttribute('aria-selected', 'true');
            text('explorer-json-title', pretty(x.table) + ' ' + row.id + ' — raw JSON');
            $('explorer-json').textContent = JSON.stringify(row.raw, null, 2);
          };
          tr.addEventListener('click', open);
          tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
          tr.open = open;
          return tr;
        }));
      }
      const keep = [...body.rows].find((r) => r.dataset.rowId === selected);
      if (keep && keep.open) keep.open();
      else if (page.rows.length && body.rows[0].open) body.rows[0].open();
      const first = (x.cursors.length - 1) * x.limit;
      text('explorer-range', page.rows.length ? (first + 1) + '–' + (first + page.rows.length) + ' of ' + number(x.total)
        + (state.running ? ' · updating while the sync runs' : '') : '');
      $('explorer-prev').disabled = x.cursors.length === 1;
      $('explorer-next').disabled = !x.next;
    } catch (e) {
      flash(e.message, 'bad');
    }
  }
})();
