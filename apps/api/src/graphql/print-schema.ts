/** Script behind `npm run schema -w @classfit/api`: rewrites apps/api/schema.graphql from the type definitions. */
import { writeFileSync } from 'node:fs';
import { printClassfitSchema, printedSchemaPath } from './printed-schema.ts';

writeFileSync(printedSchemaPath, printClassfitSchema());
process.stdout.write(`wrote ${printedSchemaPath}\n`);
