// API keys for programs and agents: the secret is shown once, when made.
import { gql } from '../api.js';
import { html, CopyButton, ErrorBox, formValues, time, useAction, useQuery } from '../ui.js';

const KEYS = `{ apiKeys(first: 100) { edges { node { id name prefix createdAt lastUsedAt revoked } } } }`;

export function ApiKeys() {
  const keys = useQuery(() => gql(KEYS), []);
  const create = useAction(
    (name) => gql('mutation($n: String!) { createApiKey(name: $n) { secret } }', { n: name }),
    keys.reload,
  );
  const revoke = useAction((id) => gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id }), keys.reload);
  const list = keys.data?.apiKeys.edges.map((e) => e.node) ?? [];
  const secret = create.data?.createApiKey.secret;
  return html`
    <h1>API keys</h1>
    <${ErrorBox} error=${keys.error} />
    <form class="inline" onSubmit=${(e) => create.run(formValues(e).name)} aria-label="New API key">
      <label>Key name <input name="name" id="new-key-name" required autocomplete="off" /></label>
      <button type="submit" disabled=${create.busy}>Create key</button>
    </form>
    <${ErrorBox} error=${create.error} />
    ${secret
      ? html`<p class="secret">New key (shown once): <code id="new-key-secret">${secret}</code> <${CopyButton} text=${secret} /></p>`
      : ''}
    <table class="keys">
      <thead><tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>
        ${list.map(
          (k) => html`<tr data-key=${k.name}>
            <td>${k.name}</td><td><code>${k.prefix}</code></td><td>${time(k.createdAt)}</td><td>${time(k.lastUsedAt) || 'never'}</td>
            <td>${k.revoked ? 'revoked' : html`<button type="button" class="small danger" onClick=${() => revoke.run(k.id)} aria-label=${`Revoke ${k.name}`}>Revoke</button>`}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <${ErrorBox} error=${revoke.error} />
  `;
}
