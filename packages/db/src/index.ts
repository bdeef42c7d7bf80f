/** @classfit/db: schema, client (PGlite or PostgreSQL), queries and the artifact store. */
export * from './client.ts';
export { connectionLossMessage, StoreBusyError, describeThisProcess, type StoreAccess } from './embedded/open-embedded.ts';
export { describeHolder, isProcessAlive, type StoreLockInfo } from './embedded/store-lock.ts';
export * from './schema/index.ts';
export * from './queries/index.ts';
export * from './artifacts/artifact-store.ts';
