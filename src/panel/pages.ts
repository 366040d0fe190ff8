import type { LookupAnswer, LookupMatch, LookupWorkspace } from '../lookup/lookup.js';
import { html } from './html.js';
import type { Html } from './html.js';

/**
 * Pure: the agent panel's pages (job 6), server-rendered HTML. No script: links, forms and buttons
 * only, so it works by keyboard and in any help-desk iframe; the stylesheet is served at
 * /panel/panel.css (the Content-Security-Policy allows nothing inline).
 */

export interface PanelUser {
  /** "API token" or the shop of a Shopify session. */
  label: string;
}

export interface RecentDelivery {
  id: number;
  shop: string;
  topic: string;
  receivedAt: number;
}

export interface RecentJob {
  jobId: string;
  task: string;
  outcome: string;
  finishedAt: number;
}

export interface DeadLetterView {
  id: string;
  task: string;
  queueName: string;
  attempts: number;
  reason: string;
  failedAt: number;
}

const KIND_LABEL: Record<LookupWorkspace['kind'], string> = {
  order: 'Order',
  case: 'Case',
  account: 'Customer account',
  exception: 'Exception',
  product: 'Product',
};

const iso = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

function size(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function layout(title: string, user: PanelUser | undefined, body: Html, active: 'search' | 'ops' | 'none' = 'none'): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · shopify-xecm</title>
        <link rel="stylesheet" href="/panel/panel.css" />
      </head>
      <body>
        <header class="bar">
          <strong>xECM for Shopify</strong>
          ${
            user
              ? html`<nav aria-label="Panel">
                  <a href="/panel" ${active === 'search' ? html`aria-current="page"` : ''}>Lookup</a>
                  <a href="/panel/ops" ${active === 'ops' ? html`aria-current="page"` : ''}>Operations</a>
                  <span class="who">${user.label}</span>
                </nav>`
              : ''
          }
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}

/** The sign-in page: shown (with 401) to a caller without a token, a session token or a session cookie. */
export function signInPage(message?: string): string {
  return layout(
    'Sign in',
    undefined,
    html`<h1>Sign in</h1>
      ${message ? html`<p class="banner critical" role="alert">${message}</p>` : ''}
      <p>Open the sign-in link that <code>shopify-xecm demo</code> or your administrator gave you, or enter the connector's API token.</p>
      <form method="post" action="/panel/sign-in" class="stack">
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" required />
        <button type="submit">Sign in</button>
      </form>`,
  ).text;
}

function badge(text: string, tone: 'info' | 'success' | 'warning' | 'critical' | 'neutral' = 'neutral'): Html {
  return html`<span class="badge ${tone}">${text}</span>`;
}

function statusTone(status: string): 'info' | 'success' | 'warning' | 'critical' {
  if (['closed', 'won', 'resolved', 'complete', 'fulfilled'].includes(status)) return 'success';
  if (['lost', 'declined', 'canceled', 'cancelled', 'delayed', 'on hold', 'on_hold'].includes(status)) return 'critical';
  if (['needs_response', 'under_review', 'requested', 'open'].includes(status)) return 'warning';
  return 'info';
}

function workspaceCard(w: LookupWorkspace): Html {
  const status = typeof w.status?.Status === 'string' ? w.status.Status : undefined;
  const history = Array.isArray(w.status?.['Status History'])
    ? (w.status['Status History'] as unknown[]).filter((h): h is string => typeof h === 'string')
    : [];
  return html`<article class="card" data-kind="${w.kind}" data-node="${w.nodeId}">
    <h3>${w.name}</h3>
    <p class="meta">
      ${badge(KIND_LABEL[w.kind])} ${status !== undefined ? badge(status, statusTone(status)) : ''}
      <a href="${w.links.smartView}" target="_blank" rel="noopener noreferrer">Open in Smart View</a>
      · <a href="${w.links.classic}" target="_blank" rel="noopener noreferrer">Classic</a>
    </p>
    ${
      history.length > 0
        ? html`<details>
            <summary>Timeline (${history.length})</summary>
            <ol class="timeline">
              ${history.map((h) => html`<li>${h}</li>`)}
            </ol>
          </details>`
        : ''
    }
    ${w.liveError !== undefined ? html`<p class="banner warning" role="status">Documents unavailable: ${w.liveError}</p>` : ''}
    ${
      w.documents === undefined
        ? ''
        : w.documents.length === 0
          ? html`<p class="empty">No documents yet.</p>`
          : html`<ul class="docs">
              ${w.documents.map(
                (d) =>
                  html`<li>
                    <a href="${d.links.smartView}" target="_blank" rel="noopener noreferrer">${d.name}</a>
                    <span class="meta">${[d.folder, size(d.size), d.modified?.slice(0, 10)].filter((x) => x !== undefined && x !== '').join(' · ')}</span>
                  </li>`,
              )}
            </ul>`
    }
  </article>`;
}

function matchSection(m: LookupMatch, i: number, idToken: string | undefined): Html {
  const carry = idToken !== undefined ? `&id_token=${encodeURIComponent(idToken)}` : '';
  return html`<section class="match" aria-labelledby="m${i}">
    <h2 id="m${i}">${m.title} <span class="meta">${m.resourceType} · ${m.shop}</span></h2>
    ${m.workspaces.length === 0 ? html`<p class="empty">No xECM workspace yet.</p>` : html`<div class="cards">${m.workspaces.map(workspaceCard)}</div>`}
    ${
      m.related.length > 0
        ? html`<p class="related">
            Related:
            ${m.related.map(
              (r) =>
                html`<a href="/panel?q=${encodeURIComponent(r.resourceType === 'order' ? `gid://shopify/Order/${r.resourceId}` : r.title)}${carry}"
                  >${r.title}</a
                > `,
            )}
          </p>`
        : ''
    }
  </section>`;
}

/** A workspace listed on the panel's home (no live documents: the list must be quick). */
export interface RecentWorkspace {
  nodeId: number;
  name: string;
  workspaceType: string;
  shop: string;
  links: { classic: string; smartView: string };
}

function recentList(recent: RecentWorkspace[]): Html {
  if (recent.length === 0) return html`<p class="empty">No workspaces yet. They appear here as the connector makes them.</p>`;
  return html`<h2>Recent workspaces</h2>
    <ul class="plain recent">
      ${recent.map(
        (w) =>
          html`<li data-node="${w.nodeId}">
            <a href="${w.links.smartView}" target="_blank" rel="noopener noreferrer">${w.name}</a> ${badge(w.workspaceType)}
            <span class="meta">${w.shop}</span>
          </li>`,
      )}
    </ul>`;
}

/** The lookup page: a search box and, when asked, the matches with their workspaces (else the recent workspaces). */
export function searchPage(
  user: PanelUser,
  q: string,
  result: { answer: LookupAnswer } | { error: string } | undefined,
  idToken?: string,
  recent: RecentWorkspace[] = [],
): string {
  const body = html`<h1>Look up an order, customer or case</h1>
    <form method="get" action="/panel" role="search" class="search">
      <label for="q">Order name or number, email, company, SKU or case id</label>
      ${idToken !== undefined ? html`<input type="hidden" name="id_token" value="${idToken}" />` : ''}
      <div class="row">
        <input id="q" name="q" type="search" value="${q}" autofocus required minlength="2" />
        <button type="submit">Search</button>
      </div>
    </form>
    ${
      result === undefined
        ? recentList(recent)
        : 'error' in result
          ? html`<p class="banner critical" role="alert">${result.error}</p>`
          : result.answer.matches.length === 0
            ? html`<p class="empty" role="status">Nothing found for “${q}”.</p>`
            : html`<p role="status" class="meta">${result.answer.matches.length} match${result.answer.matches.length === 1 ? '' : 'es'}</p>
                ${result.answer.matches.map((m, i) => matchSection(m, i, idToken))}`
    }`;
  return layout(q ? `${q}` : 'Lookup', user, body, 'search').text;
}

/** The operations page: what came in, what ran, and what failed for good (with a retry button). */
export function opsPage(
  user: PanelUser,
  data: { deliveries: RecentDelivery[]; jobs: RecentJob[]; dead: DeadLetterView[]; counts: { queued: number; running: number; dead: number } },
  notice?: string,
): string {
  const body = html`<h1>Operations</h1>
    ${notice ? html`<p class="banner success" role="status">${notice}</p>` : ''}
    <p class="meta">${data.counts.queued} queued · ${data.counts.running} running · ${data.counts.dead} dead letters</p>
    <section aria-labelledby="dead">
      <h2 id="dead">Dead letters</h2>
      ${
        data.dead.length === 0
          ? html`<p class="empty">No dead letters.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Failed</th>
                  <th scope="col"><span class="sr">Action</span></th>
                </tr>
              </thead>
              <tbody>
                ${data.dead.map(
                  (d) =>
                    html`<tr data-job="${d.id}">
                      <td>${d.task}<br /><span class="meta">${d.queueName} · ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}</span></td>
                      <td class="reason">${d.reason}</td>
                      <td>${iso(d.failedAt)}</td>
                      <td>
                        <form method="post" action="/panel/ops/retry">
                          <input type="hidden" name="job" value="${d.id}" />
                          <button type="submit">Retry</button>
                        </form>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
    <section aria-labelledby="jobs">
      <h2 id="jobs">Recent jobs</h2>
      ${
        data.jobs.length === 0
          ? html`<p class="empty">No finished jobs yet.</p>`
          : html`<ul class="plain">
              ${data.jobs.map((j) => html`<li>${iso(j.finishedAt)} · ${j.task} · ${badge(j.outcome, 'info')}</li>`)}
            </ul>`
      }
    </section>
    <section aria-labelledby="deliveries">
      <h2 id="deliveries">Recent deliveries</h2>
      ${
        data.deliveries.length === 0
          ? html`<p class="empty">No deliveries yet.</p>`
          : html`<ul class="plain">
              ${data.deliveries.map((d) => html`<li>${iso(d.receivedAt)} · ${d.topic} · <span class="meta">${d.shop}</span></li>`)}
            </ul>`
      }
    </section>`;
  return layout('Operations', user, body, 'ops').text;
}

/** The panel's stylesheet: readable from 400 px wide up, visible focus, tones for badges and banners. */
export const PANEL_CSS = `
:root { color-scheme: light; --fg: #1a1a1a; --muted: #616161; --line: #e3e3e3; --accent: #005bd3; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #f7f7f7; font-size: 15px; line-height: 1.45; }
.bar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; padding: .6rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
.bar nav { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; }
.bar a[aria-current="page"] { font-weight: 600; text-decoration: underline; }
.who { color: var(--muted); font-size: .85rem; }
main { max-width: 960px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.3rem; margin: .2rem 0 1rem; } h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; } h3 { font-size: 1rem; margin: 0 0 .3rem; }
a { color: var(--accent); } a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.search label, .stack label { display: block; font-weight: 600; margin-bottom: .3rem; }
.row { display: flex; gap: .5rem; } .row input { flex: 1; min-width: 0; }
input { font: inherit; padding: .5rem .6rem; border: 1px solid #8a8a8a; border-radius: 6px; background: #fff; }
button { font: inherit; padding: .5rem .9rem; border: 0; border-radius: 6px; background: #303030; color: #fff; cursor: pointer; }
.stack { display: grid; gap: .5rem; max-width: 360px; }
.cards { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: .8rem; }
.meta { color: var(--muted); font-size: .85rem; font-weight: normal; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; background: #ebebeb; }
.badge.info { background: #e0f0ff; } .badge.success { background: #cdfee1; } .badge.warning { background: #fff1c2; } .badge.critical { background: #fedad9; }
.banner { padding: .6rem .8rem; border-radius: 8px; border: 1px solid var(--line); background: #fff; }
.banner.critical { background: #fedad9; border-color: #e51c00; } .banner.warning { background: #fff1c2; } .banner.success { background: #cdfee1; }
.empty { color: var(--muted); font-style: italic; }
.docs, .plain, .timeline { padding-left: 1.1rem; margin: .4rem 0 0; } .docs li { margin: .2rem 0; } .docs .meta { display: block; }
table { width: 100%; border-collapse: collapse; background: #fff; } th, td { text-align: left; padding: .45rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.reason { word-break: break-word; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
@media (max-width: 520px) { table, thead, tbody, tr, td, th { display: block; } thead { display: none; } tr { border-bottom: 1px solid var(--line); padding: .4rem 0; } td { border: 0; padding: .15rem .45rem; } }
`;
