import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bool, int, isRecord, readRequestData, str } from '../body.js';
import type { UploadedFile } from '../body.js';
import { defaultValues, findCategory, mergeValues } from '../categories.js';
import { apiHref, params } from '../context.js';
import type { XecmContext } from '../context.js';
import { acceptedName, duplicateName, notAccessible, OtcsError, selfLinks } from '../envelopes.js';
import type { NodeRow, VersionRow } from '../state.js';
import { isContainer, nodeProperties, versionInfo } from '../views.js';

/**
 * Folders and documents (create, delete), versions, content download, name validation and
 * `/v1/serverinfo`.
 */

/** Node types this emulator creates through POST /nodes. */
const CREATABLE = new Set([0, 144]);
const MAX_VERSION_DESCRIPTION = 255;

const MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  json: 'application/json',
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  xml: 'application/xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The part's content type, or a guess from the file name when the client sent none. */
function mimeOf(file: UploadedFile, name: string): string {
  if (file.mimetype && file.mimetype !== 'application/octet-stream') return file.mimetype;
  const ext = (file.filename.includes('.') ? file.filename : name).split('.').pop()?.toLowerCase() ?? '';
  return MIME_BY_EXT[ext] ?? 'application/octet-stream';
}

const CAT_KEY = /^(\d+)_\d+(?:_(?:\d+|x)_\d+)?$/;

/** `roles.categories` of node create is flat: `{"<cat>_<attr>": v, "<cat>_1": {}}` (§3.1). */
function flatCategories(ctx: XecmContext, input: unknown): Array<{ catId: number; values: Record<string, unknown> }> {
  if (input === undefined || input === null) return [];
  if (!isRecord(input)) throw new OtcsError(400, 'roles.categories must be an object');
  const catIds = new Set<number>();
  for (const key of Object.keys(input)) {
    const m = CAT_KEY.exec(key);
    if (!m) throw new OtcsError(400, `Invalid category attribute key '${key}'`);
    catIds.add(Number(m[1]));
  }
  return [...catIds].map((catId) => {
    const cat = findCategory(ctx.state.model, catId);
    if (!cat) throw new OtcsError(400, `The category ${catId} could not be found`);
    return { catId, values: mergeValues(cat, defaultValues(cat), input) };
  });
}

function classificationIds(ctx: XecmContext, input: unknown): number[] {
  if (!isRecord(input)) return [];
  const raw = input.id;
  const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(Number);
  for (const id of ids) {
    if (!ctx.state.model.classifications.some((c) => c.id === id)) throw new OtcsError(400, `The classification ${id} could not be found`);
  }
  return ids;
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerDocumentRoutes(app: FastifyInstance, ctx: XecmContext): void {
  const { state, content } = ctx;

  const nodeOr = (req: FastifyRequest, status: number): NodeRow => {
    const raw = params(req).id ?? '';
    const node = /^\d+$/.test(raw) ? state.getNode(Number(raw)) : undefined;
    if (!node) throw new OtcsError(status, `Could not get a node for ${raw}`);
    return node;
  };

  const documentOr = (req: FastifyRequest): NodeRow => {
    const node = nodeOr(req, 400);
    if (node.type !== 144) throw new OtcsError(400, `The item ${node.id} is not a document and has no versions`);
    return node;
  };

  /** Shared by v1 and v2 create: folder via fields or `body`, document via multipart with `file`. */
  const createNode = async (req: FastifyRequest): Promise<NodeRow> => {
    const { fields, files } = await readRequestData(req);
    const type = int(fields, 'type');
    if (type === undefined) throw new OtcsError(400, "Missing required parameter 'type'");
    if (!CREATABLE.has(type)) throw new OtcsError(400, `Subtype ${type} not registered`);
    const parentId = int(fields, 'parent_id');
    if (parentId === undefined) throw new OtcsError(400, "Missing required parameter 'parent_id'");
    const rawName = str(fields, 'name') ?? '';
    if (rawName.trim() === '') throw new OtcsError(400, "Missing required parameter 'name'");
    const name = acceptedName(rawName);
    const parent = state.getNode(parentId);
    if (!parent || !isContainer(parent.type) || parent.is_template) throw notAccessible();
    const roles = isRecord(fields.roles) ? fields.roles : {};
    const categories = flatCategories(ctx, roles.categories);
    const classes = classificationIds(ctx, roles.classifications);
    const description = str(fields, 'description') ?? '';
    const file = files.find((f) => f.field === 'file') ?? files[0];
    if (type === 144 && !file) throw new OtcsError(400, "Missing required parameter 'file'");
    if (state.childByName(parentId, name)) throw duplicateName(name);

    const id = state.db.transaction(() => {
      const nodeId =
        type === 144 && file
          ? state.createDocument({
              parentId,
              name,
              description,
              file: { fileName: file.filename, mimeType: mimeOf(file, name), size: file.size, sha256: file.sha256, blob: file.blob },
            })
          : state.insertNode({ parentId, name, type, description });
      for (const c of categories) state.setCategoryValues(nodeId, c.catId, c.values);
      if (classes.length > 0) state.setClassifications(nodeId, classes);
      return nodeId;
    })();
    if (type === 144 && file) content.claim(file.blob);
    const node = state.getNode(id);
    if (!node) throw new OtcsError(500, 'The item could not be created');
    return node;
  };

  app.post('/v2/nodes', async (req) => {
    const node = await createNode(req);
    return { links: selfLinks(apiHref(ctx, req), 'POST'), results: { data: { properties: nodeProperties(state, node) } } };
  });

  app.post('/v1/nodes', async (req) => ({ id: (await createNode(req)).id }));

  // ---- versions --------------------------------------------------------------------------------

  /** Shared by v1 and v2 add-version: multipart with `file`, optional description and major flag. */
  const addVersion = async (req: FastifyRequest): Promise<{ node: NodeRow; version: VersionRow }> => {
    const node = documentOr(req);
    const { fields, files } = await readRequestData(req);
    const file = files.find((f) => f.field === 'file') ?? files[0];
    if (!file) throw new OtcsError(400, "Missing required parameter 'File'");
    const description = str(fields, 'description') ?? '';
    if (description.length > MAX_VERSION_DESCRIPTION) {
      throw new OtcsError(400, `The version description exceeds ${MAX_VERSION_DESCRIPTION} characters`);
    }
    const v = state.addVersion(node.id, {
      fileName: file.filename,
      mimeType: mimeOf(file, node.name),
      size: file.size,
      sha256: file.sha256,
      blob: file.blob,
      description,
      major: bool(fields, 'add_major_version'),
    });
    content.claim(file.blob);
    return { node: state.getNode(node.id) ?? node, version: v };
  };

  app.post('/v2/nodes/:id/versions', async (req) => {
    const { node, version } = await addVersion(req);
    return {
      links: selfLinks(apiHref(ctx, req), 'POST'),
      results: { data: { properties: nodeProperties(state, node), versions: versionInfo(version) } },
    };
  });

  // v1 (CS REST 2.0.2 addVersion): `{id, version_number}`.
  app.post('/v1/nodes/:id/versions', async (req) => {
    const { node, version } = await addVersion(req);
    return { id: node.id, version_number: version.version_number };
  });

  app.get('/v2/nodes/:id/versions', async (req) => {
    const node = documentOr(req);
    return { links: selfLinks(apiHref(ctx, req)), results: state.versions(node.id).map((v) => ({ data: { versions: versionInfo(v) } })) };
  });

  const versionOr = (req: FastifyRequest, node: NodeRow): VersionRow => {
    const raw = params(req).n ?? '';
    const v = /^\d+$/.test(raw) ? state.version(node.id, Number(raw)) : undefined;
    if (!v) throw new OtcsError(400, `Could not get version ${raw} of node ${node.id}`);
    return v;
  };

  app.get('/v2/nodes/:id/versions/:n', async (req) => {
    const node = documentOr(req);
    return { links: selfLinks(apiHref(ctx, req)), results: { data: { versions: versionInfo(versionOr(req, node)) } } };
  });

  // v1 answers `{data, definitions}`; pyxecm reads `data.version_number` of versions/latest.
  app.get('/v1/nodes/:id/versions', async (req) => ({ data: state.versions(documentOr(req).id).map(versionInfo), definitions: {} }));
  app.get('/v1/nodes/:id/versions/latest', async (req) => {
    const node = documentOr(req);
    const v = state.latestVersion(node.id);
    if (!v) throw new OtcsError(400, `The document ${node.id} has no versions`);
    return { data: versionInfo(v), definitions: {} };
  });
  app.get('/v1/nodes/:id/versions/:n', async (req) => {
    const node = documentOr(req);
    return { data: versionInfo(versionOr(req, node)), definitions: {} };
  });

  // ---- content ---------------------------------------------------------------------------------

  const sendContent = (reply: FastifyReply, node: NodeRow, v: VersionRow): FastifyReply => {
    reply.header('content-type', v.mime_type);
    reply.header('content-length', String(v.file_size));
    reply.header('content-disposition', contentDisposition(v.file_name || node.name));
    return reply.send(content.read(v.blob));
  };
  const latestContent = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const node = documentOr(req);
    const v = state.latestVersion(node.id);
    if (!v) throw new OtcsError(400, `The document ${node.id} has no versions`);
    return sendContent(reply, node, v);
  };
  const versionContent = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const node = documentOr(req);
    return sendContent(reply, node, versionOr(req, node));
  };
  app.get('/v2/nodes/:id/content', latestContent);
  app.get('/v1/nodes/:id/content', latestContent);
  app.get('/v2/nodes/:id/versions/:n/content', versionContent);
  app.get('/v1/nodes/:id/versions/:n/content', versionContent);

  // ---- delete ----------------------------------------------------------------------------------

  const deleteNode = (req: FastifyRequest): void => {
    const node = nodeOr(req, 500);
    if (node.parent_id === -1 || node.is_template) throw new OtcsError(400, `Invalid action 'delete' for item ${node.id}`);
    // Records under an active hold must not be destroyed: the node, its containers and its contents.
    const ids = [...state.ancestors(node.id).map((n) => n.id), ...state.subtreeIds(node.id)];
    for (const id of ids) {
      const held = state.nodeHolds(id).find((h) => h.active === 1);
      if (held) {
        const on = state.getNode(id);
        throw new OtcsError(400, `The item '${node.name}' cannot be deleted: '${on?.name ?? id}' is under the hold '${held.name}'`);
      }
    }
    for (const blob of state.deleteSubtree(node.id)) content.remove(blob);
  };
  app.delete('/v2/nodes/:id', async (req) => {
    deleteNode(req);
    return { links: selfLinks(apiHref(ctx, req), 'DELETE'), results: {} };
  });
  app.delete('/v1/nodes/:id', async (req) => {
    deleteNode(req);
    return {};
  });

  // ---- names and server info -------------------------------------------------------------------

  app.post('/v1/validation/nodes/names', async (req) => {
    const { fields } = await readRequestData(req);
    if (fields.parent_id === undefined) throw new OtcsError(400, "Body Parameter 'parent_id' is missing");
    const parentId = int(fields, 'parent_id');
    if (parentId === undefined) throw new OtcsError(400, "Body Parameter 'parent_id' is invalid");
    if (fields.names === undefined) throw new OtcsError(400, "Body Parameter 'names' is missing");
    const names = Array.isArray(fields.names) ? fields.names : [fields.names];
    if (!names.every((n): n is string => typeof n === 'string')) throw new OtcsError(400, "Body Parameter 'names' is invalid");
    const parent = state.getNode(parentId);
    if (!parent) throw notAccessible();
    const results = names.flatMap((name) => {
      const n = state.childByName(parentId, name);
      return n ? [{ id: n.id, name: n.name, type: n.type }] : [];
    });
    return { links: selfLinks(apiHref(ctx, req), 'POST'), results };
  });

  app.get('/v1/serverinfo', async (req) => ({
    mobile: { client_timeout: 60, offline_use: false },
    server: {
      advanced_versioning: false,
      character_encoding: 1,
      current_date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
      current_locale_suffix: '_en_US',
      domain_access_enabled: false,
      enhanced_advanced_versioning: false,
      language_code: 'USA',
      languages: [{ default: true, display_name: 'English (United States)', language_code: 'en_US' }],
      metadata_languages: [{ default: true, display_name: 'English (United States)', language_code: 'en' }],
      time_zone_offset_enabled: false,
      url: `${req.protocol}://${req.host}${ctx.csPath}`,
      version: '25.4 (emulated)',
    },
    sessions: {
      enabled: true,
      expire_after_last_login: false,
      expire_after_last_request: true,
      logout_url: '?func=ll.DoLogout',
      session_inactivity: Math.max(0, ctx.ticketIdleMs - 5 * 60 * 1000),
      session_reaction_time: Math.min(5 * 60 * 1000, ctx.ticketIdleMs),
      session_timeout: ctx.ticketIdleMs,
    },
    viewer: { content_suite: { enabled: false, supported_mime_types: [] } },
  }));
}
