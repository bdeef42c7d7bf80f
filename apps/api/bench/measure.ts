/** Measuring helpers shared by the API benchmarks (not tests). */
import { readFileSync } from 'node:fs';

/** Resident set size of process `pid` in bytes (0 once it is gone). */
export function rss(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** The `p` quantile (0–1) of `xs` by the nearest-rank rule; NaN for no samples. */
export function percentile(xs: readonly number[], p: number): number {
  return xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN;
}

/** User + system CPU seconds process `pid` has used so far (/proc/<pid>/stat, clock ticks of 1/100 s); 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
