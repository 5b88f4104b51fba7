import { spawn, type ChildProcess } from 'node:child_process';
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

/** A process's resident memory in KB from /proc: now (VmRSS) or its peak so far (VmHWM). */
export function rssKb(pid: number, key: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(key + ':'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}

/**
 * The server as a process of its own (`server/main.ts` on `port`, demo on, no log, plus `env`),
 * once it answers `/healthz`; the caller stops it (`child.kill()`).
 */
export async function startServerProcess(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EGOV_LOG: '0', EGOV_DEMO: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
