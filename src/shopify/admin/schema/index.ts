/**
 * The Shopify Admin GraphQL schema (2026-07), derived from Shopify's introspection result by
 * scripts/derive-shopify-schema.ts: types, fields, arguments, directives and deprecations, without
 * descriptions. Used to validate every operation the connector sends and by the Shopify emulator.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildSchema, parse, validate, GraphQLError } from 'graphql';
import type { GraphQLSchema } from 'graphql';

/** The Admin API version the schema describes. */
export const ADMIN_SCHEMA_VERSION = '2026-07';

const SCHEMA_FILE = 'src/shopify/admin/schema/admin-2026-07.graphql.gz';

let cached: GraphQLSchema | undefined;

/**
 * The project root: the nearest directory above this module holding package.json. Works from
 * `src/…` (tsx, vitest) and from the compiled `dist/src/…` layout alike.
 */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, SCHEMA_FILE))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find ${SCHEMA_FILE} above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** Path of the committed, gzip-compressed SDL. */
export function adminSchemaPath(): string {
  return join(projectRoot(), SCHEMA_FILE);
}

/** The Admin GraphQL schema, built once per process (about 0.3 s). */
export function loadAdminSchema(): GraphQLSchema {
  if (!cached) {
    const sdl = gunzipSync(readFileSync(adminSchemaPath())).toString('utf8');
    // The SDL was printed from a valid schema; skipping SDL validation halves the build time.
    cached = buildSchema(sdl, { assumeValidSDL: true });
  }
  return cached;
}

/** Parses and validates one GraphQL document against the Admin schema; [] when it is valid. */
export function validateOperation(source: string): readonly GraphQLError[] {
  let document;
  try {
    document = parse(source);
  } catch (err) {
    if (err instanceof GraphQLError) return [err];
    throw err;
  }
  return validate(loadAdminSchema(), document);
}
