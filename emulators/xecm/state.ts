import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { buildModel, SEED_IDS } from './seed.js';
import type { XecmModel } from './types.js';

/**
 * Emulator state in SQLite (a file, or `:memory:`). The schema is created at open; the seeded model is
 * stored as JSON in `meta` so a file-backed emulator keeps the model it was seeded with across restarts.
 */

export interface NodeRow {
  id: number;
  parent_id: number;
  name: string;
  type: number;
  description: string;
  create_date: number;
  modify_date: number;
  owner_user_id: number;
  volume_id: number;
  wksp_type_id: number | null;
  template_id: number | null;
  is_template: number;
}

export interface BoLinkRow {
  ws_id: number;
  ext_system_id: string;
  bo_type: string;
  bo_id: string;
  linked_at: number;
}

export interface StateOptions {
  dbPath?: string;
  omitWorkspaceTypes?: readonly string[];
  /** Login name of the emulated technical user. */
  userName?: string;
}

export interface NewNode {
  parentId: number;
  name: string;
  type: number;
  description?: string;
  wkspTypeId?: number | null;
  templateId?: number | null;
  isTemplate?: boolean;
  id?: number;
}

export interface NewWorkspace {
  parentId: number;
  name: string;
  description: string;
  typeId: number;
  templateId: number;
  folders: readonly string[];
  categories: ReadonlyArray<{ catId: number; values: Record<string, unknown> }>;
  bo?: { extSystemId: string; boType: string; boId: string };
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  type INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  create_date INTEGER NOT NULL,
  modify_date INTEGER NOT NULL,
  owner_user_id INTEGER NOT NULL,
  volume_id INTEGER NOT NULL,
  wksp_type_id INTEGER,
  template_id INTEGER,
  is_template INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS nodes_parent ON nodes (parent_id);
CREATE INDEX IF NOT EXISTS nodes_type ON nodes (type);
CREATE TABLE IF NOT EXISTS category_values (
  node_id INTEGER NOT NULL,
  cat_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  vals TEXT NOT NULL,
  PRIMARY KEY (node_id, cat_id)
);
CREATE TABLE IF NOT EXISTS bo_links (
  ws_id INTEGER NOT NULL,
  ext_system_id TEXT NOT NULL,
  bo_type TEXT NOT NULL,
  bo_id TEXT NOT NULL,
  linked_at INTEGER NOT NULL,
  UNIQUE (ext_system_id, bo_type, bo_id)
);
CREATE INDEX IF NOT EXISTS bo_links_ws ON bo_links (ws_id);
CREATE TABLE IF NOT EXISTS relations (
  ws_id INTEGER NOT NULL,
  rel_ws_id INTEGER NOT NULL,
  rel_type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (ws_id, rel_ws_id, rel_type)
);
CREATE TABLE IF NOT EXISTS tickets (
  ticket TEXT PRIMARY KEY,
  user_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  expired INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS recent (node_id INTEGER PRIMARY KEY, accessed_at INTEGER NOT NULL, seq INTEGER NOT NULL);
`;

const DATA_TABLES = ['nodes', 'category_values', 'bo_links', 'relations', 'tickets', 'recent', 'meta'];

export type TicketCheck = { ok: true; userName: string } | { ok: false };

export class XecmState {
  readonly db: Db;
  readonly #opts: StateOptions;
  #model: XecmModel;
  #seq = 0;

  constructor(opts: StateOptions = {}) {
    this.#opts = opts;
    this.db = new Database(opts.dbPath ?? ':memory:');
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
    const stored = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('model') as { value: string } | undefined;
    if (stored) {
      this.#model = JSON.parse(stored.value) as XecmModel;
      const row = this.db.prepare('SELECT MAX(seq) AS s FROM recent').get() as { s: number | null };
      this.#seq = row.s ?? 0;
    } else {
      this.#model = this.#seed();
    }
  }

  get model(): XecmModel {
    return this.#model;
  }

  close(): void {
    this.db.close();
  }

  /** Drops everything and seeds the model again (tickets are cleared too). */
  reset(): void {
    this.db.transaction(() => {
      for (const t of DATA_TABLES) this.db.exec(`DELETE FROM ${t}`);
      this.#model = this.#seed();
    })();
    this.#seq = 0;
  }

  #seed(): XecmModel {
    const base = buildModel(this.#opts.omitWorkspaceTypes ?? []);
    const model: XecmModel = { ...base, user: { ...base.user, name: this.#opts.userName ?? base.user.name, displayName: this.#opts.userName ?? base.user.displayName } };
    const ins = (id: number, parentId: number, name: string, type: number, extra: Partial<NewNode> = {}): void => {
      this.insertNode({ id, parentId, name, type, ...extra });
    };
    this.db.transaction(() => {
      ins(model.volumes.enterprise, -1, 'Enterprise Workspace', 141);
      ins(model.volumes.categories, -1, 'Categories', 133);
      ins(model.volumes.templates, -1, 'Document Templates', 20541);
      ins(model.shopifyFolderId, model.volumes.enterprise, 'Shopify', 0);
      ins(model.categoryFolderId, model.volumes.categories, 'Shopify', 132);
      for (const t of model.workspaceTypes) {
        ins(t.locationId, model.shopifyFolderId, t.locationName, 0);
        ins(t.category.id, model.categoryFolderId, t.category.name, 131);
        ins(t.templateId, model.volumes.templates, t.templateName, 848, { wkspTypeId: t.id, isTemplate: true });
        for (const f of t.folders) ins(f.id, t.templateId, f.name, 0);
      }
      this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('model', JSON.stringify(model));
    })();
    return model;
  }

  // ---- tickets -------------------------------------------------------------------------------

  issueTicket(userName: string, now = Date.now()): string {
    // Real tickets are long base64 strings with `/`, `+` and `=`; clients must URL-encode nothing but
    // must pass them through unchanged.
    const ticket = randomBytes(61).toString('base64');
    this.db
      .prepare('INSERT INTO tickets (ticket, user_name, created_at, last_used_at) VALUES (?, ?, ?, ?)')
      .run(ticket, userName, now, now);
    return ticket;
  }

  /** Validates a ticket and, when valid, records this use (idle expiry counts from the last use). */
  useTicket(ticket: string, idleMs: number, now = Date.now()): TicketCheck {
    const row = this.db.prepare('SELECT user_name, last_used_at, expired FROM tickets WHERE ticket = ?').get(ticket) as
      | { user_name: string; last_used_at: number; expired: number }
      | undefined;
    if (!row || row.expired || now - row.last_used_at > idleMs) return { ok: false };
    this.db.prepare('UPDATE tickets SET last_used_at = ? WHERE ticket = ?').run(now, ticket);
    return { ok: true, userName: row.user_name };
  }

  deleteTicket(ticket: string): void {
    this.db.prepare('DELETE FROM tickets WHERE ticket = ?').run(ticket);
  }

  expireAllTickets(): number {
    return this.db.prepare('UPDATE tickets SET expired = 1 WHERE expired = 0').run().changes;
  }

  countTickets(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE expired = 0').get() as { n: number }).n;
  }

  // ---- nodes ---------------------------------------------------------------------------------

  getNode(id: number): NodeRow | undefined {
    return this.db.prepare('SELECT * FROM nodes WHERE id = ?').get(id) as NodeRow | undefined;
  }

  children(parentId: number): NodeRow[] {
    return this.db.prepare('SELECT * FROM nodes WHERE parent_id = ? ORDER BY id').all(parentId) as NodeRow[];
  }

  countChildren(parentId: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM nodes WHERE parent_id = ?').get(parentId) as { n: number }).n;
  }

  /** Names are unique per container (documents, folders and workspaces share the namespace). */
  childByName(parentId: number, name: string): NodeRow | undefined {
    return this.db.prepare('SELECT * FROM nodes WHERE parent_id = ? AND name = ?').get(parentId, name) as NodeRow | undefined;
  }

  insertNode(n: NewNode, now = Date.now()): number {
    const parent = n.parentId > 0 ? this.getNode(n.parentId) : undefined;
    const id = n.id ?? this.#nextNodeId();
    const volumeId = parent ? parent.volume_id : -id;
    this.db
      .prepare(
        `INSERT INTO nodes (id, parent_id, name, type, description, create_date, modify_date, owner_user_id, volume_id,
           wksp_type_id, template_id, is_template) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, n.parentId, n.name, n.type, n.description ?? '', now, now, 1000, volumeId, n.wkspTypeId ?? null, n.templateId ?? null, n.isTemplate ? 1 : 0);
    return id;
  }

  updateNode(id: number, patch: { name?: string; description?: string; parentId?: number }, now = Date.now()): void {
    const node = this.getNode(id);
    if (!node) return;
    const parent = patch.parentId !== undefined ? this.getNode(patch.parentId) : undefined;
    this.db
      .prepare('UPDATE nodes SET name = ?, description = ?, parent_id = ?, volume_id = ?, modify_date = ? WHERE id = ?')
      .run(
        patch.name ?? node.name,
        patch.description ?? node.description,
        parent?.id ?? node.parent_id,
        parent?.volume_id ?? node.volume_id,
        now,
        id,
      );
  }

  #nextNodeId(): number {
    const row = this.db.prepare('SELECT MAX(id) AS m FROM nodes').get() as { m: number | null };
    return Math.max(SEED_IDS.firstDynamicNode, (row.m ?? 0) + 1);
  }

  // ---- workspaces ----------------------------------------------------------------------------

  /** All business workspaces (type 848), templates excluded. */
  workspaces(): NodeRow[] {
    return this.db.prepare('SELECT * FROM nodes WHERE type = 848 AND is_template = 0 ORDER BY id').all() as NodeRow[];
  }

  createWorkspace(w: NewWorkspace, now = Date.now()): number {
    return this.db.transaction(() => {
      const id = this.insertNode(
        { parentId: w.parentId, name: w.name, type: 848, description: w.description, wkspTypeId: w.typeId, templateId: w.templateId },
        now,
      );
      for (const f of w.folders) this.insertNode({ parentId: id, name: f, type: 0 }, now);
      for (const c of w.categories) this.setCategoryValues(id, c.catId, c.values);
      if (w.bo) {
        this.db
          .prepare('INSERT INTO bo_links (ws_id, ext_system_id, bo_type, bo_id, linked_at) VALUES (?, ?, ?, ?, ?)')
          .run(id, w.bo.extSystemId, w.bo.boType, w.bo.boId, now);
      }
      this.touchRecent(id, now);
      return id;
    })();
  }

  boLinks(wsId: number): BoLinkRow[] {
    return this.db.prepare('SELECT * FROM bo_links WHERE ws_id = ? ORDER BY linked_at, rowid').all(wsId) as BoLinkRow[];
  }

  findByBo(extSystemId: string, boType: string, boId: string): BoLinkRow | undefined {
    return this.db
      .prepare('SELECT * FROM bo_links WHERE ext_system_id = ? AND bo_type = ? AND bo_id = ?')
      .get(extSystemId, boType, boId) as BoLinkRow | undefined;
  }

  // ---- categories ----------------------------------------------------------------------------

  /** Applied categories of a node, in the order they were applied. */
  categoryValues(nodeId: number): Array<{ catId: number; values: Record<string, unknown> }> {
    const rows = this.db.prepare('SELECT cat_id, vals FROM category_values WHERE node_id = ? ORDER BY seq').all(nodeId) as Array<{
      cat_id: number;
      vals: string;
    }>;
    return rows.map((r) => ({ catId: r.cat_id, values: JSON.parse(r.vals) as Record<string, unknown> }));
  }

  setCategoryValues(nodeId: number, catId: number, values: Record<string, unknown>): void {
    const existing = this.db.prepare('SELECT seq FROM category_values WHERE node_id = ? AND cat_id = ?').get(nodeId, catId) as
      | { seq: number }
      | undefined;
    const seq =
      existing?.seq ??
      (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM category_values WHERE node_id = ?').get(nodeId) as { s: number }).s;
    this.db
      .prepare('INSERT OR REPLACE INTO category_values (node_id, cat_id, seq, vals) VALUES (?, ?, ?, ?)')
      .run(nodeId, catId, seq, JSON.stringify(values));
  }

  // ---- recently accessed ---------------------------------------------------------------------

  touchRecent(nodeId: number, now = Date.now()): void {
    this.#seq += 1;
    this.db.prepare('INSERT OR REPLACE INTO recent (node_id, accessed_at, seq) VALUES (?, ?, ?)').run(nodeId, now, this.#seq);
  }

  /** Node ids, most recently accessed first. */
  recentIds(): number[] {
    return (this.db.prepare('SELECT node_id FROM recent ORDER BY seq DESC').all() as Array<{ node_id: number }>).map((r) => r.node_id);
  }

  clearRecent(): void {
    this.db.exec('DELETE FROM recent');
  }
}
