// A new push token for an internal repository: shown once, with the remote to push to.
import { gql } from '../api.js';
import { html, CopyButton, ErrorBox, time, useAction } from '../ui.js';

export function GitTokenButton({ repoId }) {
  const issue = useAction(() =>
    gql('mutation($r: ID!) { createGitToken(repoId: $r) { remoteUrl token expiresAt } }', { r: repoId }),
  );
  const token = issue.data?.createGitToken;
  return html`<span class="git-token">
    <button type="button" class="small new-git-token" onClick=${() => issue.run()} disabled=${issue.busy}>New push token</button>
    <${ErrorBox} error=${issue.error} />
    ${token
      ? html`<dl class="token">
          <dt>Remote</dt><dd><code class="git-remote">${token.remoteUrl}</code> <${CopyButton} text=${token.remoteUrl} /></dd>
          <dt>Token (user <code>git</code>; shown once, until ${time(token.expiresAt)})</dt>
          <dd><code class="git-token-secret">${token.token}</code> <${CopyButton} text=${token.token} /></dd>
        </dl>`
      : ''}
  </span>`;
}
