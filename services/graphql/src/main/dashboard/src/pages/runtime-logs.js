// What the running app writes: the last lines, a search, and a live tail over graphql-ws.
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql, subscribe } from '../api.js';
import { html, ErrorBox, formValues } from '../ui.js';

const RECENT = `query($s: ID!, $q: String) { serviceLogs(serviceId: $s, search: $q, first: 200) {
  edges { node { timestamp stream text } } } }`;
const TAIL = `subscription($s: ID!, $q: String) { serviceLogs(serviceId: $s, search: $q) { timestamp stream text } }`;
const KEEP = 1000;

export function RuntimeLogs({ serviceId }) {
  const [search, setSearch] = useState('');
  const [tail, setTail] = useState(true);
  const [lines, setLines] = useState([]);
  const [error, setError] = useState(null);
  const box = useRef(null);

  useEffect(() => {
    let stop = () => {};
    let current = true;
    setError(null);
    gql(RECENT, { s: serviceId, q: search || null }).then(
      (data) => {
        if (!current) return;
        setLines(data.serviceLogs.edges.map((e) => e.node));
        if (tail) {
          stop = subscribe(
            TAIL,
            { s: serviceId, q: search || null },
            (d) => d.serviceLogs && setLines((list) => [...list, d.serviceLogs].slice(-KEEP)),
            (failure) => failure && setError(failure),
          );
        }
      },
      (failure) => current && setError(failure),
    );
    return () => {
      current = false;
      stop();
    };
  }, [serviceId, search, tail]);

  useEffect(() => {
    if (box.current && tail) box.current.scrollTop = box.current.scrollHeight;
  }, [lines.length]);

  return html`<section class="card" aria-labelledby="logs-h">
    <h2 id="logs-h">Runtime logs</h2>
    <form class="inline" onSubmit=${(e) => setSearch(formValues(e).search.trim())} role="search">
      <label>Search <input name="search" id="log-search" autocomplete="off" /></label>
      <button type="submit">Search</button>
      <label class="check"><input type="checkbox" id="log-tail" checked=${tail} onChange=${(e) => setTail(e.currentTarget.checked)} /> Live tail</label>
    </form>
    <${ErrorBox} error=${error} />
    <pre class="log runtime-log" ref=${box} tabindex="0" aria-label="Runtime logs">${lines.map(
      (l) => html`<span class=${`line ${l.stream === 'STDERR' ? 'stderr' : ''}`}>${new Date(l.timestamp).toLocaleTimeString()} ${l.text}\n</span>`,
    )}</pre>
  </section>`;
}
