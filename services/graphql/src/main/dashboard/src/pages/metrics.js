// Memory working set against the plan's limit, CPU and network, drawn with uPlot.
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { gql } from '../api.js';
import { html, ErrorBox } from '../ui.js';

const METRICS = `query($s: ID!) { serviceMetrics(serviceId: $s, range: "15m", step: "15s") {
  limits { memoryBytes cpuCores }
  memoryWorkingSetBytes { at value } cpuCores { at value }
  networkReceiveBytesPerSecond { at value } networkTransmitBytesPerSecond { at value }
} }`;
const REFRESH_MS = 5000;
const MIB = 1024 * 1024;

function columns(series, scale = 1) {
  return [series.map((p) => Date.parse(p.at) / 1000), series.map((p) => p.value / scale)];
}

export function Metrics({ serviceId }) {
  const [metrics, setMetrics] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let current = true;
    const load = () =>
      gql(METRICS, { s: serviceId }).then(
        (data) => current && (setMetrics(data.serviceMetrics), setError(null)),
        (failure) => current && setError(failure),
      );
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [serviceId]);

  let memory = null;
  let cpu = null;
  let network = null;
  if (metrics) {
    const [t, used] = columns(metrics.memoryWorkingSetBytes, MIB);
    memory = [t, used, t.map(() => metrics.limits.memoryBytes / MIB)];
    cpu = columns(metrics.cpuCores);
    const [rt, received] = columns(metrics.networkReceiveBytesPerSecond, 1024);
    const sent = metrics.networkTransmitBytesPerSecond.map((p) => p.value / 1024);
    network = [rt, received, rt.map((_, i) => sent[i] ?? null)];
  }
  return html`<section class="card" aria-labelledby="metrics-h">
    <h2 id="metrics-h">Metrics <small>(last 15 minutes)</small></h2>
    <${ErrorBox} error=${error} />
    <${Chart} id="memory-chart" title="Memory (MiB): working set and limit" data=${memory}
      series=${[{ label: 'working set', stroke: '#2563eb' }, { label: 'limit', stroke: '#dc2626', dash: [6, 4] }]} />
    <${Chart} id="cpu-chart" title="CPU (cores)" data=${cpu} series=${[{ label: 'cores', stroke: '#059669' }]} />
    <${Chart} id="network-chart" title="Network (KiB/s)" data=${network}
      series=${[{ label: 'received', stroke: '#7c3aed' }, { label: 'sent', stroke: '#d97706' }]} />
  </section>`;
}

// The window the query asks for, whatever the points: with one point uPlot would otherwise
// stretch the axis over years.
function lastFifteenMinutes() {
  const now = Date.now() / 1000;
  return [now - 15 * 60, now];
}

function Chart({ id, title, data, series }) {
  const box = useRef(null);
  const plot = useRef(null);
  useEffect(() => {
    if (!data || !box.current) return;
    if (!plot.current) {
      const width = Math.max(280, Math.min(box.current.clientWidth || 600, 900));
      plot.current = new uPlot(
        { width, height: 180, legend: { live: false }, scales: { x: { time: true, range: lastFifteenMinutes } }, series: [{}, ...series.map((s) => ({ ...s, width: 2 }))], axes: [{}, { size: 60 }] },
        data,
        box.current,
      );
    } else {
      plot.current.setData(data);
    }
  }, [data]);
  useEffect(() => () => plot.current?.destroy(), []);
  const points = data ? data[0].length : 0;
  return html`<figure class="chart" id=${id} data-points=${points}>
    <figcaption>${title}${points === 0 ? ' — no points yet' : ''}</figcaption>
    <div ref=${box}></div>
  </figure>`;
}
