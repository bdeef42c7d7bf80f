export * from './errors/index.ts';
export * from './rng/index.ts';
export * from './special/index.ts';
export * from './linalg/index.ts';
