import { html, ErrorBox } from '../ui.js';

export function SignIn({ error }) {
  return html`<main class="sign-in">
    <h1>Sign in to MCPDeploy</h1>
    <${ErrorBox} error=${error} />
    <p><a class="button" id="github-sign-in" href="/auth/github/login">Sign in with GitHub</a></p>
    <p class="hint">
      On a local platform, open the one-time sign-in link that <code>./run-platform</code> printed.
    </p>
  </main>`;
}
