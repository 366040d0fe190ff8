import type { Config } from '../config/schema.js';
import { IntegrationError } from '../errors.js';
import { lookupTerm } from '../rules/lookup-terms.js';
import type { LookupResource, Store, WorkspaceMapping } from '../store/store.js';
import type { WorkspaceKind } from '../vocabulary.js';
import { NODE_TYPES } from '../xecm/node-types.js';
import type { Nodes } from '../xecm/nodes.js';

/**
 * Job 6, agent lookup: `GET /api/lookup?q=` answers from the local store (the lookup index the
 * `rule.route` job keeps, and the workspaces the jobs made) and asks Content Server only for each
 * workspace's live documents and status, reused for a short while.
 */
export interface LookupDeps {
  config: Readonly<Config>;
  store: Store;
  /** Content Server's nodes (absent: no xECM configured; the answer then carries no documents). */
  nodes: Nodes | undefined;
  now?: () => number;
}

export interface DeepLinks {
  classic: string;
  smartView: string;
}

export interface LookupDocument {
  id: number;
  name: string;
  /** The folder it is in ("" directly in the workspace). */
  folder: string;
  size: number | null;
  modified: string | null;
  links: DeepLinks;
}

export interface LookupWorkspace {
  kind: WorkspaceKind;
  boType: string;
  boId: string;
  nodeId: number;
  name: string;
  workspaceType: string;
  links: DeepLinks;
  /** The workspace's status attributes (a case's or exception's `Status`), read live. */
  status?: Record<string, unknown>;
  documents?: LookupDocument[];
  /** Why the live part is missing (Content Server unreachable, …); the local part still answers. */
  liveError?: string;
}

export interface LookupMatch {
  shop: string;
  resourceType: string;
  resourceId: string;
  title: string;
  workspaces: LookupWorkspace[];
  /** Resources of this one to look up next: a company's or product's orders, a case's order. */
  related: Array<{ resourceType: string; resourceId: string; title: string }>;
}

export interface LookupAnswer {
  q: string;
  matches: LookupMatch[];
}

const CASE_TYPES = new Set(['return', 'refund', 'dispute']);
const GID_TYPES = /^gid:\/\/shopify\/(Order|Product|Company|Customer|Return|Refund)\/(\d+)$/;
const STATUS_ATTRIBUTES = ['Status', 'Status History'];

/** The lookup service: one per process (its document cache is shared by every request). */
export function createLookup(deps: LookupDeps) {
  const now = deps.now ?? Date.now;
  const model = deps.config.model;
  const cache = new Map<number, { at: number; live: Promise<Pick<LookupWorkspace, 'status' | 'documents' | 'liveError'>> }>();
  const xecmBase = deps.config.xecm?.url.replace(/\/+$/, '') ?? '';
  const classicBase = (deps.config.lookup.classicUrl ?? xecmBase).replace(/\/+$/, '');
  const smartViewBase = (deps.config.lookup.smartViewUrl ?? `${xecmBase}/app`).replace(/\/+$/, '');
  const links = (id: number): DeepLinks => ({
    classic: `${classicBase}?func=ll&objId=${id}&objAction=browse`,
    smartView: `${smartViewBase}/nodes/${id}`,
  });

  async function workspace(kind: WorkspaceKind, shop: string, boId: string): Promise<(WorkspaceMapping & { kind: WorkspaceKind }) | undefined> {
    const w = await deps.store.getWorkspace(shop, model[kind].boType, boId);
    return w ? { ...w, kind } : undefined;
  }

  /** An order's workspaces: its own, its exception, its cases, its customer account, its products. */
  async function orderWorkspaces(shop: string, orderId: string): Promise<Array<WorkspaceMapping & { kind: WorkspaceKind }>> {
    const out = [await workspace('order', shop, orderId), await workspace('exception', shop, orderId)];
    for (const c of await deps.store.lookupLinks(shop, 'order', orderId, 'to'))
      if (CASE_TYPES.has(c.resourceType)) out.push(await workspace('case', shop, `${c.resourceType}-${c.resourceId}`));
    const owners = await deps.store.lookupLinks(shop, 'order', orderId, 'from');
    const company = owners.find((o) => o.resourceType === 'company');
    const customer = owners.find((o) => o.resourceType === 'customer');
    if (company) out.push(await workspace('account', shop, company.resourceId));
    else if (customer) out.push(await workspace('account', shop, `customer-${customer.resourceId}`));
    for (const p of owners) if (p.resourceType === 'product') out.push(await workspace('product', shop, p.resourceId));
    return out.filter((w): w is WorkspaceMapping & { kind: WorkspaceKind } => w !== undefined);
  }

  /** The orders linking to a company, customer or product (at most `limit`). */
  async function ordersOf(r: LookupResource, limit: number): Promise<LookupResource[]> {
    return (await deps.store.lookupLinks(r.shop, r.resourceType, r.resourceId, 'to')).filter((o) => o.resourceType === 'order').slice(0, limit);
  }

  async function matchOf(r: LookupResource): Promise<{ workspaces: Array<WorkspaceMapping & { kind: WorkspaceKind }>; related: LookupResource[] }> {
    switch (r.resourceType) {
      case 'order':
        return { workspaces: await orderWorkspaces(r.shop, r.resourceId), related: [] };
      case 'return':
      case 'refund':
      case 'dispute': {
        const own = await workspace('case', r.shop, `${r.resourceType}-${r.resourceId}`);
        const order = (await deps.store.lookupLinks(r.shop, r.resourceType, r.resourceId, 'from')).find((o) => o.resourceType === 'order');
        const rest = order ? await orderWorkspaces(r.shop, order.resourceId) : [];
        return { workspaces: [...(own ? [own] : []), ...rest.filter((w) => w.nodeId !== own?.nodeId)], related: order ? [order] : [] };
      }
      case 'company':
      case 'customer': {
        const own = await workspace('account', r.shop, r.resourceType === 'company' ? r.resourceId : `customer-${r.resourceId}`);
        return { workspaces: own ? [own] : [], related: await ordersOf(r, 10) };
      }
      case 'product': {
        const own = await workspace('product', r.shop, r.resourceId);
        return { workspaces: own ? [own] : [], related: await ordersOf(r, 10) };
      }
      default:
        return { workspaces: [], related: [] };
    }
  }

  /** A workspace's documents (directly in it and one folder down) and status attributes, from Content Server. */
  async function live(nodeId: number): Promise<Pick<LookupWorkspace, 'status' | 'documents' | 'liveError'>> {
    const nodes = deps.nodes;
    if (!nodes) return { liveError: 'no Content Server configured' };
    try {
      const top = await nodes.children(nodeId);
      const documents: LookupDocument[] = [];
      const doc = (n: { id: number; name: string; size?: number | null; modify_date?: string | null }, folder: string): LookupDocument => ({
        id: n.id,
        name: n.name,
        folder,
        size: n.size ?? null,
        modified: n.modify_date ?? null,
        links: links(n.id),
      });
      const folders = top.filter((n) => n.type === NODE_TYPES.folder);
      for (const n of top) if (n.type === NODE_TYPES.document) documents.push(doc(n, ''));
      const inFolders = await Promise.all(
        folders.map(async (f) => (await nodes.children(f.id, { whereType: NODE_TYPES.document })).map((n) => doc(n, f.name))),
      );
      documents.push(...inFolders.flat());
      const status: Record<string, unknown> = {};
      for (const c of await nodes.categoriesByName(nodeId))
        for (const a of STATUS_ATTRIBUTES) if (c.values[a] !== undefined && c.values[a] !== null) status[a] = c.values[a];
      return { documents, ...(Object.keys(status).length > 0 ? { status } : {}) };
    } catch (err) {
      return { liveError: err instanceof Error ? err.message : String(err) };
    }
  }

  function liveCached(nodeId: number): Promise<Pick<LookupWorkspace, 'status' | 'documents' | 'liveError'>> {
    const ttl = deps.config.lookup.documentCacheSeconds * 1000;
    const hit = cache.get(nodeId);
    if (hit && now() - hit.at < ttl) return hit.live;
    const entry = { at: now(), live: live(nodeId) };
    cache.set(nodeId, entry);
    // A failed read is not kept: the next lookup asks again.
    void entry.live.then((r) => {
      if (r.liveError !== undefined && cache.get(nodeId) === entry) cache.delete(nodeId);
    });
    if (cache.size > 1000) for (const [id, e] of cache) if (now() - e.at >= ttl) cache.delete(id);
    return entry.live;
  }

  return {
    /** Deep links to a node in Content Server's classic UI and Smart View. */
    links,
    /** Finds what `q` names (order name or number, email, company, SKU, case id, or a resource's GID) and what belongs to it. */
    async lookup(q: string, opts: { shop?: string; live?: boolean } = {}): Promise<LookupAnswer> {
      const term = lookupTerm(q);
      if (term.length < 2)
        throw new IntegrationError('REQUEST_INVALID', 'q: give at least 2 characters (order name or number, email, company, SKU or case id)');
      if (term.length > 200) throw new IntegrationError('REQUEST_INVALID', 'q: at most 200 characters');
      const limit = deps.config.lookup.maxMatches;
      const scope = opts.shop !== undefined ? { shop: opts.shop } : {};
      let found: LookupResource[] = [];
      // A resource's GID (what the admin block has: the order it is shown on) names it exactly.
      const gid = GID_TYPES.exec(q.trim());
      if (gid?.[1] && gid[2]) {
        for (const shop of opts.shop !== undefined ? [opts.shop] : deps.config.shops.map((s) => s.domain)) {
          const r = await deps.store.lookupResource(shop, gid[1].toLowerCase(), gid[2]);
          if (r) found.push(r);
        }
      } else found = await deps.store.findForLookup({ term, prefix: false, limit, ...scope });
      // "1187" finds "#1187" as its number; a start of a name or email is enough when nothing is equal.
      if (found.length === 0 && !gid && term.length >= 3) found = await deps.store.findForLookup({ term, prefix: true, limit, ...scope });
      const matches: LookupMatch[] = [];
      for (const r of found) {
        const m = await matchOf(r);
        const workspaces: LookupWorkspace[] = await Promise.all(
          m.workspaces.map(async (w) => ({
            kind: w.kind,
            boType: w.boType,
            boId: w.boId,
            nodeId: w.nodeId,
            name: w.name,
            workspaceType: w.workspaceType,
            links: links(w.nodeId),
            ...(opts.live === false ? {} : await liveCached(w.nodeId)),
          })),
        );
        matches.push({
          shop: r.shop,
          resourceType: r.resourceType,
          resourceId: r.resourceId,
          title: r.title,
          workspaces,
          related: m.related.map((x) => ({ resourceType: x.resourceType, resourceId: x.resourceId, title: x.title })),
        });
      }
      return { q, matches };
    },
  };
}

export type Lookup = ReturnType<typeof createLookup>;
