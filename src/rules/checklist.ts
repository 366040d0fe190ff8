import { z } from 'zod';
import type { AttributeValues } from '../vocabulary.js';

/**
 * Job 5's checklist (DESIGN.md §1): which documents a regulated product's workspace must hold, per
 * product class, and whether it holds them. Pure: the configuration's schema and the evaluation of
 * one workspace's documents; jobs/product-checklist.ts reads xECM and writes the result.
 */

/** A regular expression, compiled at load (case-insensitive) so a bad one is reported with its text. */
const pattern = z
  .string()
  .min(1)
  .superRefine((src, ctx) => {
    try {
      new RegExp(src, 'i');
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `invalid regular expression "${src}": ${err instanceof Error ? err.message : String(err)}` });
    }
  });

/** One required document, and where it counts as present. */
export const requiredDocumentSchema = z
  .object({
    /** What the checklist calls it (the value in Required/Missing Documents). */
    name: z.string().trim().min(1),
    /** A document in this top-level folder of the workspace counts (with `match`, only one whose name matches). */
    folder: z.string().trim().min(1).optional(),
    /** A regular expression (case-insensitive) on the document's name; without `folder`, anywhere in the workspace. */
    match: pattern.optional(),
    /** A document anywhere in the workspace whose document category says this Document Type counts too. */
    documentType: z.string().trim().min(1).optional(),
    /** The document expires this many days after its last modification (when its category gives no Valid Until). */
    maxAgeDays: z.number().int().positive().optional(),
  })
  .strict()
  .refine((d) => d.folder !== undefined || d.match !== undefined || d.documentType !== undefined, {
    message: 'say where the document counts as present: folder, match or documentType',
  });

/** The class every regulated product belongs to, whatever its other classes. */
export const EVERY_CLASS = 'every';

export const complianceSchema = z
  .object({
    /**
     * `serve` (worker role) re-checks every product workspace's checklist this often (ms), so
     * documents added or expiring in xECM show; 0 turns it off. (Default: 21600000, 6 h)
     */
    recheckIntervalMs: z.number().int().min(0).default(21_600_000),
    /**
     * The document category (applied to documents in xECM) that says what a document is and until
     * when it is valid. Read by name on each document; a document without it counts by folder and
     * name only, and never expires unless its requirement has `maxAgeDays`.
     */
    documentCategory: z
      .object({
        name: z.string().trim().min(1).default('Shopify Compliance Document'),
        /** Text attribute: the document's type, compared with a requirement's `documentType` (case-insensitive). */
        documentType: z.string().trim().min(1).default('Document Type'),
        /** Date attribute: the last day the document is valid. */
        validUntil: z.string().trim().min(1).default('Valid Until'),
      })
      .strict()
      .prefault({}),
    /**
     * Product class → its required documents. A product's classes are its workspace's `Product Class`
     * values (the product rule derives them); `every` applies to every regulated product. Class names
     * compare case-insensitively; null removes a shipped class.
     */
    classes: z
      .record(
        z.string().trim().min(1),
        z
          .object({ documents: z.array(requiredDocumentSchema).min(1) })
          .strict()
          .nullable(),
      )
      .default({}),
  })
  .strict();

export type ComplianceConfig = z.infer<typeof complianceSchema>;
export type RequiredDocument = z.infer<typeof requiredDocumentSchema>;

/** A document found in a product workspace, with what its document category says. */
export interface FoundDocument {
  id: number;
  name: string;
  /** The workspace's top-level folder it lies in (at any depth below it); null at the workspace's root. */
  folder: string | null;
  /** The document category's Document Type, if applied and set. */
  documentType?: string | null;
  /** The document category's Valid Until (a date or date-time), if applied and set. */
  validUntil?: string | null;
  /** The document's last modification (ISO), for `maxAgeDays`. */
  modified?: string | null;
}

export type ItemStatus = 'present' | 'missing' | 'expired';

export interface ChecklistItem {
  name: string;
  /** The product classes that require it. */
  classes: string[];
  status: ItemStatus;
  /** The documents that count for it (valid ones when present, else the expired ones). */
  documents: Array<{ id: number; name: string; validUntil: string | null }>;
  /** When expired: the day (YYYY-MM-DD) the last of its documents stopped being valid. */
  expiredOn?: string;
}

export interface ChecklistResult {
  /** The product's classes the checklist applied (`every` included when configured). */
  classes: string[];
  items: ChecklistItem[];
  required: string[];
  present: string[];
  missing: string[];
  expired: string[];
  /** Nothing missing and nothing expired. */
  complete: boolean;
}

const DAY = 86_400_000;
const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** YYYY-MM-DD of a date or date-time value, or undefined when it is not one. */
function dayOf(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(v.trim());
  if (m?.[1] && Number.isFinite(Date.parse(m[1]))) return m[1];
  const t = Date.parse(v);
  return Number.isFinite(t) ? day(t) : undefined;
}

/** The last day a document is valid for a requirement, or undefined when it does not expire. */
function lastValidDay(doc: FoundDocument, req: RequiredDocument): string | undefined {
  const until = dayOf(doc.validUntil);
  if (until !== undefined) return until;
  if (req.maxAgeDays === undefined || !doc.modified) return undefined;
  const t = Date.parse(doc.modified);
  return Number.isFinite(t) ? day(t + req.maxAgeDays * DAY) : undefined;
}

const same = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Whether a document counts for a requirement (folder and name pattern, or document type). */
export function counts(doc: FoundDocument, req: RequiredDocument): boolean {
  if (req.documentType !== undefined && doc.documentType && same(doc.documentType.trim(), req.documentType)) return true;
  if (req.folder === undefined && req.match === undefined) return false;
  if (req.folder !== undefined && (doc.folder === null || !same(doc.folder, req.folder))) return false;
  return req.match === undefined || new RegExp(req.match, 'i').test(doc.name);
}

/**
 * Pure: a product's classes + the documents in its workspace → its checklist on `now` (epoch ms).
 * A requirement is present when a document counts for it and is valid today (valid until today or
 * later, or without an end); expired when documents count for it but every one is past its end;
 * missing otherwise. A requirement named by several classes is listed once.
 */
export function evaluateChecklist(
  classes: ComplianceConfig['classes'],
  productClasses: readonly string[],
  documents: readonly FoundDocument[],
  now: number,
): ChecklistResult {
  const today = day(now);
  const wanted = [EVERY_CLASS, ...productClasses];
  const applied: string[] = [];
  const byName = new Map<string, { req: RequiredDocument; classes: string[] }>();
  for (const [cls, def] of Object.entries(classes)) {
    if (!def || !wanted.some((w) => same(w, cls))) continue;
    applied.push(cls);
    for (const req of def.documents) {
      const known = [...byName.keys()].find((k) => same(k, req.name));
      const entry = known === undefined ? undefined : byName.get(known);
      if (entry) {
        if (!entry.classes.includes(cls)) entry.classes.push(cls);
      } else byName.set(req.name, { req, classes: [cls] });
    }
  }
  const items: ChecklistItem[] = [];
  for (const { req, classes: by } of byName.values()) {
    const matching = documents.filter((d) => counts(d, req)).sort((a, b) => a.id - b.id);
    const ends = matching.map((d) => ({ d, end: lastValidDay(d, req) }));
    const valid = ends.filter((x) => x.end === undefined || x.end >= today);
    const doc = (x: { d: FoundDocument }) => ({ id: x.d.id, name: x.d.name, validUntil: dayOf(x.d.validUntil) ?? null });
    if (valid.length > 0) items.push({ name: req.name, classes: by, status: 'present', documents: valid.map(doc) });
    else if (ends.length > 0) {
      const expiredOn =
        ends
          .map((x) => x.end ?? '')
          .sort()
          .at(-1) ?? '';
      items.push({ name: req.name, classes: by, status: 'expired', documents: ends.map(doc), expiredOn });
    } else items.push({ name: req.name, classes: by, status: 'missing', documents: [] });
  }
  const named = (s: ItemStatus) => items.filter((i) => i.status === s).map((i) => i.name);
  const missing = named('missing');
  const expired = named('expired');
  return {
    classes: applied,
    items,
    required: items.map((i) => i.name),
    present: named('present'),
    missing,
    expired,
    complete: missing.length === 0 && expired.length === 0,
  };
}

/** The product workspace's attribute the product's classes are read from (written by the product rule). */
export const PRODUCT_CLASS_ATTRIBUTE = 'Product Class';

/** The checklist's attributes on the product workspace (DESIGN.md §3 "Shopify Product"; xecm/model.ts lists them). */
export const CHECKLIST_ATTRIBUTES = [
  'Required Documents',
  'Present Documents',
  'Missing Documents',
  'Expired Documents',
  'Checklist Status',
  'Last Checked',
] as const;

/** Pure: the attribute values a checklist writes (expired documents with the day they ended). */
export function checklistAttributes(r: ChecklistResult, now: number): Record<(typeof CHECKLIST_ATTRIBUTES)[number], AttributeValues[string]> {
  return {
    'Required Documents': r.required,
    'Present Documents': r.present,
    'Missing Documents': r.missing,
    'Expired Documents': r.items.filter((i) => i.status === 'expired').map((i) => `${i.name} (expired ${i.expiredOn ?? ''})`),
    'Checklist Status': r.complete ? 'complete' : 'incomplete',
    'Last Checked': new Date(now).toISOString(),
  };
}
