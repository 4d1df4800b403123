'use strict';

// The page only talks to the JSON API; the session cookie is HttpOnly and travels with each fetch by itself.

const el = (id) => document.getElementById(id);
const VIEWS = ['loading-view', 'login-view', 'dashboard-view'];
let expiresAt = null;
/** Counts the loads of the sessions list, so that an older answer never replaces a newer one. */
let sessionsLoads = 0;

// How a session ended, for the log-in form. This browser remembers, in localStorage (shared by its tabs, as the
// cookie is), until when its session lasts if idle, and forgets it when it logs out. When /api/me then says nobody
// is signed in, while this browser still held the session's cookie (this page was showing the session, or the server
// says the cookie it got names a session that is gone, rather than the browser having dropped the cookie when it
// closed): past that time, the session expired; before it, it was signed out from the "Your sessions" panel of
// another device, the only other way a session ends early in this demo, bar a restart of the demo with the local
// store or a random secret, which forgets every session and reads the same.
const SIGNED_IN = 'vertx-sessions-demo.signedIn';
/** Whether this page shows a signed-in session. */
let dashboardShown = false;

function rememberSignedIn(me) {
  try {
    localStorage.setItem(SIGNED_IN, JSON.stringify({ expiresAt: me.expiresAt }));
  } catch (e) {
    // storage disabled: the log-in form just says nothing about how a session ended
  }
}

/** What this browser remembered of its session, now forgotten; null if it remembered none. */
function forgetSignedIn() {
  try {
    const signedIn = JSON.parse(localStorage.getItem(SIGNED_IN));
    localStorage.removeItem(SIGNED_IN);
    return signedIn;
  } catch (e) {
    return null;
  }
}

/** Why this browser's session ended, from /api/me's anonymous answer; '' if it was not signed in. */
function whySignedOut(anonymous) {
  const signedIn = forgetSignedIn();
  if (!signedIn || !(dashboardShown || anonymous.sessionGone)) {
    return '';
  }
  return new Date(anonymous.now) >= new Date(signedIn.expiresAt) ? 'Your session expired.'
    : 'You were signed out from another device.';
}

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

/** To the minute: the time alone for today, else the date too. */
function formatDateTime(iso) {
  const date = new Date(iso);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === new Date().toDateString()) {
    return time;
  }
  return `${date.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}

function showLogin(message) {
  dashboardShown = false;
  expiresAt = null;
  hideSessions();
  el('login-error').textContent = message || '';
  el('login-error').hidden = !message;
  show('login-view');
  el('username').focus();
}

function showDashboard(me) {
  rememberSignedIn(me);
  dashboardShown = true;
  el('user-name').textContent = me.user;
  el('views').textContent = me.views;
  el('created-at').textContent = formatTime(me.createdAt);
  el('expires-at').textContent = formatTime(me.expiresAt);
  expiresAt = new Date(me.expiresAt);
  tick();
  show('dashboard-view');
  el('sessions-user').textContent = me.user;
  loadSessions();
}

// "Your sessions": where this user is signed in. The server names each session by an opaque handle, never by its ID.

function hideSessions() {
  sessionsLoads += 1; // an answer still on its way is for a page that is gone
  el('sessions-panel').hidden = true;
  el('sessions-list').replaceChildren();
}

function showSessionsError(message) {
  el('sessions-error').textContent = message;
  el('sessions-error').hidden = false;
  el('sessions-panel').hidden = false;
}

async function loadSessions() {
  const load = ++sessionsLoads;
  let result;
  try {
    result = await api('GET', '/api/sessions');
  } catch (e) {
    result = null;
  }
  if (load !== sessionsLoads) {
    return;
  }
  if (result === null) {
    showSessionsError('The server cannot be reached.');
  } else if (result.status === 200) {
    renderSessions(result.data.sessions);
  } else if (result.status === 401) {
    await signedOutMeanwhile();
  } else {
    showSessionsError((result.data && result.data.error) || `The server answered ${result.status}.`);
  }
}

function renderSessions(sessions) {
  el('sessions-list').replaceChildren(...sessions.map(sessionItem));
  el('revoke-others-button').hidden = !sessions.some((session) => !session.current);
  el('sessions-error').hidden = true;
  el('sessions-panel').hidden = false;
}

/** One session as a list item; the description comes from a request header, so it only ever goes in as text. */
function sessionItem(session) {
  const item = document.createElement('li');
  item.className = session.current ? 'session current' : 'session';
  item.dataset.handle = session.handle;

  const text = document.createElement('div');
  const name = document.createElement('strong');
  name.className = 'session-name';
  name.textContent = session.description || 'Unknown browser';
  text.append(name);
  if (session.current) {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = 'this device';
    text.append(' ', badge);
  }
  const times = document.createElement('div');
  times.className = 'session-times muted';
  times.textContent = `Signed in ${formatDateTime(session.createdAt)} · active ${formatDateTime(session.lastAccessedAt)}`;
  text.append(times);
  item.append(text);

  if (!session.current) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary small revoke-button';
    button.textContent = 'Sign out';
    button.setAttribute('aria-label', `Sign out ${name.textContent}, signed in ${formatDateTime(session.createdAt)}`);
    button.addEventListener('click', () => busy(button, () => revoking('/api/sessions/revoke', { handle: session.handle })));
    item.append(button);
  }
  return item;
}

/** Revokes, then shows the list as it is now; a 404 only means that session was gone already. */
async function revoking(path, body) {
  let result;
  try {
    result = await api('POST', path, body);
  } catch (e) {
    showSessionsError('The server cannot be reached.');
    return;
  }
  if (result.status === 401) {
    await signedOutMeanwhile();
    return;
  }
  await loadSessions();
  if (result.status !== 200 && result.status !== 404) {
    showSessionsError((result.data && result.data.error) || `Signing out failed (${result.status}).`);
  }
}

/** Asks who is signed in: {"user": "alice", ...}, or {"user": null, "now": ...} with the server's time. */
async function refresh() {
  try {
    const me = await api('GET', '/api/me');
    if (me.status === 200 && me.data.user) {
      showDashboard(me.data);
    } else if (me.status === 200) {
      showLogin(whySignedOut(me.data));
    } else {
      showLogin(`The server answered ${me.status}.`);
    }
  } catch (e) {
    showLogin('The server cannot be reached.');
  }
}

/** A 401 from the dashboard: its session ended meanwhile, and /api/me tells how. */
async function signedOutMeanwhile() {
  let me = null;
  try {
    me = await api('GET', '/api/me');
  } catch (e) {
    me = null;
  }
  const anonymous = me !== null && me.status === 200 && !me.data.user;
  showLogin((anonymous && whySignedOut(me.data)) || 'You were signed out.');
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
  forgetSignedIn(); // this browser signs itself out: nothing to tell
  await api('POST', '/api/logout');
  showLogin();
}));

el('revoke-others-button').addEventListener('click', () => busy(el('revoke-others-button'),
  () => revoking('/api/sessions/revoke-others', {})));

async function showStore() {
  try {
    // vertx-web's HealthCheckHandler: {"status": "UP", "checks": [{"id": "session-store", "data": {"store": ...}}]}
    const health = await api('GET', '/api/health');
    const up = health.data.status === 'UP';
    el('store-name').textContent = health.data.checks[0].data.store;
    el('store-status').className = `status ${up ? 'ok' : 'down'}`;
    el('store-status').title = up ? 'the store answers' : 'the store does not answer';
  } catch (e) {
    el('store-status').className = 'status down';
  }
}

setInterval(tick, 1000);
showStore();
refresh();
