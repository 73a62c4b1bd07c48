// Environment variables: names only until revealed; set, change and delete.
import { useState } from 'preact/hooks';
import { gql } from '../api.js';
import { html, ErrorBox, formValues, useAction } from '../ui.js';

export function Variables({ service, reload }) {
  const [values, setValues] = useState(null);
  const reveal = useAction(
    () => gql('query($s: ID!) { revealVariables(serviceId: $s) { name value } }', { s: service.id }),
    (data) => data && setValues(Object.fromEntries(data.revealVariables.map((v) => [v.name, v.value]))),
  );
  const set = useAction(
    (variable) =>
      gql('mutation($s: ID!, $v: [VariableInput!]!) { setVariables(serviceId: $s, variables: $v) { id } }', {
        s: service.id,
        v: [variable],
      }),
    () => {
      setValues(null);
      reload();
    },
  );
  const remove = useAction(
    (name) =>
      gql('mutation($s: ID!, $n: [String!]!) { deleteVariables(serviceId: $s, names: $n) { id } }', {
        s: service.id,
        n: [name],
      }),
    () => {
      setValues(null);
      reload();
    },
  );
  return html`<section class="card" aria-labelledby="variables-h">
    <h2 id="variables-h">Variables</h2>
    <p class="hint">Changes apply to the next deployment.</p>
    <table class="variables">
      <thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>
        ${service.variableNames.map(
          (name) => html`<tr data-variable=${name}>
            <td><code>${name}</code></td>
            <td class="variable-value">${values ? html`<code>${values[name]}</code>` : html`<span aria-label="hidden">••••••</span>`}</td>
            <td><button type="button" class="small" onClick=${() => remove.run(name)} aria-label=${`Delete ${name}`}>Delete</button></td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${service.variableNames.length
      ? html`<button type="button" class="small" id="reveal-variables" onClick=${() => (values ? setValues(null) : reveal.run())}>
          ${values ? 'Hide values' : 'Reveal values'}
        </button>`
      : ''}
    <form class="inline" onSubmit=${(e) => set.run(formValues(e))} aria-label="Set a variable">
      <label>Name <input name="name" id="variable-name" required autocomplete="off" /></label>
      <label>Value <input name="value" id="variable-value" autocomplete="off" /></label>
      <button type="submit" id="set-variable" disabled=${set.busy}>Set</button>
    </form>
    <${ErrorBox} error=${reveal.error || set.error || remove.error} />
  </section>`;
}
