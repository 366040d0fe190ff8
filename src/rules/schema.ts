import jsonata from 'jsonata';
import { z } from 'zod';
import { FOLLOW_UP_WORKSPACE, followUpSchema, rendererKeySchema, resourceTypeSchema, workspaceKindSchema } from '../vocabulary.js';

/** A JSONata expression, compiled at load so a bad one is reported with its rule and text. */
export const expression = z
  .string()
  .min(1)
  .superRefine((src, ctx) => {
    try {
      jsonata(src);
    } catch (err) {
      const e = err as { message?: string; position?: number };
      ctx.addIssue({
        code: 'custom',
        message: `invalid JSONata expression "${src}": ${e.message ?? String(err)}${e.position === undefined ? '' : ` (at ${e.position})`}`,
      });
    }
  });

export const ruleSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** The resource whose changes trigger the rule (vocabulary.ts RESOURCE_TYPES). */
    resource: resourceTypeSchema,
    /** Which workspace kind of the model it maintains. */
    workspace: workspaceKindSchema,
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
    /**
     * Documents to file. With `each` (an expression selecting a list), one document per item: `name`
     * is evaluated against the item and the item is what is rendered (e.g. one note per change).
     */
    documents: z.array(z.object({ name: expression, folder: z.string().min(1), render: rendererKeySchema, each: expression.optional() })).default([]),
    /** Folders to ensure beyond the documents' (e.g. a damaged-goods claim's folder), each when its expression holds. */
    folders: z.array(z.object({ name: z.string().min(1), when: expression.optional() })).default([]),
    /**
     * The rule reads its workspace's timeline instead of the single change: every change routed to
     * the workspace, folded in Shopify's time order into a view (rules/timeline.ts: `case` or
     * `exception`). Criteria, name, attributes, documents and relations are evaluated against the view.
     */
    timeline: z.enum(['case', 'exception']).optional(),
    /** Declare the workspace a record under `model.classificationId` (records management). */
    classify: z.boolean().default(false),
    /**
     * Follow-up work once the workspace exists, each a job of its own that retries on its own (e.g.
     * `order-communications`: the order's timeline comments, read from the Admin API).
     */
    followUps: z.array(followUpSchema).default([]),
    /**
     * Workspaces to relate this one to. `boId` may select a list (e.g. the products of an order's
     * line items): one relation per id. A relation whose target has no workspace yet waits for it
     * (the job that creates the target makes it); with `waitDays` it waits at most that long, and
     * stops waiting as soon as the target's own rule judges it and creates no workspace (a product
     * that is not regulated).
     */
    relations: z
      .array(
        z.object({
          to: workspaceKindSchema,
          boId: expression,
          when: expression.optional(),
          relType: z.enum(['child', 'parent']).default('parent'),
          waitDays: z.number().positive().optional(),
        }),
      )
      .default([]),
  })
  .superRefine((rule, ctx) => {
    rule.followUps.forEach((f, i) => {
      if (FOLLOW_UP_WORKSPACE[f] !== rule.workspace)
        ctx.addIssue({ code: 'custom', path: ['followUps', i], message: `${f} works in ${FOLLOW_UP_WORKSPACE[f]} workspaces, not ${rule.workspace}` });
    });
  });

export const rulesSchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'rule names are lower-case words joined by -'), ruleSchema);

export type Rule = z.infer<typeof ruleSchema>;
export type Rules = z.infer<typeof rulesSchema>;

/**
 * The archive (job 7; defaults in rules/defaults/j7-archive.ts): which orders are archived, and where
 * those without an order workspace go.
 */
export const archiveRuleSchema = z.object({
  enabled: z.boolean().default(true),
  /** Named criteria over the order's REST payload; an order is archived once any holds. A null entry removes a shipped one. */
  when: z.record(z.string(), expression.nullable()).default({}),
  /**
   * Folder path (names joined by `/`) for orders without a workspace, under `rootId`; each order gets
   * `<root>/<shop>/<year>/<month>/<order name>/` (UTC). Folders are created when missing.
   */
  root: z.string().trim().min(1).default('Shopify Archive'),
  /** The node the root path starts from. (Default: 2000, the Enterprise Workspace) */
  rootId: z.number().int().positive().default(2000),
  /** Records-management classification of archived documents. (Default: `model.classificationId`) */
  classificationId: z.number().int().positive().optional(),
});

export type ArchiveRule = z.infer<typeof archiveRuleSchema>;
