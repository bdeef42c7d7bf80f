import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printClassfitSchema, printedSchemaPath } from './printed-schema.ts';

describe('printed schema', () => {
  it('apps/api/schema.graphql is up to date (run `npm run schema -w @classfit/api` when this fails)', () => {
    expect(readFileSync(printedSchemaPath, 'utf8')).toBe(printClassfitSchema());
  });

  it('describes every type, field, argument, input field and enum value', () => {
    const schema = buildSchema(printClassfitSchema());
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      } else if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('makes every list of nodes a connection capped by `first`', () => {
    const schema = buildSchema(printClassfitSchema());
    const connections = Object.keys(schema.getTypeMap()).filter((name) => name.endsWith('Connection'));
    expect(connections.length).toBeGreaterThanOrEqual(10);
    for (const name of connections) {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
      expect(Object.keys(type.getFields()).sort()).toEqual(['edges', 'nodes', 'pageInfo', 'totalCount']);
    }
  });
});
