// Shared helpers for the demo pages. No framework; data always goes into the page as text, never as markup.
'use strict';

const Demo = (() => {
  const TOKEN_KEY = 'jira-demo-admin-token';

  class ApiError extends Error {
    constructor(status, code, message, body) {
      super(message);
      this.status = status;
      this.code = code;
      this.body = body;
    }
  }

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers['Authorization'] = 'Bearer ' + token;
    const init = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      const err = (data && data.error) || {};
      if (response.status === 401 && err.code === 'admin_token_required') showGate();
      throw new ApiError(response.status, err.code || 'http_' + response.status,
        err.message || ('Request failed with HTTP ' + response.status), data);
    }
    return data;
  }

  /** el('div', {class: 'x', text: 'hi'}, child, ...) */
  function el(tag, attrs, ...children) {
    const svg = ['svg', 'rect', 'text', 'g', 'line', 'title'].includes(tag);
    const node = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  const $ = (id) => document.getElementById(id);
  const show = (node, visible) => node.classList.toggle('hidden', !visible);

  function text(id, value) {
    const node = $(id);
    if (node) node.textContent = value === null || value === undefined ? '' : String(value);
  }

  function flash(message, kind) {
    const box = $('flash');
    if (!box) return;
    box.textContent = message;
    box.className = 'flash ' + (kind || 'ok');
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => box.classList.add('hidden'), 8000);
  }

  function showGate() {
    const gate = $('admin-gate');
    if (!gate) return;
    show(gate, true);
    const content = $('content');
    if (content) show(content, false);
    const empty = $('empty-state');
    if (empty) show(empty, false);
  }

  function initGate(onReady) {
    const form = $('gate-form');
    if (!form) return;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('gate-token').value.trim());
      show($('admin-gate'), false);
      onReady();
    });
  }

  const number = (n) => (n === null || n === undefined) ? '–' : Number(n).toLocaleString('en-US');

  function ago(iso) {
    if (!iso) return 'never';
    const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
    if (s < 0) return 'in ' + span(-s);
    if (s < 5) return 'just now';
    return span(s) + ' ago';
  }

  function span(s) {
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
    if (s < 86400) return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
    return Math.floor(s / 86400) + 'd ' + Math.floor((s % 86400) / 3600) + 'h';
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return '–';
    if (ms < 1000) return ms + ' ms';
    return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
  }

  function when(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    return d.toLocaleString('en-GB', { day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function stateBadge(node, state) {
    const s = String(state || 'unknown');
    const cls = { ACTIVE: 'ok', SUCCEEDED: 'ok', RUNNING: 'info', PARTIAL: 'warn', REAUTH_REQUIRED: 'bad',
      DEACTIVATED: '', FAILED: 'bad', CANCELLED: 'warn', INTERRUPTED: 'warn', UNKNOWN: '' }[s] ?? '';
    node.className = 'badge ' + cls;
    node.textContent = s.replace(/_/g, ' ').toLowerCase();
  }

  const pretty = (name) => String(name).replace(/_/g, ' ');

  async function serverInfo() {
    const info = await api('GET', '/api/server-info');
    show($('sandbox-banner'), !!info.sandbox);
    text('server-mode', info.sandbox ? 'Sandbox mode' : 'Connected to Atlassian');
    return info;
  }

  /** Starts OAuth and sends the browser to the consent page. */
  async function startOAuth(label) {
    const body = label ? { label } : undefined;
    const res = await api('POST', label ? '/auth/start-with-account' : '/auth/start', body);
    window.location.assign(res.authUrl);
  }

  return { api, el, $, show, text, flash, initGate, number, ago, span, duration, when, stateBadge, pretty,
    serverInfo, startOAuth, ApiError };
})();
