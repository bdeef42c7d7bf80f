/**
 * GraphQL Code Generator: types for every dashboard document, from the API's committed schema.
 * `npm run codegen` (turbo runs it before `typecheck` and `build`) writes `src/gql/`; a field the schema lacks
 * fails here, and a result field read wrongly fails `tsc`.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.ts', 'src/**/*.tsx', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // The dashboard sends documents as text over fetch / graphql-ws, so they stay strings (no graphql-js at run time).
        documentMode: 'string',
        enumType: 'string-literal',
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
