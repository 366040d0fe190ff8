/** Envelope helpers: `links`, paging objects, timestamps and the `{"error": ...}` body. */

/** An error that becomes `{"error": message}` with the given HTTP status. */
export class OtcsError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'OtcsError';
    this.status = status;
  }
}

export const notAccessible = (): OtcsError =>
  new OtcsError(400, 'Sorry, the item you requested could not be accessed. Either it does not exist, or you do not have permission to access it.');

export const duplicateName = (name: string): OtcsError => new OtcsError(500, `An item with the name '${name}' already exists.`);

export interface Link {
  body: string;
  content_type: string;
  href: string;
  method: string;
  name: string;
}

export function link(href: string, method = 'GET', name = ''): Link {
  return { body: '', content_type: '', href, method, name };
}

/** `links.data.self`, as every v2 response carries it. */
export function selfLinks(href: string, method = 'GET'): { data: { self: Link } } {
  return { data: { self: link(href, method) } };
}

export interface Paging {
  page: number;
  limit: number;
  page_total: number;
  range_min: number;
  range_max: number;
  total_count: number;
  links: { data: Record<string, Link> };
}

export interface PageOptions {
  page: number;
  limit: number;
  /** Serve the last page's rows when asked for a page beyond it (workspace search quirk, per pyxecm). */
  clampToLastPage: boolean;
}

/** Cuts one page out of `rows` and describes it in the OTCS paging shape. */
export function paginate<T>(rows: readonly T[], href: string, opts: PageOptions): { items: T[]; paging: Paging } {
  const total = rows.length;
  const limit = Math.max(1, opts.limit);
  const pageTotal = Math.max(1, Math.ceil(total / limit));
  const requested = Math.max(1, opts.page);
  const effective = opts.clampToLastPage ? Math.min(requested, pageTotal) : requested;
  const start = (effective - 1) * limit;
  const items = rows.slice(start, start + limit);
  const linkData: Record<string, Link> = {};
  const pageHref = (p: number): string => {
    const u = new URL(href, 'http://x');
    u.searchParams.set('page', String(p));
    u.searchParams.set('limit', String(limit));
    return u.pathname + u.search;
  };
  if (effective < pageTotal) linkData.next = link(pageHref(effective + 1), 'GET', 'next');
  if (effective > 1 && effective <= pageTotal) linkData.previous = link(pageHref(effective - 1), 'GET', 'previous');
  return {
    items,
    paging: {
      page: requested,
      limit,
      page_total: pageTotal,
      range_min: items.length === 0 ? 0 : start + 1,
      range_max: items.length === 0 ? 0 : start + items.length,
      total_count: total,
      links: { data: linkData },
    },
  };
}

/** Node endpoints: ISO-8601 with `Z`, seconds precision (`2025-01-19T06:57:04Z`). */
export function isoZ(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Business-workspace endpoints: ISO-8601 without a zone (`2025-01-05T18:00:37`). */
export function isoLocal(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
}

/**
 * The name rules of Content Server as far as the reference states them (otcs-api.md §3.9): leading
 * and trailing spaces are trimmed; a `:`, a control character or more than 248 characters is
 * refused with a 400 (the exact message of a real server is not documented; this one names the
 * problem). Folders, documents, renames and workspaces are checked alike (a workspace create strips
 * ':' first, §2.3), so that a connector that sent such a name would fail its end-to-end tests rather
 * than pass on a lenient emulator.
 */
export function acceptedName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw new OtcsError(400, 'Invalid parameter name: the name is empty');
  if (name.includes(':')) throw new OtcsError(400, `The name '${name}' is not valid: it contains ':'`);
  if (/\p{Cc}/u.test(name)) throw new OtcsError(400, 'The name is not valid: it contains a control character');
  if (name.length > 248) throw new OtcsError(400, `The name is not valid: it is longer than 248 characters (${name.length})`);
  return name;
}
