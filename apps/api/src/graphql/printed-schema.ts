/**
 * The schema as printed SDL — the text committed at `apps/api/schema.graphql`, which the dashboard builds
 * against. Printed from the type definitions alone, so it needs no database.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { printSchema } from 'graphql';
import { fileURLToPath } from 'node:url';
import { typeDefs } from './type-defs.ts';

/** Absolute path of the committed printed schema. */
export const printedSchemaPath = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

/** Prints the schema SDL, ending with a newline. */
export function printClassfitSchema(): string {
  return `${printSchema(makeExecutableSchema({ typeDefs: [...typeDefs] }))}\n`;
}
