/**
 * The job log: each progress report becomes one line (phase, layer, classes, message — not the sweep counters),
 * kept only when it differs from the previous line, so a run's log reads as the steps it went through. The
 * runner hands the pending lines to the queue with the next heartbeat; the store keeps the last 200.
 */
import { RUN_LOG_LIMIT, type RunProgress } from '@classfit/db';

/** A progress report as one log line without its time, e.g. `fit · layer stage2 (2/4) · 3/10 classes · class 3`. */
export function progressLogText(progress: RunProgress): string {
  const parts = [progress.phase];
  if (progress.layer !== undefined) {
    const position = progress.layerIndex !== undefined && progress.layerCount ? ` (${progress.layerIndex + 1}/${progress.layerCount})` : '';
    parts.push(`layer ${progress.layer}${position}`);
  }
  if (progress.classesDone !== undefined && progress.classCount) parts.push(`${progress.classesDone}/${progress.classCount} classes`);
  if (progress.message) parts.push(progress.message);
  return parts.join(' · ');
}

/** Lines waiting for the next heartbeat, de-duplicated against the last line taken. */
export interface ProgressLog {
  /** Records a report; returns whether it added a line. */
  add(progress: RunProgress, at?: Date): boolean;
  /** Records a free-form line (e.g. the outcome). */
  note(text: string, at?: Date): void;
  /** Removes and returns the pending lines (at most the store's limit, the newest kept). */
  take(): string[];
  /** Puts lines back in front after a failed write. */
  restore(lines: readonly string[]): void;
}

const stamp = (at: Date, text: string) => `${at.toISOString().slice(11, 19)} ${text}`;

/** A fresh log buffer for one job. */
export function createProgressLog(): ProgressLog {
  let pending: string[] = [];
  let previous: string | undefined;
  const push = (line: string) => {
    pending.push(line);
    if (pending.length > RUN_LOG_LIMIT) pending = pending.slice(-RUN_LOG_LIMIT);
  };
  return {
    add(progress, at = new Date()) {
      const text = progressLogText(progress);
      if (text === previous) return false;
      previous = text;
      push(stamp(at, text));
      return true;
    },
    note(text, at = new Date()) {
      previous = undefined;
      push(stamp(at, text));
    },
    take() {
      const lines = pending;
      pending = [];
      return lines;
    },
    restore(lines) {
      pending = [...lines, ...pending].slice(-RUN_LOG_LIMIT);
    },
  };
}
