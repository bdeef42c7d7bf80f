/** The full drizzle schema object (tables + relations) passed to `drizzle()`. */
export * from './schema/index.ts';
export * from './relations.ts';
