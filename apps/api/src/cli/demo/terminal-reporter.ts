/** The demo's progress on stderr: numbered steps with elapsed time, notes, progress bars. */
import type { DemoReporter } from './demo-reporter.ts';
import { createProgressBar, formatDuration } from '../progress.ts';

export function createDemoReporterForCli(stream: NodeJS.WriteStream = process.stderr): DemoReporter {
  const started = Date.now();
  let index = 0;
  return {
    step(title) {
      index += 1;
      stream.write(`\n[${index}] ${title}  (+${formatDuration(Date.now() - started)})\n`);
    },
    note(line) {
      stream.write(`    ${line}\n`);
    },
    bar(label, total) {
      return createProgressBar(`    ${label}`, total, stream);
    },
  };
}
