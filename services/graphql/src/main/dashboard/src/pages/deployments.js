// The deployments timeline: each deployment's status; the chosen one's events and build log stream
// over graphql-ws until it ends.
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql, subscribe } from '../api.js';
import { html, Badge, ErrorBox, isLive, time, useAction } from '../ui.js';

const EVENTS = `subscription($d: ID!) { deploymentEvents(deploymentId: $d) { id step status message createdAt } }`;
const BUILD_LOG = `subscription($d: ID!) { buildLogs(deploymentId: $d) { lineNo line } }`;

export function Deployments({ deployments, reload }) {
  const [chosen, setChosen] = useState(null);
  const shown = deployments.find((d) => d.id === chosen) ?? deployments[0];
  return html`<section class="card" aria-labelledby="deployments-h">
    <h2 id="deployments-h">Deployments</h2>
    ${deployments.length === 0 ? html`<p class="hint">No deployments yet.</p>` : ''}
    <ol class="timeline">
      ${deployments.map(
        (d) => html`<li class=${d === shown ? 'chosen' : ''} data-deployment=${d.id} data-status=${d.status}>
          <button type="button" class="link" onClick=${() => setChosen(d.id)} aria-pressed=${d === shown}>
            <${Badge} status=${d.status} /> <code>${d.commitSha.slice(0, 8)}</code> ${d.trigger.toLowerCase().replace('_', ' ')}
            <span class="when">${time(d.createdAt)}</span>
          </button>
          <${DeploymentActions} deployment=${d} reload=${reload} />
          ${d.errorMessage ? html`<p class="failure">${d.errorStep ? `${d.errorStep}: ` : ''}${d.errorMessage}</p>` : ''}
        </li>`,
      )}
    </ol>
    ${shown ? html`<${DeploymentDetail} key=${shown.id} deployment=${shown} reload=${reload} />` : ''}
  </section>`;
}

function DeploymentActions({ deployment, reload }) {
  const redeploy = useAction(
    () => gql('mutation($d: ID!) { redeployDeployment(deploymentId: $d) { id } }', { d: deployment.id }),
    reload,
  );
  const rollback = useAction(
    () => gql('mutation($d: ID!) { rollbackDeployment(deploymentId: $d) { id } }', { d: deployment.id }),
    reload,
  );
  const cancel = useAction(
    () => gql('mutation($d: ID!) { cancelDeployment(deploymentId: $d) { id } }', { d: deployment.id }),
    reload,
  );
  return html`<span class="deployment-actions">
    ${isLive(deployment.status)
      ? html`<button type="button" class="small cancel" onClick=${() => cancel.run()} disabled=${cancel.busy}>Cancel</button>`
      : html`<button type="button" class="small redeploy" onClick=${() => redeploy.run()} disabled=${redeploy.busy}>Redeploy</button>`}
    ${deployment.imageRef && deployment.status !== 'ACTIVE' && !isLive(deployment.status)
      ? html`<button type="button" class="small rollback-to" onClick=${() => rollback.run()} disabled=${rollback.busy}>Roll back to this</button>`
      : ''}
    <${ErrorBox} error=${redeploy.error || rollback.error || cancel.error} />
  </span>`;
}

function DeploymentDetail({ deployment, reload }) {
  const [events, setEvents] = useState([]);
  const [lines, setLines] = useState([]);
  const [error, setError] = useState(null);
  const logBox = useRef(null);

  useEffect(() => {
    const stopEvents = subscribe(
      EVENTS,
      { d: deployment.id },
      (data) => {
        if (!data.deploymentEvents) return;
        setEvents((list) => [...list, data.deploymentEvents]);
        reload();
      },
      (failure) => {
        if (failure) setError(failure);
        reload();
      },
    );
    const stopLog = subscribe(
      BUILD_LOG,
      { d: deployment.id },
      (data) => data.buildLogs && setLines((list) => [...list, data.buildLogs]),
      (failure) => failure && setError(failure),
    );
    return () => {
      stopEvents();
      stopLog();
    };
  }, [deployment.id]);

  useEffect(() => {
    const box = logBox.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [lines.length]);

  return html`<div class="deployment-detail">
    <h3>Deployment <code>${deployment.id}</code></h3>
    <${ErrorBox} error=${error} />
    <ol class="events" aria-label="Events">
      ${events.map(
        (e) => html`<li data-step=${e.step} data-event-status=${e.status}>
          <span class="when">${time(e.createdAt)}</span> <strong>${e.step}</strong> ${e.status.toLowerCase()}
          ${e.message ? html` — <span>${e.message}</span>` : ''}
        </li>`,
      )}
    </ol>
    <h3>Build log</h3>
    <pre class="log build-log" ref=${logBox} tabindex="0" aria-label="Build log">${lines.map((l) => `${l.line}\n`).join('')}</pre>
  </div>`;
}
