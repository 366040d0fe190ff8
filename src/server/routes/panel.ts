import { createHmac } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/schema.js';
import { IntegrationError } from '../../errors.js';
import type { Lookup, LookupAnswer } from '../../lookup/lookup.js';
import type { Logger } from '../../log.js';
import { PANEL_CSS, opsPage, searchPage, signInPage } from '../../panel/pages.js';
import type { PanelUser } from '../../panel/pages.js';
import type { JobQueue } from '../../queue/queue.js';
import type { Store } from '../../store/store.js';
import { authenticate, checkSignInTicket, isApiToken } from '../auth.js';
import type { Caller } from '../auth.js';

const COOKIE = 'sx_panel';

/** The key that signs the panel's session cookie: derived from the API token (rotating the token signs everyone out). */
function cookieSecret(config: Readonly<Config>): string {
  const base = config.server.apiToken ?? config.shops.map((s) => s.apiSecret).join('|');
  return createHmac('sha256', 'shopify-xecm panel session').update(base).digest('hex');
}

/**
 * `GET /panel` (job 6): the agent panel, server-rendered, embeddable in an iframe. Signed in by the
 * API token (bearer, or the `?token=` link, which sets a signed session cookie and drops the token
 * from the address), or by a Shopify admin session token (bearer, or the `id_token` Shopify adds when
 * it loads the panel embedded; carried in the panel's own forms, since an iframe may get no cookie).
 * Operations views (`/panel/ops`: deliveries, jobs, dead letters with a retry button) are for the
 * API token only. Every answer carries a Content-Security-Policy: nothing inline, and framing only by
 * the Shopify admin and the hosts in `lookup.frameAncestors`.
 */
export function panelRoutes(deps: { config: Readonly<Config>; store: Store; queue: JobQueue; lookup: Lookup; log: Logger }) {
  const sessionMs = deps.config.lookup.panelSessionHours * 3_600_000;
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(cookie, { secret: cookieSecret(deps.config) });
    await app.register(formbody);

    app.addHook('onSend', async (req, reply) => {
      const ancestors = ["'self'", 'https://admin.shopify.com', 'https://*.myshopify.com', ...deps.config.lookup.frameAncestors].join(' ');
      void reply
        .header(
          'content-security-policy',
          `default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors ${ancestors}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', req.url.startsWith('/panel/panel.css') ? 'public, max-age=3600' : 'no-store');
    });

    /** The caller: bearer or id_token (token or session), else the signed cookie. */
    async function callerOf(req: FastifyRequest): Promise<{ caller: Caller; idToken?: string } | { refused: string } | undefined> {
      const q = req.query as Record<string, unknown>;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const idToken = typeof q.id_token === 'string' ? q.id_token : typeof body.id_token === 'string' ? body.id_token : undefined;
      const bearer = req.headers.authorization ?? (idToken !== undefined ? `Bearer ${idToken}` : undefined);
      if (bearer !== undefined) {
        const r = await authenticate(deps.config, bearer);
        return r.ok ? { caller: r.caller, ...(idToken !== undefined ? { idToken } : {}) } : { refused: r.reason };
      }
      const raw = req.cookies[COOKIE];
      if (raw === undefined) return undefined;
      const u = req.unsignCookie(raw);
      const m = u.valid && u.value !== null ? /^(token|session:([^|]+))\|(\d+)$/.exec(u.value) : null;
      if (!m || Number(m[3]) < Date.now()) return { refused: 'your panel session has ended; sign in again' };
      return { caller: m[1] === 'token' ? { kind: 'token' } : { kind: 'session', shop: m[2] ?? '', user: undefined } };
    }

    const userOf = (c: Caller): PanelUser => ({ label: c.kind === 'token' ? 'API token' : c.shop });
    const signInAnswer = (reply: FastifyReply, message?: string) =>
      reply.code(401).header('www-authenticate', 'Bearer realm="shopify-xecm"').type('text/html; charset=utf-8').send(signInPage(message));
    const setSession = (reply: FastifyReply, value: string, req: FastifyRequest) =>
      reply.setCookie(COOKIE, `${value}|${Date.now() + sessionMs}`, {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        path: '/panel',
        maxAge: Math.floor(sessionMs / 1000),
      });

    app.get('/panel/panel.css', async (_req, reply) => reply.type('text/css; charset=utf-8').send(PANEL_CSS));

    // One-time sign-in tickets taken (nonce → expiry), forgotten once expired.
    const taken = new Map<string, number>();

    app.get('/panel', async (req, reply) => {
      const query = req.query as Record<string, unknown>;
      if (typeof query.signin === 'string') {
        const t = checkSignInTicket(deps.config, query.signin);
        if (!t.ok) return signInAnswer(reply, t.reason);
        for (const [nonce, expires] of taken) if (expires < Date.now()) taken.delete(nonce);
        if (taken.has(t.nonce)) return signInAnswer(reply, 'that sign-in link was used already; ask for a new one');
        taken.set(t.nonce, t.expires);
        setSession(reply, 'token', req);
        return reply.redirect('/panel', 303);
      }
      // The sign-in link: the token becomes a session cookie and leaves the address (and the history).
      if (typeof query.token === 'string') {
        if (!isApiToken(deps.config, query.token)) return signInAnswer(reply, 'That sign-in link is not valid (the API token may have changed).');
        setSession(reply, 'token', req);
        return reply.redirect(typeof query.q === 'string' ? `/panel?q=${encodeURIComponent(query.q)}` : '/panel', 303);
      }
      const who = await callerOf(req);
      if (!who) return signInAnswer(reply);
      if ('refused' in who) return signInAnswer(reply, who.refused);
      const q = typeof query.q === 'string' ? query.q.trim() : '';
      let result: { answer: LookupAnswer } | { error: string } | undefined;
      if (q !== '') {
        try {
          result = { answer: await deps.lookup.lookup(q, who.caller.kind === 'session' ? { shop: who.caller.shop } : {}) };
        } catch (err) {
          if (!(err instanceof IntegrationError)) throw err;
          result = { error: err.message };
        }
      }
      const shop = who.caller.kind === 'session' ? { shop: who.caller.shop } : {};
      const recent = result === undefined ? (await deps.store.recentWorkspaces(100, shop)).map((w) => ({ ...w, links: deps.lookup.links(w.nodeId) })) : [];
      return reply.type('text/html; charset=utf-8').send(searchPage(userOf(who.caller), q, result, who.idToken, recent));
    });

    app.post('/panel/sign-in', async (req, reply) => {
      const token = (req.body as Record<string, unknown> | undefined)?.token;
      if (typeof token !== 'string' || !isApiToken(deps.config, token)) {
        req.log.info('panel sign-in refused');
        return signInAnswer(reply, 'That token is not the API token.');
      }
      setSession(reply, 'token', req);
      return reply.redirect('/panel', 303);
    });

    app.post('/panel/sign-out', async (_req, reply) => reply.clearCookie(COOKIE, { path: '/panel' }).redirect('/panel', 303));

    /** The operations views: the team running the connector (the API token), not a shop's admins. */
    const operator = async (req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
      const who = await callerOf(req);
      if (!who || 'refused' in who) {
        await signInAnswer(reply, who && 'refused' in who ? who.refused : undefined);
        return false;
      }
      if (who.caller.kind !== 'token') {
        await reply
          .code(403)
          .type('text/html; charset=utf-8')
          .send(signInPage('Operations are for the team running the connector: sign in with the API token.'));
        return false;
      }
      return true;
    };

    app.get('/panel/ops', async (req, reply) => {
      if (!(await operator(req, reply))) return reply;
      const query = req.query as Record<string, unknown>;
      const [deliveries, jobs, dead, counts] = await Promise.all([
        deps.store.recentDeliveries(20),
        deps.store.outcomes({ limit: 20 }),
        deps.queue.deadLetters({ limit: 100 }),
        deps.queue.counts(),
      ]);
      const notice = typeof query.retried === 'string' ? `Job ${query.retried} is queued again.` : undefined;
      return reply.type('text/html; charset=utf-8').send(
        opsPage(
          { label: 'API token' },
          {
            deliveries,
            jobs: jobs.map((j) => ({ jobId: j.jobId, task: j.task, outcome: j.outcome, finishedAt: j.finishedAt })),
            dead: dead.map((d) => ({ id: d.id, task: d.task, queueName: d.queueName, attempts: d.attempts, reason: d.reason, failedAt: d.failedAt })),
            counts,
          },
          notice,
        ),
      );
    });

    app.post('/panel/ops/retry', async (req, reply) => {
      if (!(await operator(req, reply))) return reply;
      // A form of this panel only (the cookie is SameSite=Lax; this checks the origin as well).
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== 'null' && new URL(origin).host !== req.headers.host)
        return reply.code(403).type('text/html; charset=utf-8').send(signInPage('That request did not come from this panel.'));
      const job = (req.body as Record<string, unknown> | undefined)?.job;
      if (typeof job !== 'string' || job === '') return reply.code(400).type('text/html; charset=utf-8').send(signInPage('No job named.'));
      const n = await deps.queue.retry([job]);
      deps.log.info({ jobId: job, requeued: n }, 'dead letter retried from the panel');
      return reply.redirect(`/panel/ops?retried=${encodeURIComponent(job)}`, 303);
    });
  };
}
