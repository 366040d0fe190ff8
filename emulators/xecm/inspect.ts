import { findCategory } from './categories.js';
import { isoZ } from './envelopes.js';
import type { NodeRow, XecmState } from './state.js';
import { workspaceType } from './views.js';

/** The emulator's state as `/emulator/state` returns it and `/emulator` renders it. */

export interface DocumentSnapshot {
  id: number;
  name: string;
  mimeType: string | null;
  size: number;
  sha256: string | null;
  versions: Array<{ number: number; fileName: string; size: number; mimeType: string; sha256: string; description: string; createDate: string }>;
  holds: string[];
}

export interface FolderSnapshot {
  id: number;
  name: string;
  /** Path below the workspace, e.g. `Archive/2026`. */
  path: string;
  documents: DocumentSnapshot[];
}

function documentSnapshot(state: XecmState, n: NodeRow): DocumentSnapshot {
  const versions = state.versions(n.id);
  const latest = versions[versions.length - 1];
  return {
    id: n.id,
    name: n.name,
    mimeType: latest?.mime_type ?? null,
    size: latest?.file_size ?? 0,
    sha256: latest?.sha256 ?? null,
    versions: versions.map((v) => ({
      number: v.version_number,
      fileName: v.file_name,
      size: v.file_size,
      mimeType: v.mime_type,
      sha256: v.sha256,
      description: v.description,
      createDate: isoZ(v.create_date),
    })),
    holds: state.nodeHolds(n.id).map((h) => h.name),
  };
}

/** The workspace itself (path '') and every folder below it, each with its documents. */
function folders(state: XecmState, ws: NodeRow): FolderSnapshot[] {
  const out: FolderSnapshot[] = [];
  const walk = (node: NodeRow, path: string): void => {
    const kids = state.children(node.id);
    out.push({ id: node.id, name: node.name, path, documents: kids.filter((k) => k.type === 144).map((k) => documentSnapshot(state, k)) });
    for (const k of kids) if (k.type === 0) walk(k, path === '' ? k.name : `${path}/${k.name}`);
  };
  walk(ws, '');
  return out;
}

export function snapshot(state: XecmState): Record<string, unknown> {
  const workspaces = state.workspaces().map((ws) => {
    const t = workspaceType(state, ws.wksp_type_id);
    const links = state.boLinks(ws.id);
    const bo = links[0];
    const rm = state.rmRecord(ws.id);
    const tree = folders(state, ws);
    return {
      id: ws.id,
      name: ws.name,
      description: ws.description,
      parentId: ws.parent_id,
      typeId: ws.wksp_type_id,
      typeName: t?.name ?? null,
      templateId: ws.template_id,
      businessObject: bo ? { extSystemId: bo.ext_system_id, boType: bo.bo_type, boId: bo.bo_id } : null,
      references: links.map((l) => ({ extSystemId: l.ext_system_id, boType: l.bo_type, boId: l.bo_id })),
      categories: state.categoryValues(ws.id).map((c) => {
        const cat = findCategory(state.model, c.catId);
        return {
          id: c.catId,
          name: cat?.name ?? null,
          values: c.values,
          byName: Object.fromEntries((cat?.attributes ?? []).map((a) => [a.name, c.values[a.key] ?? null])),
        };
      }),
      folders: state
        .children(ws.id)
        .filter((n) => n.type === 0)
        .map((n) => ({ id: n.id, name: n.name })),
      documents: tree.filter((f) => f.documents.length > 0).map((f) => ({ folderId: f.id, folder: f.path, documents: f.documents })),
      relations: state.related(ws.id).map((r) => ({ id: r.id, relType: r.relType, name: state.getNode(r.id)?.name ?? null })),
      roles: state.roles(ws.id).map((r) => ({
        id: r.id,
        name: r.name,
        leader: r.leader === 1,
        members: state.roleMembers(r.id).map((id) => ({ id, name: state.model.members.find((m) => m.id === id)?.name ?? null })),
      })),
      holds: state.nodeHolds(ws.id).map((h) => ({ id: h.id, name: h.name })),
      rmClassification: rm ? { classId: rm.class_id, status: rm.status, official: rm.official === 1 } : null,
      classifications: state.classificationIds(ws.id),
      createDate: isoZ(ws.create_date),
      modifyDate: isoZ(ws.modify_date),
    };
  });
  const byType: Record<string, number> = Object.fromEntries(state.model.workspaceTypes.map((t) => [t.name, 0]));
  for (const w of workspaces) if (w.typeName !== null) byType[w.typeName] = (byType[w.typeName] ?? 0) + 1;
  const documents = (state.db.prepare('SELECT COUNT(*) AS n FROM nodes WHERE type = 144').get() as { n: number }).n;
  return {
    counts: { workspaces: workspaces.length, documents, versions: state.countVersions(), byType, activeTickets: state.countTickets() },
    workspaceTypes: state.model.workspaceTypes.map((t) => ({ id: t.id, name: t.name, boType: t.boType, templateId: t.templateId })),
    workspaces,
    relations: state.allRelations(),
    holds: state.holds().map((h) => ({
      id: h.id,
      name: h.name,
      type: h.type,
      comment: h.comment,
      active: h.active === 1,
      dateApplied: h.date_applied,
      items: state.holdItems(h.id),
    })),
  };
}

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const fmtValue = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : v === null || v === undefined ? '' : String(v));

/** A small server-rendered page (no script) listing workspaces by type with their contents. */
export function renderInspection(state: XecmState): string {
  const data = snapshot(state);
  const counts = data.counts as { workspaces: number; documents: number; versions: number };
  const workspaces = data.workspaces as Array<{
    id: number;
    name: string;
    typeName: string | null;
    references: Array<{ extSystemId: string; boType: string; boId: string }>;
    categories: Array<{ name: string | null; byName: Record<string, unknown> }>;
    folders: Array<{ name: string }>;
    documents: Array<{ folder: string; documents: DocumentSnapshot[] }>;
    relations: Array<{ id: number; relType: string; name: string | null }>;
    holds: Array<{ name: string }>;
  }>;
  const holds = data.holds as Array<{ id: number; name: string; type: string; active: boolean; dateApplied: string; items: number[] }>;
  const parts: string[] = [];
  parts.push(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>xECM emulator</title><style>`,
    `body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}h2{border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:.3rem 0}`,
    `td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}code{font-size:12px}.ws{margin:0 0 1.2rem 0}.muted{color:#777}`,
    `</style></head><body><h1>xECM emulator</h1>`,
    `<p>${counts.workspaces} workspaces, ${counts.documents} documents, ${counts.versions} versions. `,
    `JSON: <a href="/emulator/state">/emulator/state</a></p>`,
  );
  for (const t of state.model.workspaceTypes) {
    const list = workspaces.filter((w) => w.typeName === t.name);
    parts.push(`<h2>${esc(t.name)} (${list.length})</h2>`);
    for (const w of list) {
      parts.push(`<div class="ws"><h3>${esc(w.name)} <span class="muted">#${w.id}</span></h3>`);
      const bo = w.references.map((r) => `${r.extSystemId}/${r.boType}/${r.boId}`).join(', ');
      parts.push(`<div>Business object: <code>${esc(bo || '—')}</code></div>`);
      for (const c of w.categories) {
        const rows = Object.entries(c.byName).filter(([, v]) => fmtValue(v) !== '');
        if (rows.length === 0) continue;
        parts.push(`<table><tr><th colspan="2">${esc(c.name)}</th></tr>`);
        for (const [k, v] of rows) parts.push(`<tr><td>${esc(k)}</td><td>${esc(fmtValue(v))}</td></tr>`);
        parts.push('</table>');
      }
      parts.push(`<div>Folders: ${esc(w.folders.map((f) => f.name).join(', ') || '—')}</div>`);
      const docs = w.documents.flatMap((f) => f.documents.map((d) => ({ folder: f.folder, d })));
      if (docs.length > 0) {
        parts.push('<table><tr><th>Folder</th><th>Document</th><th>Versions</th><th>Size</th><th>SHA-256</th><th>Holds</th></tr>');
        for (const { folder, d } of docs) {
          parts.push(
            `<tr><td>${esc(folder || '/')}</td><td>${esc(d.name)}</td><td>${d.versions.length}</td><td>${d.size}</td><td><code>${esc(d.sha256)}</code></td><td>${esc(d.holds.join(', '))}</td></tr>`,
          );
        }
        parts.push('</table>');
      }
      if (w.relations.length > 0) parts.push(`<div>Related: ${esc(w.relations.map((r) => `${r.relType} ${r.name ?? r.id} (#${r.id})`).join('; '))}</div>`);
      if (w.holds.length > 0) parts.push(`<div>Holds: ${esc(w.holds.map((h) => h.name).join(', '))}</div>`);
      parts.push('</div>');
    }
  }
  parts.push(`<h2>Holds (${holds.length})</h2>`);
  if (holds.length > 0) {
    parts.push('<table><tr><th>Id</th><th>Name</th><th>Type</th><th>Active</th><th>Applied</th><th>Items</th></tr>');
    for (const h of holds) {
      parts.push(
        `<tr><td>${h.id}</td><td>${esc(h.name)}</td><td>${esc(h.type)}</td><td>${h.active ? 'yes' : 'no'}</td><td>${esc(h.dateApplied)}</td><td>${esc(h.items.join(', '))}</td></tr>`,
      );
    }
    parts.push('</table>');
  }
  parts.push('</body></html>\n');
  return parts.join('');
}
