'use strict';
// Accounts: list, add (with a label), make primary, deactivate, authorize again.
(() => {
  const { api, el, $, text, flash, stateBadge, when } = Demo;

  document.addEventListener('DOMContentLoaded', () => {
    Demo.initGate(load);
    $('add-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await Demo.startOAuth($('add-label').value.trim() || null);
      } catch (err) {
        flash(err.message, 'bad');
      }
    });
    load();
  });

  async function load() {
    try {
      await Demo.serverInfo();
      const res = await api('GET', '/api/accounts');
      render(res.accounts);
    } catch (e) {
      if (e.code !== 'admin_token_required') flash(e.message, 'bad');
    }
  }

  function render(accounts) {
    text('accounts-count', accounts.length === 1 ? '1 account' : accounts.length + ' accounts');
    const body = $('accounts').tBodies[0];
    if (accounts.length === 0) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: 6, class: 'empty', text: 'No accounts yet. Connect one above.' })));
      return;
    }
    body.replaceChildren(...accounts.map((a) => {
      const stateNode = el('span');
      stateBadge(stateNode, a.state);
      const tokenNode = el('span');
      stateBadge(tokenNode, a.token && a.token.state);
      const actions = el('div', { class: 'actions' });
      if (a.primary) {
        actions.append(el('span', { class: 'badge info', text: 'primary' }));
      } else if (a.state !== 'DEACTIVATED') {
        actions.append(button('Make primary', () => act('POST', '/api/accounts/' + a.id + '/set-primary', 'Primary account changed.')));
      }
      if (a.state !== 'ACTIVE') {
        actions.append(button('Authorize again', () => Demo.startOAuth(a.label || null).catch((e) => flash(e.message, 'bad')), 'primary'));
      }
      if (a.state !== 'DEACTIVATED') {
        actions.append(button('Deactivate', () => {
          if (confirm('Deactivate ' + (a.site.name || a.site.url) + '? A sync it runs stops and its token is no longer '
            + 'refreshed; its synced data is kept.')) {
            act('DELETE', '/api/accounts/' + a.id, 'Account deactivated; its data is kept.');
          }
        }, 'danger'));
      }
      return el('tr', { 'data-account-id': a.id },
        el('td', {}, el('div', { text: a.site.name || '—' }), el('div', { class: 'muted small', text: a.site.url })),
        el('td', {}, el('div', { text: a.user.displayName || a.user.accountId || '—' }), el('div', { class: 'muted small', text: a.user.email || '' })),
        el('td', { text: a.label || '—' }),
        el('td', {}, stateNode, el('div', { class: 'muted small', text: 'since ' + when(a.createdAt) })),
        el('td', {}, tokenNode),
        el('td', {}, actions));
    }));
  }

  function button(label, onClick, kind) {
    return el('button', { type: 'button', class: kind || null, on: { click: onClick } }, label);
  }

  async function act(method, path, message) {
    try {
      await api(method, path);
      flash(message, 'ok');
      load();
    } catch (e) {
      flash(e.message, 'bad');
    }
  }
})();
