'use strict';

// The page only talks to the JSON API; the session cookie is HttpOnly and travels with each fetch by itself.

const el = (id) => document.getElementById(id);
const VIEWS = ['loading-view', 'login-view', 'dashboard-view'];
let expiresAt = null;

async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null; // a proxy's HTML error page, say
  }
  return { status: response.status, data };
}

function show(view) {
  for (const id of VIEWS) {
    el(id).hidden = id !== view;
  }
}

function formatTime(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function showLogin(message) {
  expiresAt = null;
  el('login-error').textContent = message || '';
  el('login-error').hidden = !message;
  show('login-view');
  el('username').focus();
}

function showDashboard(me) {
  el('user-name').textContent = me.user;
  el('views').textContent = me.views;
  el('created-at').textContent = formatTime(me.createdAt);
  el('expires-at').textContent = formatTime(me.expiresAt);
  expiresAt = new Date(me.expiresAt);
  tick();
  show('dashboard-view');
}

async function refresh() {
  try {
    const me = await api('GET', '/api/me');
    if (me.status === 200) {
      showDashboard(me.data);
    } else {
      showLogin(me.status === 401 ? '' : `The server answered ${me.status}.`);
    }
  } catch (e) {
    showLogin('The server cannot be reached.');
  }
}

/** Counts down to the session's idle expiry; at zero, asks the server, which then shows the log-in form. */
function tick() {
  if (!expiresAt) {
    return;
  }
  const seconds = Math.round((expiresAt.getTime() - Date.now()) / 1000);
  if (seconds > 0) {
    el('expires-in').textContent = `(in ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')})`;
  } else {
    expiresAt = null;
    el('expires-in').textContent = '(expired)';
    refresh();
  }
}

/** Disables the button while its request runs, so that one click is one request. */
async function busy(button, action) {
  button.disabled = true;
  try {
    await action();
  } finally {
    button.disabled = false;
  }
}

el('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(el('login-button'), async () => {
    try {
      const result = await api('POST', '/api/login', {
        username: el('username').value,
        password: el('password').value,
      });
      el('password').value = '';
      if (result.status === 200) {
        await refresh();
      } else if (result.status === 401) {
        showLogin('Wrong user name or password.');
      } else {
        showLogin((result.data && result.data.error) || `Log-in failed (${result.status}).`);
      }
    } catch (e) {
      showLogin('The server cannot be reached.');
    }
  });
});

el('visit-button').addEventListener('click', () => busy(el('visit-button'), async () => {
  const result = await api('POST', '/api/visits');
  if (result.status === 200) {
    el('views').textContent = result.data.views;
  }
  await refresh(); // the visit moved the expiry forward
}));

el('logout-button').addEventListener('click', () => busy(el('logout-button'), async () => {
  await api('POST', '/api/logout');
  showLogin();
}));

async function showStore() {
  try {
    const health = await api('GET', '/api/health');
    el('store-name').textContent = health.data.store;
    el('store-status').className = `status ${health.data.ok ? 'ok' : 'down'}`;
    el('store-status').title = health.data.ok ? 'the store answers' : 'the store does not answer';
  } catch (e) {
    el('store-status').className = 'status down';
  }
}

setInterval(tick, 1000);
showStore();
refresh();
