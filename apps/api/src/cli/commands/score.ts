import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';

export const command: CliCommand = {
  summary: 'not yet implemented',
  usage: 'classfit score (not yet implemented)',
  async run() {
    throw new UsageError('score is not implemented yet');
  },
};
