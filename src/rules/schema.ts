import jsonata from 'jsonata';
import { z } from 'zod';

/** Workspace kinds of the xECM model (config `model.*`). */
export const WORKSPACE_KIND = z.enum(['order', 'case', 'account', 'exception', 'product']);
/** Document renderers (src/documents). */
export const RENDERER = z.enum(['order-confirmation', 'order-snapshot']);

/** A JSONata expression, compiled at load so a bad one is reported with its rule and text. */
const expression = z.string().min(1).superRefine((src, ctx) => {
  try {
    jsonata(src);
  } catch (err) {
    const e = err as { message?: string; position?: number };
    ctx.addIssue({ code: 'custom', message: `invalid JSONata expression "${src}": ${e.message ?? String(err)}${e.position === undefined ? '' : ` (at ${e.position})`}` });
  }
});

export const ruleSchema = z.object({
  enabled: z.boolean().default(true),
  /** The resource whose changes trigger the rule (see sync/normalize.ts RESOURCE_TYPES). */
  resource: z.enum(['order', 'refund', 'return', 'dispute', 'company', 'company_location', 'company_contact', 'customer', 'product', 'fulfillment_order', 'fulfillment', 'fulfillment_event']),
  /** Which workspace kind of the model it maintains. */
  workspace: WORKSPACE_KIND,
  /** Named criteria; the rule applies when any holds (none = always). A null entry removes a shipped criterion. */
  criteria: z.record(z.string(), expression.nullable()).default({}),
  /** Business object id of the workspace. */
  boId: expression,
  /** Workspace name. */
  name: expression,
  /** Category attribute name → expression. */
  attributes: z.record(z.string(), expression.nullable()).default({}),
  /** Multi-value attributes whose values are added to what the workspace already holds. */
  mergeAttributes: z.array(z.string()).default([]),
  documents: z.array(z.object({ name: expression, folder: z.string().min(1), render: RENDERER })).default([]),
  /** Declare the workspace a record under `model.classificationId` (records management). */
  classify: z.boolean().default(false),
  /** Orders only: also file the order's timeline comments (read from the Admin API) as communications. */
  communications: z.boolean().default(false),
  relations: z.array(z.object({ to: WORKSPACE_KIND, boId: expression, when: expression.optional(), relType: z.enum(['child', 'parent']).default('parent') })).default([]),
});

export const rulesSchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'rule names are lower-case words joined by -'), ruleSchema);

export type Rule = z.infer<typeof ruleSchema>;
export type Rules = z.infer<typeof rulesSchema>;
