import { z } from 'zod';
import type { XecmClient } from './client.js';
import { parseResponse as parse } from './errors.js';
import { allPages } from './paging.js';

const holdRecord = z.object({
  HoldID: z.coerce.number().int(),
  HoldName: z.string(),
  HoldType: z.string().nullish(),
  HoldComment: z.string().nullish(),
  ActiveHold: z.union([z.boolean(), z.number(), z.string()]).nullish(),
});
const holdsList = z.object({
  collection: z.object({ paging: z.object({ page: z.number(), page_total: z.number() }) }),
  results: z.object({ data: z.object({ holds: z.array(holdRecord) }) }),
});
const createdHold = z.object({ holdID: z.coerce.number().int() });
// RM 26.1 `node_hold`: `hold_id`/`hold_name` name the hold; `id`/`name` the node that carries it
// (the node itself, or the ancestor it is inherited from).
const nodeHolds = z.object({
  data: z.array(z.object({ hold_id: z.coerce.number().int(), hold_name: z.string().optional(), hold_appliedmethod: z.string().optional() })),
});
const classificationsList = z.object({ data: z.array(z.object({ id: z.coerce.number().int(), name: z.string().optional() })) });

const rmDetails = z.object({ data: z.array(z.object({ rmclassification_id: z.coerce.number().int().optional() })).nullish() });

export type Hold = z.infer<typeof holdRecord>;

/** Records management: RM classification, classifications, legal holds (otcs-api.md §5). */
export class Records {
  readonly #c: XecmClient;

  constructor(client: XecmClient) {
    this.#c = client;
  }

  /** Declares the node a record under the RM classification (POST /v1/nodes/{id}/rmclassifications). */
  async rmClassify(nodeId: number, classId: number): Promise<void> {
    await this.#c.request('POST', `/v1/nodes/${nodeId}/rmclassifications`, { body: { kind: 'body-json', value: { class_id: classId } }, idempotent: true });
  }

  /** RM classification ids on the node (`data[].rmclassification_id`, RM 26.1 record details). */
  async rmClassIds(nodeId: number): Promise<number[]> {
    const r = parse(rmDetails, await this.#c.request('GET', `/v1/nodes/${nodeId}/rmclassifications`), 'GET /v1/nodes/{id}/rmclassifications');
    return (r.data ?? []).map((d) => d.rmclassification_id).filter((n): n is number => typeof n === 'number');
  }

  async rmClassification(nodeId: number): Promise<Record<string, unknown>> {
    return this.#c.request<Record<string, unknown>>('GET', `/v1/nodes/${nodeId}/rmclassifications`);
  }

  async classifications(nodeId: number): Promise<number[]> {
    return parse(classificationsList, await this.#c.request('GET', `/v1/nodes/${nodeId}/classifications`), 'GET /v1/nodes/{id}/classifications').data.map(
      (c) => c.id,
    );
  }

  /** Adds classifications; the POST replaces the set, so existing ids are merged in first. */
  async addClassifications(nodeId: number, classIds: number[]): Promise<void> {
    const merged = [...new Set([...(await this.classifications(nodeId)), ...classIds])];
    await this.#c.request('POST', `/v1/nodes/${nodeId}/classifications`, { body: { kind: 'body-json', value: { class_id: merged } }, idempotent: true });
  }

  /** All holds, every page (`collection.paging`, `results.data.holds`). */
  async holds(): Promise<Hold[]> {
    return allPages(this.#c, '/v2/holds', { limit: 100, schema: holdsList, items: (r) => r.results.data.holds });
  }

  async createHold(input: { name: string; type: string; comment?: string; appliedAt?: Date }): Promise<number> {
    const applied = (input.appliedAt ?? new Date()).toISOString().slice(0, 19);
    const json = await this.#c.request('POST', '/v1/holds', {
      body: { kind: 'form', fields: { name: input.name, type: input.type, comment: input.comment ?? '', date_applied: applied } },
    });
    return parse(createdHold, json, 'POST /v1/holds').holdID;
  }

  /** The hold of this name, created when missing. */
  async ensureHold(input: { name: string; type: string; comment?: string }): Promise<number> {
    const found = (await this.holds()).find((h) => h.HoldName === input.name);
    if (found) return found.HoldID;
    try {
      return await this.createHold(input);
    } catch (err) {
      const again = (await this.holds()).find((h) => h.HoldName === input.name);
      if (again) return again.HoldID;
      throw err;
    }
  }

  async applyHold(nodeId: number, holdId: number): Promise<void> {
    if ((await this.nodeHolds(nodeId)).includes(holdId)) return;
    await this.#c.request('POST', `/v1/nodes/${nodeId}/holds`, { body: { kind: 'form', fields: { hold_id: holdId } } });
  }

  /** Hold ids on the node, direct and inherited. */
  async nodeHolds(nodeId: number): Promise<number[]> {
    const r = parse(nodeHolds, await this.#c.request('GET', `/v1/nodes/${nodeId}/holds`), 'GET /v1/nodes/{id}/holds');
    return [...new Set(r.data.map((h) => h.hold_id))];
  }

  async releaseHold(nodeId: number, holdId: number): Promise<void> {
    await this.#c.request('DELETE', `/v1/nodes/${nodeId}/holds/${holdId}`);
  }
}
