import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';

export const command: CliCommand = {
  summary: 'not yet implemented',
  usage: 'classfit fit (not yet implemented)',
  async run() {
    throw new UsageError('fit is not implemented yet');
  },
};
