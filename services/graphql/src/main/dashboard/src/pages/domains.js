// Custom domains: the two DNS records to create, each copyable with its own status.
import { gql } from '../api.js';
import { html, CopyButton, ErrorBox, formValues, time, useAction } from '../ui.js';

export function Domains({ service, reload }) {
  const add = useAction(
    (domain) =>
      gql('mutation($s: ID!, $d: String!) { addCustomDomain(serviceId: $s, domain: $d) { id } }', {
        s: service.id,
        d: domain,
      }),
    reload,
  );
  return html`<section class="card" aria-labelledby="domains-h">
    <h2 id="domains-h">Custom domains</h2>
    ${service.customDomains.map((d) => html`<${Domain} key=${d.id} domain=${d} reload=${reload} />`)}
    <form class="inline" onSubmit=${(e) => add.run(formValues(e).domain)} aria-label="Add a custom domain">
      <label>Domain <input name="domain" id="new-domain" required autocomplete="off" placeholder="app.example.com" /></label>
      <button type="submit" disabled=${add.busy}>Add domain</button>
    </form>
    <${ErrorBox} error=${add.error} />
  </section>`;
}

function Domain({ domain, reload }) {
  const verify = useAction(() => gql('mutation($id: ID!) { verifyCustomDomain(id: $id) { id } }', { id: domain.id }), reload);
  const remove = useAction(() => gql('mutation($id: ID!) { removeCustomDomain(id: $id) }', { id: domain.id }), reload);
  return html`<div class="domain" data-domain=${domain.domain}>
    <h3>${domain.domain} <span class=${`badge ${domain.verified ? "badge-good" : "badge-quiet"}`}>${domain.verified ? 'verified' : 'not verified'}</span>
      <small> certificate ${domain.certificateStatus.toLowerCase()}</small></h3>
    ${domain.certificateError ? html`<p class="failure">${domain.certificateError}</p>` : ''}
    ${domain.lastCheckError ? html`<p class="failure">${domain.lastCheckError}</p>` : ''}
    <table class="records">
      <thead><tr><th scope="col">Type</th><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Status</th></tr></thead>
      <tbody>
        ${domain.records.map(
          (r) => html`<tr>
            <td>${r.type}</td>
            <td><code>${r.name}</code> <${CopyButton} text=${r.name} /></td>
            <td><code>${r.expected}</code> <${CopyButton} text=${r.expected} /></td>
            <td><span class=${`badge ${r.status === "OK" ? "badge-good" : r.status === "PENDING" ? "badge-quiet" : "badge-bad"}`}>${r.status}</span>
              ${r.found && r.status !== 'OK' ? html`<small> found ${r.found}</small>` : ''}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <p class="hint">${domain.lastCheckedAt ? `Last checked ${time(domain.lastCheckedAt)}` : 'Not checked yet'}</p>
    <button type="button" class="small" onClick=${() => verify.run()} disabled=${verify.busy}>Check now</button>
    <button type="button" class="small danger" onClick=${() => remove.run()} disabled=${remove.busy}>Remove</button>
    <${ErrorBox} error=${verify.error || remove.error} />
  </div>`;
}
