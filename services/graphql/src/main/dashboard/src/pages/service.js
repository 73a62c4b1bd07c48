// One service: its URL, actions, deployments timeline (live over graphql-ws), build log, runtime
// logs, metrics, variables, custom domains and git remote.
import { useEffect } from 'preact/hooks';
import { gql } from '../api.js';
import { html, Badge, ErrorBox, useAction, useQuery } from '../ui.js';
import { Confirmed } from './projects.js';
import { Deployments } from './deployments.js';
import { Variables } from './variables.js';
import { RuntimeLogs } from './runtime-logs.js';
import { Metrics } from './metrics.js';
import { Domains } from './domains.js';
import { Settings } from './settings.js';
import { GitTokenButton } from './git-token.js';

const SERVICE = `query($id: ID!) {
  service(id: $id) {
    id name projectId url hostname cnameTarget sourceKind internalRepoId internalRepoName githubRepo branch
    variableNames memoryMi vcpu build port rootDirectory dockerfilePath installCommand buildCommand startCommand
    latestDeployment { id status }
    customDomains { id domain verified certificateStatus certificateError lastCheckError lastCheckedAt
      records { type name expected found status } }
  }
  deployments(serviceId: $id, first: 20) { edges { node {
    id status trigger commitSha createdAt finishedAt errorMessage errorStep imageRef rollbackOf
  } } }
}`;

const REFRESH_MS = 10000;

export function ServicePage({ id }) {
  const loaded = useQuery(() => gql(SERVICE, { id }), [id]);
  // Deployments started elsewhere (a git push, an agent) show up without a reload.
  useEffect(() => {
    const timer = setInterval(loaded.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [id]);
  const service = loaded.data?.service;
  const deployments = loaded.data?.deployments.edges.map((e) => e.node) ?? [];
  const current = deployments.find((d) => d.status === 'ACTIVE');

  const deploy = useAction(() => gql('mutation($s: ID!) { deployService(serviceId: $s) { id } }', { s: id }), loaded.reload);
  const rollback = useAction(
    () => gql('mutation($s: ID!) { rollbackDeployment(serviceId: $s) { id } }', { s: id }),
    loaded.reload,
  );
  const remove = useAction(
    () => gql('mutation($s: ID!) { deleteService(id: $s) }', { s: id }),
    () => (location.hash = '#/'),
  );

  if (!service) {
    return html`<${ErrorBox} error=${loaded.error} />${loaded.loading ? html`<p>Loading…</p>` : ''}`;
  }
  return html`
    <p><a href="#/">← Projects</a></p>
    <h1 class="service-name">${service.name} <${Badge} status=${service.latestDeployment?.status} /></h1>
    <${ErrorBox} error=${loaded.error} />
    <p class="service-url">URL: <a id="service-url" href=${service.url} target="_blank" rel="noopener noreferrer">${service.url}</a></p>
    <div class="actions">
      <button type="button" id="deploy" onClick=${() => deploy.run()} disabled=${deploy.busy}>Deploy newest commit</button>
      <button type="button" id="rollback" onClick=${() => rollback.run()} disabled=${rollback.busy || !current}>Roll back</button>
      <${Confirmed} what="service" name=${service.name} action=${remove} />
    </div>
    <${ErrorBox} error=${deploy.error} />
    <div class="rollback-error"><${ErrorBox} error=${rollback.error} /></div>
    <${Deployments} deployments=${deployments} reload=${loaded.reload} />
    <${RuntimeLogs} serviceId=${id} />
    <${Metrics} serviceId=${id} />
    <${Variables} service=${service} reload=${loaded.reload} />
    <${Settings} service=${service} reload=${loaded.reload} />
    <${Domains} service=${service} reload=${loaded.reload} />
    <section class="card" aria-labelledby="git-h">
      <h2 id="git-h">Source</h2>
      ${service.sourceKind === 'INTERNAL'
        ? html`<p>Repository <code>${service.internalRepoName}</code>, branch <code>${service.branch}</code></p>
            <${GitTokenButton} repoId=${service.internalRepoId} />`
        : html`<p>GitHub <code>${service.githubRepo}</code>, branch <code>${service.branch}</code></p>`}
    </section>
  `;
}
