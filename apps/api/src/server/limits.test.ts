import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { LIMITS } from './limits.ts';

/** `{ a { a { … } } }`-like nesting through real fields: model → layers → nodes → model → … */
function deepQuery(levels: number): string {
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = `model { layers(first: 1) { nodes { ${inner} } } }`;
  return `{ layer(id: "x") { ${inner} } }`;
}

describe('request limits (graphql-armor) reject on the validation path', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0]);
  });
  afterAll(() => api?.close());

  const rejected = async (query: string, pattern: RegExp) => {
    const result = await api.execute(query);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0].message).toMatch(pattern);
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  };

  it(`accepts a realistic dashboard query and rejects depth over ${LIMITS.maxDepth}`, async () => {
    const ok = await api.execute(`{ models(first: 100) { nodes { name layers { nodes { name classFits { nodes { label diagnostics { clusterCounts { chain series { x y totalPoints } } } } } } } } } }`);
    expect(ok.errors).toBeUndefined();
    await rejected(deepQuery(5), /Query depth limit of 14 exceeded/);
  });

  it(`rejects more than ${LIMITS.maxAliases} aliases`, async () => {
    const aliases = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: backend { name }`).join(' ');
    await rejected(`{ ${aliases} }`, /Aliases limit of 15 exceeded/);
  });

  it(`rejects more than ${LIMITS.maxDirectives} directives`, async () => {
    const directives = Array.from({ length: LIMITS.maxDirectives + 1 }, () => '@include(if: true)').join(' ');
    await rejected(`{ backend ${directives} { name } }`, /Directives limit of 20 exceeded/);
  });

  it(`rejects more than ${LIMITS.maxTokens} tokens`, async () => {
    const fields = Array.from({ length: LIMITS.maxTokens }, () => 'name').join(' ');
    const result = await api.execute(`{ backend { ${fields} } }`);
    expect(result.errors?.[0].message).toMatch(/more that 4000 tokens/) // sic, graphql 16's wording;
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it(`rejects an estimated cost over ${LIMITS.maxCost}`, async () => {
    const wide = 'label n meanLogDensity sdLogDensity relativeEntropy relativeEntropySe meanDistance group meanClusterCount';
    const deep = `classFits { nodes { ${wide} fitRun { model { layers { nodes { classFits { nodes { ${wide} } } } } } } } }`;
    const aliases = Array.from({ length: 8 }, (_, i) => `m${i}: models(first: 100) { nodes { layers { nodes { ${deep} } } } }`).join(' ');
    await rejected(`{ ${aliases} }`, /Query Cost limit of 50000 exceeded/);
  });

  it('does not suggest field names to probe the schema', async () => {
    const result = await api.execute('{ backend { nam } }');
    expect(result.errors?.[0].message).not.toMatch(/Did you mean/);
  });
});
