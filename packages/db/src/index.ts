/** @classfit/db: schema, client (PGlite or PostgreSQL), queries and the artifact store. */
export * from './client.ts';
export * from './schema/index.ts';
export * from './queries/index.ts';
export * from './artifacts/artifact-store.ts';
