// A service's settings (updateService): how it is built, where it listens, its size and branch.
// Only the fields the user changed are sent, so a setting left alone is never rewritten, and an
// emptied command field clears that command (the API's own rule: empty clears it).
import { gql } from '../api.js';
import { html, ErrorBox, useAction } from '../ui.js';

const BUILDS = ['auto', 'dockerfile', 'node', 'python', 'go', 'static', 'java'];
const MEMORY = [256, 512, 1024, 2048, 4096];
const VCPU = ['0.5', '1', '2', '4'];
const TEXT = ['branch', 'rootDirectory', 'dockerfilePath', 'installCommand', 'buildCommand', 'startCommand'];

/** The fields of the form whose value differs from the service's, typed as the API takes them. */
export function changedSettings(service, form) {
  const changes = {};
  for (const name of TEXT) {
    if (form[name] !== undefined && form[name] !== (service[name] ?? '')) changes[name] = form[name];
  }
  if (form.build !== service.build) changes.build = form.build;
  if (Number(form.port) !== service.port) changes.port = Number(form.port);
  if (Number(form.memoryMi) !== service.memoryMi) changes.memoryMi = Number(form.memoryMi);
  if (form.vcpu !== service.vcpu) changes.vcpu = form.vcpu;
  return changes;
}

/** The choices, with the service's own value among them even when the list has no such entry. */
function choices(list, current) {
  return list.includes(current) ? list : [...list, current];
}

export function Settings({ service, reload }) {
  const save = useAction(async (form) => {
    const input = changedSettings(service, form);
    if (Object.keys(input).length === 0) return null;
    return gql('mutation($id: ID!, $input: UpdateServiceInput!) { updateService(id: $id, input: $input) { id } }', {
      id: service.id,
      input,
    });
  }, reload);
  const submit = (event) => {
    event.preventDefault();
    save.run(Object.fromEntries(new FormData(event.currentTarget).entries()));
  };
  const text = (name, label, hint) => html`<label>
    ${label} <input name=${name} id=${`setting-${name}`} value=${service[name] ?? ''} autocomplete="off" placeholder=${hint} />
  </label>`;
  const generated = service.build !== 'dockerfile';
  return html`<section class="card" aria-labelledby="settings-h">
    <h2 id="settings-h">Settings</h2>
    <p class="hint">Saved settings apply to the next deployment.</p>
    <form class="settings" onSubmit=${submit} aria-label="Service settings">
      <label>Build
        <select name="build" id="setting-build">
          ${choices(BUILDS, service.build).map((b) => html`<option value=${b} selected=${b === service.build}>${b}</option>`)}
        </select>
      </label>
      ${text('branch', 'Branch')}
      ${text('rootDirectory', 'Root directory', 'the repository root')}
      ${text('dockerfilePath', 'Dockerfile path')}
      ${generated ? text('installCommand', 'Install command', 'detected') : ''}
      ${generated ? text('buildCommand', 'Build command', 'detected') : ''}
      ${generated ? text('startCommand', 'Start command', 'detected') : ''}
      <label>Port <input name="port" id="setting-port" type="number" min="1" max="65535" value=${service.port} /></label>
      <label>Memory (MiB)
        <select name="memoryMi" id="setting-memory">
          ${choices(MEMORY, service.memoryMi).map((m) => html`<option value=${m} selected=${m === service.memoryMi}>${m}</option>`)}
        </select>
      </label>
      <label>vCPU
        <select name="vcpu" id="setting-vcpu">
          ${choices(VCPU, service.vcpu).map((v) => html`<option value=${v} selected=${v === service.vcpu}>${v}</option>`)}
        </select>
      </label>
      <button type="submit" id="save-settings" disabled=${save.busy}>Save settings</button>
    </form>
    <${ErrorBox} error=${save.error} />
  </section>`;
}
