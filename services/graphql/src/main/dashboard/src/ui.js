// Small shared pieces. Everything user-supplied is rendered as text through Preact (never as HTML).
import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

/** The API's error as it said it: message, the field it names and its code. */
export function ErrorBox({ error }) {
  if (!error) return null;
  const errors = error.errors ?? [{ message: error.message }];
  return html`<div class="error" role="alert">
    ${errors.map(
      (e) => html`<p>
        ${e.extensions?.field ? html`<strong class="error-field">${e.extensions.field}</strong>: ` : ''}
        <span class="error-message">${e.message}</span>
        ${e.extensions?.code ? html` <code class="error-code">${e.extensions.code}</code>` : ''}
      </p>`,
    )}
  </div>`;
}

const LIVE = new Set(['QUEUED', 'BUILDING', 'DEPLOYING']);
const GOOD = new Set(['ACTIVE']);
const BAD = new Set(['FAILED', 'CRASHED', 'CANCELLED']);

export function isLive(status) {
  return LIVE.has(status);
}

export function Badge({ status }) {
  const tone = GOOD.has(status) ? 'good' : BAD.has(status) ? 'bad' : LIVE.has(status) ? 'live' : 'quiet';
  return html`<span class=${`badge badge-${tone}`} data-status=${status || 'NONE'}>${status || 'not deployed'}</span>`;
}

export function CopyButton({ text, label = 'Copy' }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone(true);
      setTimeout(() => setDone(false), 1500);
    } catch {
      setDone(false);
    }
  };
  return html`<button type="button" class="small" onClick=${copy} aria-label=${`${label}: ${text}`}>
    ${done ? 'Copied' : label}
  </button>`;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** Runs an action, keeping its answer, its error and whether it runs, for a form or a button. */
export function useAction(action, after = () => {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [data, setData] = useState(null);
  const run = useCallback(
    async (...args) => {
      setBusy(true);
      setError(null);
      try {
        const result = await action(...args);
        setData(result);
        after(result);
        return result;
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action, after],
  );
  return { run, busy, error, data };
}

/** Loads data; reload() fetches again. */
export function useQuery(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error) => current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

/** Reads a form's named fields into an object. */
export function formValues(event) {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.currentTarget).entries());
}
