/**
 * The whole schema's SDL: every `types/<name>.graphql` (one per type, with the inputs and enums that serve only
 * it; its resolvers, if any, in `types/<name>.ts`), and the `XConnection`/`XEdge` pairs made from one template.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { connectionTypeDefs } from './connection-types.ts';

const TYPES_DIR = new URL('./types/', import.meta.url);

/** The SDL files' text, in file-name order, then the connection types. */
export const typeDefs: readonly string[] = [
  ...readdirSync(TYPES_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(new URL(name, TYPES_DIR), 'utf8')),
  connectionTypeDefs,
];
