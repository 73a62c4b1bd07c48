// The MCPDeploy dashboard: a hash-routed single page on the public GraphQL API.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql, openSession, signOut } from './api.js';
import { html } from './ui.js';
import { SignIn } from './pages/sign-in.js';
import { Projects } from './pages/projects.js';
import { ServicePage } from './pages/service.js';
import { ApiKeys } from './pages/api-keys.js';
import './style.css';

function route() {
  const path = location.hash.replace(/^#/, '') || '/';
  const service = path.match(/^\/services\/([^/]+)$/);
  if (service) return { page: 'service', id: decodeURIComponent(service[1]) };
  if (path === '/api-keys') return { page: 'api-keys' };
  return { page: 'projects' };
}

/** A sign-in link (`#token=…`, from GitHub sign-in or ./run-platform) becomes the session cookie. */
async function takeSignInLink() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return;
  history.replaceState(null, '', `${location.pathname}#/`);
  await openSession(token);
}

function App() {
  const [session, setSession] = useState({ state: 'checking' });
  const [where, setWhere] = useState(route());

  useEffect(() => {
    const onHash = () => setWhere(route());
    addEventListener('hashchange', onHash);
    (async () => {
      try {
        await takeSignInLink();
      } catch (error) {
        // A spent or expired link: say so, whatever the browser's cookie holds.
        setSession({ state: 'out', error });
        return;
      }
      try {
        const data = await gql('{ me { id email displayName } }');
        setSession({ state: 'in', me: data.me });
      } catch (error) {
        setSession({ state: 'out', error: error.code === 'UNAUTHENTICATED' ? null : error });
      }
      setWhere(route());
    })();
    return () => removeEventListener('hashchange', onHash);
  }, []);

  if (session.state === 'checking') return html`<main><p>Loading…</p></main>`;
  if (session.state === 'out') return html`<${SignIn} error=${session.error} />`;

  const leave = async () => {
    try {
      await signOut();
    } finally {
      setSession({ state: 'out' });
    }
  };
  return html`
    <header class="top">
      <a class="brand" href="#/">MCPDeploy</a>
      <nav aria-label="Main">
        <a href="#/" aria-current=${where.page === 'projects' ? 'page' : null}>Projects</a>
        <a href="#/api-keys" aria-current=${where.page === 'api-keys' ? 'page' : null}>API keys</a>
      </nav>
      <span class="who" data-user-id=${session.me.id}>${session.me.displayName || session.me.email || session.me.id}</span>
      <button type="button" class="small" onClick=${leave}>Sign out</button>
    </header>
    <main>
      ${where.page === 'service'
        ? html`<${ServicePage} key=${where.id} id=${where.id} />`
        : where.page === 'api-keys'
          ? html`<${ApiKeys} />`
          : html`<${Projects} />`}
    </main>
  `;
}

render(html`<${App} />`, document.getElementById('app'));
