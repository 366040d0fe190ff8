import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IntegrationError } from './errors.js';
import { createLogger, withLogFields } from './log.js';

function memory(): { text: () => string; lines: () => Array<Record<string, unknown>>; log: ReturnType<typeof createLogger> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write: (chunk: Buffer, _e, cb) => {
      chunks.push(chunk.toString());
      cb();
    },
  });
  const text = () => chunks.join('');
  return {
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    log: createLogger({ level: 'trace', destination }),
  };
}

const SECRETS = [
  'TICKET-1',
  'ticket-2',
  'shpat_3',
  'shpat_4',
  'Bearer 5',
  'pw-6',
  'pw-7',
  'whsec-8',
  'api-9',
  'sess=10',
  'tok-11',
  'tick-12',
  'pw-13',
  'hmac-14',
];

describe('log redaction', () => {
  it('replaces secret-named values in any case, at any depth, inside arrays, errors and bindings', () => {
    const m = memory();
    const child = m.log.child({ component: 'x', conn: { OTCSTicket: 'tick-12' } });
    child.info(
      {
        headers: {
          OTCSTicket: 'TICKET-1',
          otcsticket: 'ticket-2',
          'X-Shopify-Access-Token': 'shpat_3',
          'x-shopify-access-token': 'shpat_4',
          Authorization: 'Bearer 5',
        },
        a: { b: { c: { Password: 'pw-6', list: [{ xecmPassword: 'pw-7' }, { nested: [{ API_SECRET: 'whsec-8' }] }] } } },
        calls: [{ req: { headers: { 'x-api-key': 'api-9', Cookie: 'sess=10' } } }],
        keep: { shop: 'acme.myshopify.com', nodeId: 2001 },
      },
      'call',
    );
    const err = new IntegrationError('XECM_AUTH_FAILED', 'refused', {
      details: { path: '/v1/auth', body: { username: 'Admin', password: 'pw-13' }, 'X-Shopify-Hmac-Sha256': 'hmac-14' },
      cause: Object.assign(new Error('inner'), { accessToken: 'tok-11' }),
    });
    child.error({ err }, 'failed');
    child.warn({ error: err }, 'failed again');
    const all = m.text();
    for (const s of SECRETS) expect(all).not.toContain(s);
    const [first, second] = m.lines();
    expect(first).toMatchObject({ keep: { shop: 'acme.myshopify.com', nodeId: 2001 }, headers: { OTCSTicket: '[redacted]', Authorization: '[redacted]' } });
    expect(second).toMatchObject({
      err: { type: 'IntegrationError', message: expect.stringContaining('refused'), code: 'XECM_AUTH_FAILED', details: { path: '/v1/auth' } },
    });
    // The error that was logged is not changed.
    expect(err.details).toMatchObject({ body: { password: 'pw-13' } });
  });

  it('bounds the walk: cycles and excessive depth are cut, not followed', () => {
    const m = memory();
    const o: Record<string, unknown> = { a: 1, Secret: 'cyclic-secret' };
    o.self = o;
    let deep: Record<string, unknown> = { token: 'deep-secret' };
    for (let i = 0; i < 30; i++) deep = { next: deep };
    m.log.info({ o, deep }, 'odd shapes');
    expect(m.lines()[0]).toMatchObject({ o: { a: 1, Secret: '[redacted]', self: '[circular]' } });
    expect(m.text()).not.toContain('deep-secret');
    expect(m.text()).not.toContain('cyclic-secret');
  });
});

describe('log fields of the work in hand', () => {
  it('adds them to every line written in their async context, once, the line and its bindings first', async () => {
    const m = memory();
    const client = m.log.child({ component: 'xecm' });
    const job = m.log.child({ jobId: '7', task: 'rule' });
    m.log.info('before');
    await withLogFields({ jobId: '7', task: 'rule', eventId: 3 }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      client.debug({ path: '/v2/nodes' }, 'xECM call');
      job.info('job done');
      m.log.info({ eventId: 99 }, 'the line says otherwise');
      await withLogFields({ deliveryId: 5 }, async () => client.info('nested'));
    });
    m.log.info('after');
    const byMsg = Object.fromEntries(m.lines().map((l) => [String(l.msg), l]));
    expect(byMsg.before).not.toHaveProperty('jobId');
    expect(byMsg.after).not.toHaveProperty('jobId');
    expect(byMsg['xECM call']).toMatchObject({ component: 'xecm', path: '/v2/nodes', jobId: '7', task: 'rule', eventId: 3 });
    expect(byMsg['the line says otherwise']).toMatchObject({ jobId: '7', eventId: 99 });
    expect(byMsg.nested).toMatchObject({ jobId: '7', eventId: 3, deliveryId: 5 });
    // A key the logger's bindings hold is not written twice.
    const raw =
      m
        .text()
        .split('\n')
        .find((l) => l.includes('"job done"')) ?? '';
    expect(raw.match(/"jobId"/g)).toHaveLength(1);
    expect(byMsg['job done']).toMatchObject({ jobId: '7', task: 'rule', eventId: 3 });
  });
});
