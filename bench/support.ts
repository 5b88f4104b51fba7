import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';

/** p50/p95/p99/mean of a list of milliseconds. */
export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean };
}

/** One line of figures; p99 only where there are enough samples for it to mean something. */
export function printStats(label: string, samples: number[], unit = 'ms') {
  const s = stats(samples);
  const p99 = s.n >= 100 ? `  p99=${s.p99.toFixed(2)} ${unit}` : '';
  console.log(`${label.padEnd(48)} n=${String(s.n).padStart(4)}  p50=${s.p50.toFixed(2)} ${unit}  p95=${s.p95.toFixed(2)} ${unit}${p99}  mean=${s.mean.toFixed(2)} ${unit}`);
}

export function gzippedKb(file: string): string {
  return (gzipSync(readFileSync(file)).length / 1024).toFixed(1) + ' KB';
}

/** The built chunk whose file name starts with a prefix (dist/chunks is hashed). */
export function chunk(prefix: string): string | undefined {
  const name = readdirSync('dist/chunks').find((f) => f.startsWith(prefix));
  return name && `dist/chunks/${name}`;
}
