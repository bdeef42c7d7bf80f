/**
 * A plain progress bar on stderr: `label [#####-----] 52% 130/250 · ETA 1m04s · extra`.
 * Redraws in place on a TTY; on a pipe prints at most one line every `logEveryMs`.
 */
export interface ProgressBar {
  update(done: number, extra?: string): void;
  finish(extra?: string): void;
}

export function createProgressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr, logEveryMs = 2000): ProgressBar {
  const start = Date.now();
  let lastLog = 0;
  let lastDone = Number.NaN;
  const isTty = Boolean(stream.isTTY);
  const render = (done: number, extra?: string): string => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const width = 24;
    const filled = Math.round(fraction * width);
    const elapsed = Date.now() - start;
    const eta = done > 0 && done < total ? formatDuration((elapsed / done) * (total - done)) : '–';
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    return `${label} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total} · ETA ${eta}${extra ? ` · ${extra}` : ''}`;
  };
  return {
    update(done, extra) {
      const now = Date.now();
      if (isTty) stream.write(`\r${render(done, extra)}\x1b[K`);
      // On a pipe, a line only when the count moved (or every 15 s as a heartbeat).
      else if (now - lastLog >= logEveryMs && (done !== lastDone || now - lastLog >= 15_000)) {
        stream.write(`${render(done, extra)}\n`);
        lastLog = now;
        lastDone = done;
      }
    },
    finish(extra) {
      const line = `${label} done in ${formatDuration(Date.now() - start)}${extra ? ` · ${extra}` : ''}`;
      stream.write(isTty ? `\r${line}\x1b[K\n` : `${line}\n`);
    },
  };
}

/** 65_000 → "1m05s"; 4_200 → "4.2s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes}m${String(seconds).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
