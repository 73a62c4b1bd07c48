// Projects, their services with status badges, their internal repositories; create and delete.
import { useState } from 'preact/hooks';
import { gql } from '../api.js';
import { html, Badge, ErrorBox, formValues, useAction, useQuery } from '../ui.js';
import { GitTokenButton } from './git-token.js';

const PROJECTS = `{
  projects(first: 20) { edges { node {
    id name isDefault region
    services(first: 20) { edges { node { id name url latestDeployment { id status } } } }
    internalRepos(first: 20) { edges { node { id name } } }
  } } }
}`;

export function Projects() {
  const projects = useQuery(() => gql(PROJECTS), []);
  const create = useAction(
    (name) => gql('mutation($name: String!) { createProject(name: $name) { id } }', { name }),
    projects.reload,
  );
  const list = projects.data?.projects.edges.map((e) => e.node) ?? [];
  return html`
    <h1>Projects</h1>
    <${ErrorBox} error=${projects.error} />
    <form class="inline" onSubmit=${(e) => create.run(formValues(e).name)} aria-label="New project">
      <label>Project name <input name="name" id="new-project-name" required autocomplete="off" /></label>
      <button type="submit" id="create-project" disabled=${create.busy}>Create project</button>
    </form>
    <${ErrorBox} error=${create.error} />
    ${projects.loading && !projects.data ? html`<p>Loading…</p>` : ''}
    ${list.map((p) => html`<${ProjectCard} key=${p.id} project=${p} reload=${projects.reload} />`)}
  `;
}

function ProjectCard({ project, reload }) {
  const services = project.services.edges.map((e) => e.node);
  const repos = project.internalRepos.edges.map((e) => e.node);
  const createRepo = useAction(
    (name) =>
      gql('mutation($p: ID!, $name: String!) { createInternalRepo(projectId: $p, name: $name) { id } }', {
        p: project.id,
        name,
      }),
    reload,
  );
  const remove = useAction(() => gql('mutation($id: ID!) { deleteProject(id: $id) }', { id: project.id }), reload);
  return html`<section class="card project" data-project=${project.name} aria-labelledby=${`p-${project.id}`}>
    <h2 id=${`p-${project.id}`}>${project.name} ${project.isDefault ? html`<small>(default)</small>` : ''}</h2>
    <h3>Services</h3>
    ${services.length === 0 ? html`<p class="hint">No services yet.</p>` : ''}
    <ul class="services">
      ${services.map(
        (s) => html`<li data-service=${s.name}>
          <a href=${`#/services/${encodeURIComponent(s.id)}`}>${s.name}</a>
          <${Badge} status=${s.latestDeployment?.status} />
          <span class="url">${s.url}</span>
        </li>`,
      )}
    </ul>
    <${NewService} project=${project} repos=${repos} reload=${reload} />
    <h3>Repositories</h3>
    <ul class="repos">
      ${repos.map(
        (r) => html`<li data-repo=${r.name}>
          <span>${r.name}</span> <${GitTokenButton} repoId=${r.id} />
        </li>`,
      )}
    </ul>
    <form class="inline" onSubmit=${(e) => createRepo.run(formValues(e).name)}>
      <label>Repository name <input name="name" class="new-repo-name" required autocomplete="off" /></label>
      <button type="submit" class="create-repo" disabled=${createRepo.busy}>Create repository</button>
    </form>
    <${ErrorBox} error=${createRepo.error} />
    ${services.length === 0
      ? html`<${Confirmed} what="project" name=${project.name} action=${remove} />`
      : ''}
  </section>`;
}

function NewService({ project, repos, reload }) {
  const create = useAction((values) => {
    const input = { projectId: project.id, name: values.name };
    if (values.source.startsWith('repo:')) input.repoId = values.source.slice(5);
    else input.githubRepo = values.githubRepo;
    if (values.branch) input.branch = values.branch;
    return gql('mutation($input: CreateServiceInput!) { createService(input: $input) { id } }', { input });
  }, (data) => {
    reload();
    if (data) location.hash = `#/services/${encodeURIComponent(data.createService.id)}`;
  });
  // Until someone picks, the newest list decides: the first repository, else GitHub.
  const [picked, setSource] = useState(null);
  const source = picked ?? (repos.length ? `repo:${repos[0].id}` : 'github');
  return html`<details class="new-service">
    <summary>New service</summary>
    <form onSubmit=${(e) => create.run(formValues(e))} aria-label=${`New service in ${project.name}`}>
      <label>Service name <input name="name" class="new-service-name" required autocomplete="off" /></label>
      <label>Source
        <select name="source" class="new-service-source" value=${source} onChange=${(e) => setSource(e.currentTarget.value)}>
          ${repos.map((r) => html`<option value=${`repo:${r.id}`}>repository ${r.name}</option>`)}
          <option value="github">a GitHub repository</option>
        </select>
      </label>
      ${source === 'github'
        ? html`<label>GitHub repository (owner/name) <input name="githubRepo" autocomplete="off" /></label>`
        : ''}
      <label>Branch <input name="branch" placeholder="main" autocomplete="off" /></label>
      <button type="submit" class="create-service" disabled=${create.busy}>Create and deploy</button>
    </form>
    <${ErrorBox} error=${create.error} />
  </details>`;
}

/** A delete that asks for the name first. */
export function Confirmed({ what, name, action }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  if (!open) {
    return html`<button type="button" class="danger" onClick=${() => setOpen(true)}>Delete ${what}…</button>`;
  }
  return html`<form class="confirm" onSubmit=${(e) => { e.preventDefault(); action.run(); }}>
    <label>Type <code>${name}</code> to delete this ${what}
      <input class="confirm-name" value=${typed} onInput=${(e) => setTyped(e.currentTarget.value)} autocomplete="off" />
    </label>
    <button type="submit" class="danger confirm-delete" disabled=${typed !== name || action.busy}>Delete ${what}</button>
    <button type="button" onClick=${() => setOpen(false)}>Keep it</button>
    <${ErrorBox} error=${action.error} />
  </form>`;
}
