import type { Config } from '../config/schema.js';
import { coerceError } from '../errors.js';
import type { XecmClient } from '../xecm/client.js';
import { WORKSPACE_KINDS } from '../vocabulary.js';
import { EXPECTED_MODEL } from '../xecm/model.js';
import { Nodes } from '../xecm/nodes.js';
import type { Workspaces } from '../xecm/workspaces.js';

export interface CheckItem {
  area: 'config' | 'xecm' | 'model';
  name: string;
  ok: boolean;
  detail: string;
  /** Passes, with something the operator should know (e.g. attributes that will be skipped). */
  warn?: boolean;
}

/**
 * `check`: configuration, Content Server connectivity, and the xECM model (DESIGN.md §3) — each
 * workspace type with a template, its business object type, its category and the attributes the
 * connector writes. Names what is missing; never creates anything.
 */
export async function runCheck(config: Readonly<Config>, xecm: XecmClient, workspaces: Workspaces): Promise<CheckItem[]> {
  const items: CheckItem[] = [];
  items.push({ area: 'config', name: 'configuration', ok: true, detail: `${config.shops.length} shop(s); store ${config.database.url.split(':')[0]}` });
  try {
    const started = performance.now();
    await xecm.ping();
    await xecm.verifySession();
    items.push({
      area: 'xecm',
      name: 'Content Server',
      ok: true,
      detail: `reachable and authenticated as ${config.xecm?.username ?? '?'} (${Math.round(performance.now() - started)} ms)`,
    });
  } catch (err) {
    items.push({ area: 'xecm', name: 'Content Server', ok: false, detail: coerceError(err).message });
    return items;
  }
  const types = await workspaces.listTypes();
  const nodes = new Nodes(xecm);
  const extSystems = [...new Set(config.shops.map((s) => s.externalSystemId))];
  if (extSystems.length === 0) extSystems.push('shopify');
  for (const kind of WORKSPACE_KINDS) {
    const want = config.model[kind];
    const type = types.find((t) => t.name === want.workspaceType);
    if (!type) {
      items.push({ area: 'model', name: want.workspaceType, ok: false, detail: `workspace type "${want.workspaceType}" does not exist` });
      continue;
    }
    const problems: string[] = [];
    const notes: string[] = [];
    const warnings: string[] = [];
    if (type.templates.length === 0) problems.push('no template');
    for (const ext of extSystems) {
      const bound = await workspaces
        .typeIdsForBoType(ext, want.boType)
        .then((ids) => ids.includes(type.id))
        .catch(() => false);
      if (!bound) problems.push(`business object type ${ext}/${want.boType} is not connected to it`);
    }
    try {
      const model = await workspaces.model(want.workspaceType, want.category);
      const missing = EXPECTED_MODEL[kind].attributes.filter((a) => !model.attributeKeys.has(a));
      if (missing.length > 0 && config.model.strictAttributes) {
        problems.push(`category "${want.category}" lacks attribute(s): ${missing.join(', ')} (model.strictAttributes: jobs writing them are refused)`);
      } else if (missing.length > 0) {
        warnings.push(`category "${want.category}" lacks attribute(s): ${missing.join(', ')}; they will be skipped unless model.strictAttributes is true`);
      } else notes.push(`category "${want.category}" with ${EXPECTED_MODEL[kind].attributes.length} attributes`);
    } catch (err) {
      problems.push(coerceError(err).message);
    }
    const template = type.templates[0];
    if (template) {
      const folders = await nodes.children(template.id).catch(() => undefined);
      const missingFolders = folders ? EXPECTED_MODEL[kind].folders.filter((f) => !folders.some((n) => n.name === f)) : [];
      // Missing folders are created on demand by the jobs, so they are reported but do not fail the check.
      if (missingFolders.length > 0) notes.push(`template lacks folder(s) ${missingFolders.join(', ')} (the connector will create them)`);
    }
    items.push({
      area: 'model',
      name: want.workspaceType,
      ok: problems.length === 0,
      detail:
        problems.length > 0 ? [...problems, ...warnings].join('; ') : `type ${type.id}, template ${template?.id ?? '?'}, ${[...warnings, ...notes].join('; ')}`,
      ...(problems.length === 0 && warnings.length > 0 ? { warn: true } : {}),
    });
  }
  return items;
}
