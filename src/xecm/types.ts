import { z } from 'zod';

/** Response shapes the connector reads (only the fields it uses; the rest is ignored). */

const id = z.coerce.number().int();

export const workspaceTypesResponse = z.object({
  results: z.array(
    z.object({
      data: z.object({
        properties: z.object({
          wksp_type_id: id,
          wksp_type_name: z.string(),
          templates: z
            .array(z.object({ id, name: z.string() }))
            .optional()
            .default([]),
        }),
      }),
    }),
  ),
});

const formSchemaProperty = z.object({ title: z.string().optional(), type: z.string().optional() });

export const createFormResponse = z.object({
  forms: z.array(
    z.object({
      role_name: z.string().optional(),
      data: z.record(z.string(), z.unknown()).optional(),
      schema: z
        .object({
          properties: z
            .record(z.string(), z.object({ title: z.string().optional(), properties: z.record(z.string(), formSchemaProperty).optional() }))
            .optional(),
        })
        .optional(),
    }),
  ),
});

export const nodeProperties = z.object({
  id,
  name: z.string(),
  parent_id: id.optional(),
  type: z.number().int().optional(),
  description: z.string().nullish(),
  size: z.coerce.number().nullish(),
  modify_date: z.string().nullish(),
});

export const workspaceSearchResponse = z.object({
  results: z.array(z.object({ data: z.object({ properties: nodeProperties }) })),
  paging: z.object({ page: z.number(), page_total: z.number(), total_count: z.number().optional() }).optional(),
});

export const createWorkspaceResponse = z.object({ results: z.object({ id }) });

export const categoriesResponse = z.object({
  results: z.array(
    z.object({
      data: z.object({ categories: z.record(z.string(), z.unknown()) }),
    }),
  ),
});

/** GET /v2/nodes/{id}/categories?metadata: values, and each key's definition (the category itself, persona `category`, and its attributes). */
export const categoriesWithMetadataResponse = z.object({
  results: z.array(
    z.object({
      data: z.object({ categories: z.record(z.string(), z.unknown()) }),
      metadata: z
        .object({ categories: z.record(z.string(), z.object({ name: z.string().optional(), persona: z.string().nullish() }).loose()).optional() })
        .optional(),
    }),
  ),
});

export const nodeResponse = z.object({ results: z.object({ data: z.object({ properties: nodeProperties }) }) });

export const childrenResponse = z.object({
  results: z.array(z.object({ data: z.object({ properties: nodeProperties }) })),
  collection: z.object({ paging: z.object({ page: z.number(), page_total: z.number() }) }),
});

export type NodeProperties = z.infer<typeof nodeProperties>;

/** A business object reference: (external system, BO type, BO id). */
export interface BusinessObject {
  extSystemId: string;
  boType: string;
  boId: string;
}

/** Category attribute values keyed by attribute *name*; resolved to `{cat}_{attr}` keys by the model. */
export type { AttributeValues } from '../vocabulary.js';
