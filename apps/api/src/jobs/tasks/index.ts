/** Every job task by name (the `fit_runs.task` column). */
import type { TaskHandler } from '../job-runner.ts';
import { analyzeModelTask } from './analyze-model.ts';

/** The tasks a worker runs by default. */
export const defaultTasks: Readonly<Record<string, TaskHandler>> = Object.freeze({ 'analyze-model': analyzeModelTask });
