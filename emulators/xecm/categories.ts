import { OtcsError } from './envelopes.js';
import type { AttributeDef, CategoryDef, XecmModel } from './types.js';

/** Category definitions, attribute value coercion and the metadata shapes of `/categories` and forms. */

export function findCategory(model: XecmModel, catId: number): CategoryDef | undefined {
  return model.workspaceTypes.find((t) => t.category.id === catId)?.category ?? model.documentCategories.find((c) => c.id === catId);
}

export function defaultValue(a: AttributeDef): unknown {
  if (a.multiValue) return [];
  if (a.kind === 'boolean') return false;
  return null;
}

export function defaultValues(cat: CategoryDef): Record<string, unknown> {
  return Object.fromEntries(cat.attributes.map((a) => [a.key, defaultValue(a)]));
}

function coerceOne(a: AttributeDef, v: unknown): unknown {
  if (v === null || v === undefined || v === '') return a.kind === 'boolean' ? false : null;
  switch (a.kind) {
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === '1' || v === 1) return true;
      if (v === 'false' || v === '0' || v === 0) return false;
      throw new OtcsError(400, `Invalid value for attribute '${a.name}' (${a.key}): expected a boolean`);
    case 'integer': {
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isInteger(n)) throw new OtcsError(400, `Invalid value for attribute '${a.name}' (${a.key}): expected an integer`);
      return n;
    }
    case 'date':
      if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) {
        throw new OtcsError(400, `Invalid value for attribute '${a.name}' (${a.key}): expected a date`);
      }
      return v;
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw new OtcsError(400, `Invalid value for attribute '${a.name}' (${a.key}): expected a string`);
  }
}

export function coerceValue(a: AttributeDef, v: unknown): unknown {
  if (a.multiValue) {
    const list = Array.isArray(v) ? v : v === null || v === undefined || v === '' ? [] : [v];
    return list.map((x) => coerceOne(a, x)).filter((x) => x !== null);
  }
  if (Array.isArray(v)) {
    if (v.length > 1) throw new OtcsError(400, `Attribute '${a.name}' (${a.key}) takes a single value`);
    return coerceOne(a, v[0]);
  }
  return coerceOne(a, v);
}

const KEY_RE = /^(\d+)_(\d+)$/;

/**
 * Applies `{cat}_{attr}` keys of `input` that belong to `cat` over `current`. Keys of other categories
 * and non-attribute parameters are ignored; `{cat}_1` (the category itself, e.g. a metadata token) is
 * accepted and ignored; an unknown attribute id of this category → 400.
 */
export function mergeValues(cat: CategoryDef, current: Record<string, unknown>, input: Record<string, unknown>): Record<string, unknown> {
  const next = { ...current };
  for (const [key, value] of Object.entries(input)) {
    const m = KEY_RE.exec(key);
    if (!m || Number(m[1]) !== cat.id) continue;
    if (m[2] === '1') continue;
    const attr = cat.attributes.find((a) => a.key === key);
    if (!attr) throw new OtcsError(400, `The attribute '${key}' does not exist in category '${cat.name}'`);
    next[key] = coerceValue(attr, value);
  }
  return next;
}

const TYPE_CODE: Record<AttributeDef['kind'], { type: number; type_name: string }> = {
  string: { type: -1, type_name: 'String' },
  integer: { type: 2, type_name: 'Integer' },
  date: { type: -7, type_name: 'Date' },
  boolean: { type: 5, type_name: 'Boolean' },
};

/** `metadata.categories` of GET /v2/nodes/{id}/categories: the category entry, then one per attribute. */
export function categoryMetadata(cat: CategoryDef): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {
    [String(cat.id)]: {
      allow_undefined: false,
      bulk_shared: false,
      default_value: null,
      description: null,
      hidden: false,
      key: String(cat.id),
      key_value_pairs: false,
      multi_value: false,
      name: cat.name,
      next_id: cat.attributes.length + 2,
      persona: 'category',
      read_only: true,
      required: false,
      type: -18,
      type_name: 'Category',
      valid_values: [],
      valid_values_name: [],
    },
  };
  for (const a of cat.attributes) {
    out[a.key] = {
      allow_undefined: false,
      bulk_shared: false,
      default_value: defaultValue(a),
      description: null,
      hidden: false,
      key: a.key,
      key_value_pairs: false,
      max_length: a.kind === 'string' ? 254 : null,
      max_value: null,
      min_value: null,
      multi_value: a.multiValue,
      multi_value_length_default: a.multiValue ? 1 : null,
      multi_value_length_max: a.multiValue ? 50 : null,
      multi_value_max_length: a.multiValue ? 50 : null,
      name: a.name,
      persona: '',
      read_only: false,
      required: a.required,
      ...TYPE_CODE[a.kind],
      valid_values: [],
      valid_values_name: [],
    };
  }
  return out;
}

/** JSON-schema fragment for one attribute in the workspace create form. */
export function attributeSchema(a: AttributeDef): Record<string, unknown> {
  const base = a.kind === 'boolean' ? 'boolean' : a.kind === 'integer' ? 'integer' : 'string';
  const readonly = false;
  if (a.multiValue) {
    return { items: { maxItems: 50, minItems: 0, type: base }, readonly, required: a.required, title: a.name, type: 'array' };
  }
  return { readonly, required: a.required, title: a.name, type: base, ...(a.kind === 'string' ? { maxLength: 254 } : {}) };
}

/** Alpaca-style `options.fields` entry for one attribute (the form UI hints). */
export function attributeOptions(a: AttributeDef): Record<string, unknown> {
  const type = a.kind === 'boolean' ? 'checkbox' : a.kind === 'date' ? 'date' : a.kind === 'integer' ? 'integer' : 'text';
  if (a.multiValue) return { fields: { item: { type } }, hidden: false, label: a.name, readonly: false, toolbarSticky: true, type: 'array' };
  return { hidden: false, label: a.name, readonly: false, type };
}
