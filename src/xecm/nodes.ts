import { createHash } from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import type { XecmClient } from './client.js';
import { parseResponse as parse, XecmError } from './errors.js';
import { nodeName } from './names.js';
import { StreamingFormData } from './http.js';
import { NODE_TYPES } from './node-types.js';
import type { NodeType } from './node-types.js';
import { allPages } from './paging.js';
import { categoriesWithMetadataResponse, childrenResponse, nodeProperties, nodeResponse } from './types.js';
import type { NodeProperties } from './types.js';

/** Document content: bytes in memory, or a file streamed from disk (never read whole). */
export type Content =
  { kind: 'bytes'; bytes: Buffer; fileName: string; mimeType: string } | { kind: 'file'; path: string; fileName?: string; mimeType: string };

const versionEntry = z.object({
  version_number: z.coerce.number().int(),
  file_name: z.string().optional(),
  file_size: z.coerce.number().optional(),
  mime_type: z.string().optional(),
  description: z.string().nullish(),
  create_date: z.string().optional(),
});
const versionsResponse = z.object({ results: z.array(z.object({ data: z.object({ versions: versionEntry }) })) });
const createNodeResponse = z.object({ results: z.object({ data: z.object({ properties: nodeProperties }) }) });
const namesResponse = z.object({ results: z.array(z.object({ name: z.string(), id: z.coerce.number().int() })) });

export type VersionInfo = z.infer<typeof versionEntry>;

/** SHA-256 (hex) of content, streaming files. */
export async function sha256Of(content: Content): Promise<string> {
  if (content.kind === 'bytes') return createHash('sha256').update(content.bytes).digest('hex');
  const h = createHash('sha256');
  for await (const chunk of createReadStream(content.path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function toBlob(content: Content): Promise<{ blob: Blob; fileName: string }> {
  if (content.kind === 'bytes') return { blob: new Blob([content.bytes], { type: content.mimeType }), fileName: content.fileName };
  // A file-backed Blob: fetch streams it in chunks, so a 200 MB upload never sits in memory.
  await stat(content.path);
  return { blob: await openAsBlob(content.path, { type: content.mimeType }), fileName: content.fileName ?? basename(content.path) };
}

/** Marker the connector writes into a version description so an identical upload can be skipped. */
export const checksumNote = (sha256: string): string => `sha256:${sha256}`;

/**
 * Folders, documents, versions and content (otcs-api.md §3). Every name this class sends or looks
 * for goes through nodeName (names.ts) first: what Content Server refuses never reaches it, and a
 * lookup by name finds what a create by the same name made.
 */
export class Nodes {
  readonly #c: XecmClient;

  constructor(client: XecmClient) {
    this.#c = client;
  }

  async get(id: number): Promise<NodeProperties> {
    return parse(nodeResponse, await this.#c.request('GET', `/v2/nodes/${id}`, { query: { fields: 'properties' } }), `GET /v2/nodes/${id}`).results.data
      .properties;
  }

  /** All children (paging under `collection.paging`); `where_name` is fuzzy on the server, so callers filter exactly. */
  async children(id: number, opts: { whereName?: string; whereType?: NodeType; pageSize?: number } = {}): Promise<NodeProperties[]> {
    return allPages(this.#c, `/v2/nodes/${id}/nodes`, {
      limit: opts.pageSize ?? 100,
      query: { ...(opts.whereName ? { where_name: opts.whereName } : {}), ...(opts.whereType === undefined ? {} : { where_type: opts.whereType }) },
      schema: childrenResponse,
      items: (r) => r.results.map((x) => x.data.properties),
    });
  }

  /** The child with exactly this name, if any. */
  async childNamed(parentId: number, name: string): Promise<NodeProperties | undefined> {
    const safe = nodeName(name);
    return (await this.children(parentId, { whereName: safe })).find((n) => n.name === safe);
  }

  /**
   * The categories applied to a node, each by name with its values by attribute name, from the
   * definitions `?metadata` returns (so a category is read by the names its administrator gave it,
   * whatever its node id on this server).
   */
  async categoriesByName(nodeId: number): Promise<Array<{ id: number; name: string; values: Record<string, unknown> }>> {
    const path = `/v2/nodes/${nodeId}/categories`;
    const r = parse(categoriesWithMetadataResponse, await this.#c.request('GET', path, { query: { metadata: '' } }), `GET ${path}`);
    return r.results.flatMap((entry) => {
      const defs = entry.metadata?.categories ?? {};
      const keys = Object.keys(entry.data.categories);
      const catKey = Object.keys(defs).find((k) => defs[k]?.persona === 'category') ?? /^(\d+)_/.exec(keys[0] ?? '')?.[1];
      if (catKey === undefined || !/^\d+$/.test(catKey)) return [];
      const values: Record<string, unknown> = {};
      for (const k of keys) {
        const name = defs[k]?.name;
        if (name !== undefined && k !== catKey) values[name] = entry.data.categories[k];
      }
      return [{ id: Number(catKey), name: defs[catKey]?.name ?? catKey, values }];
    });
  }

  async createFolder(parentId: number, name: string, description = ''): Promise<NodeProperties> {
    const json = await this.#c.request('POST', '/v2/nodes', {
      body: { kind: 'body-json', value: { type: NODE_TYPES.folder, parent_id: parentId, name: nodeName(name), description } },
    });
    return parse(createNodeResponse, json, 'POST /v2/nodes').results.data.properties;
  }

  /**
   * The folder of this name under the parent, created when missing (safe to repeat). `absent`: the
   * caller has just listed the parent and found no such name, so the first lookup is skipped (a
   * folder made meanwhile is found by the create's refusal).
   */
  async ensureFolder(parentId: number, name: string, opts: { absent?: boolean } = {}): Promise<NodeProperties & { created?: boolean }> {
    const existing = opts.absent ? undefined : await this.childNamed(parentId, name);
    if (existing) return existing;
    try {
      return { ...(await this.createFolder(parentId, name)), created: true };
    } catch (err) {
      const again = await this.childNamed(parentId, name);
      if (again && err instanceof XecmError && (err.code === 'XECM_ALREADY_EXISTS' || err.code === 'XECM_UNAVAILABLE')) return again;
      throw err;
    }
  }

  /** Creates a document (multipart: `body` JSON + `file`). */
  async createDocument(
    parentId: number,
    name: string,
    content: Content,
    opts: { description?: string; categories?: Record<string, unknown> } = {},
  ): Promise<NodeProperties> {
    const { blob, fileName } = await toBlob(content);
    const form = new StreamingFormData();
    form.append(
      'body',
      JSON.stringify({
        type: NODE_TYPES.document,
        parent_id: parentId,
        name: nodeName(name),
        description: opts.description ?? '',
        ...(opts.categories ? { roles: { categories: opts.categories } } : {}),
      }),
    );
    form.append('file', blob, fileName);
    const json = await this.#c.request('POST', '/v2/nodes', { body: { kind: 'multipart', form } });
    return parse(createNodeResponse, json, 'POST /v2/nodes').results.data.properties;
  }

  /** Adds a version (multipart: `file` + plain fields). */
  async addVersion(nodeId: number, content: Content, opts: { description?: string; major?: boolean } = {}): Promise<void> {
    const { blob, fileName } = await toBlob(content);
    const form = new StreamingFormData();
    form.append('file', blob, fileName);
    if (opts.description) form.append('description', opts.description.slice(0, 255));
    if (opts.major) form.append('add_major_version', 'true');
    await this.#c.request('POST', `/v2/nodes/${nodeId}/versions`, { body: { kind: 'multipart', form } });
  }

  async versions(nodeId: number): Promise<VersionInfo[]> {
    return parse(versionsResponse, await this.#c.request('GET', `/v2/nodes/${nodeId}/versions`), `GET /v2/nodes/${nodeId}/versions`).results.map(
      (r) => r.data.versions,
    );
  }

  /**
   * SHA-256 and size of a document's content (its latest version, or `version`), streamed: memory
   * stays flat whatever the document's size.
   */
  async digest(nodeId: number, version?: number): Promise<{ sha256: string; size: number }> {
    const path = version === undefined ? `/v2/nodes/${nodeId}/content` : `/v1/nodes/${nodeId}/versions/${version}/content`;
    return this.#c.stream(path, async (body) => {
      const h = createHash('sha256');
      let size = 0;
      for await (const chunk of body) {
        h.update(chunk);
        size += chunk.byteLength;
      }
      return { sha256: h.digest('hex'), size };
    });
  }

  async content(nodeId: number): Promise<Buffer> {
    return (await this.#c.download(`/v2/nodes/${nodeId}/content`)).bytes;
  }

  async rename(id: number, name: string): Promise<void> {
    await this.#c.request('PUT', `/v2/nodes/${id}`, { body: { kind: 'body-json', value: { name: nodeName(name) } } });
  }

  async delete(id: number): Promise<void> {
    await this.#c.request('DELETE', `/v2/nodes/${id}`);
  }

  /** Which of these names already exist under the parent (POST /v1/validation/nodes/names). */
  async existingNames(parentId: number, names: string[]): Promise<Map<string, number>> {
    const json = await this.#c.request('POST', '/v1/validation/nodes/names', {
      body: { kind: 'body-json', value: { parent_id: parentId, names: names.map(nodeName) } },
      idempotent: true,
    });
    return new Map(parse(namesResponse, json, 'POST /v1/validation/nodes/names').results.map((r) => [r.name, r.id]));
  }

  /**
   * Puts a document exactly once: the same bytes under the same name are never uploaded twice (the
   * checksum is kept in the version description); changed bytes become a new version. Survives a
   * create whose answer was lost (timeout after the server did the work) by looking again.
   * `fresh`: the folder was just created by this writer, so the first lookup is skipped (a name
   * that exists after all is found by the create's refusal).
   */
  async putDocument(
    parentId: number,
    name: string,
    content: Content,
    opts: { fresh?: boolean } = {},
  ): Promise<{ action: 'created' | 'versioned' | 'unchanged'; nodeId: number; sha256: string; version: number }> {
    const sha256 = await sha256Of(content);
    const note = checksumNote(sha256);
    const decide = async (existing: NodeProperties): Promise<{ action: 'versioned' | 'unchanged'; nodeId: number; sha256: string; version: number }> => {
      const versions = await this.versions(existing.id);
      const latest = versions.reduce<VersionInfo | undefined>((a, v) => (a && a.version_number > v.version_number ? a : v), undefined);
      // Version 1's note may live on the node (set at create) rather than on the version.
      const latestNote = latest?.description || (versions.length <= 1 ? existing.description : undefined);
      const latestNumber = latest?.version_number ?? 1;
      if (latestNote === note) return { action: 'unchanged', nodeId: existing.id, sha256, version: latestNumber };
      await this.addVersion(existing.id, content, { description: note });
      // One writer per workspace (and per archive folder): the new version follows the latest.
      return { action: 'versioned', nodeId: existing.id, sha256, version: latestNumber + 1 };
    };
    // In a folder this writer has just created, nothing is there to look for first.
    const existing = opts.fresh ? undefined : await this.childNamed(parentId, name);
    if (existing) return decide(existing);
    try {
      const created = await this.createDocument(parentId, name, content, { description: note });
      return { action: 'created', nodeId: created.id, sha256, version: 1 };
    } catch (err) {
      if (!(err instanceof XecmError) || (err.code !== 'XECM_ALREADY_EXISTS' && err.code !== 'XECM_UNAVAILABLE')) throw err;
      const again = await this.childNamed(parentId, name);
      if (!again) throw err;
      // The first create went through (its answer was lost) or another writer won: check its bytes.
      return decide(again);
    }
  }
}
