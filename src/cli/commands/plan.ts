import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as losslessParse, stringify as losslessStringify } from 'lossless-json';
import { parsePayload } from '../../jobs/payload.js';
import { loadConfig } from '../../config/load.js';
import { describeStep, planRule, targetOf } from '../../rules/plan.js';
import { caseView, exceptionView, orderFacts, orderIdOf } from '../../rules/timeline.js';
import type { Plan } from '../../rules/plan.js';
import { normalizeWebhook } from '../../intake/normalize.js';

/**
 * `plan --topic T --payload FILE`: what the rules would do with this delivery, and why. Pure: no
 * store is opened, nothing is sent to xECM or Shopify.
 */
export async function planCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      topic: { type: 'string' },
      payload: { type: 'string' },
      shop: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.topic || !values.payload) throw new Error('plan needs --topic (e.g. orders/create) and --payload FILE');
  const config = loadConfig(values.config ? { path: values.config } : {});
  let text: string;
  try {
    text = readFileSync(values.payload, 'utf8');
  } catch (err) {
    throw new Error(`--payload ${values.payload}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  let exact: unknown;
  try {
    exact = losslessParse(text);
  } catch {
    throw new Error(`--payload ${values.payload}: not valid JSON`);
  }
  // A saved delivery ({headers, body}) or a bare payload; numbers are read exactly, as the jobs read them.
  if (exact !== null && typeof exact === 'object' && 'body' in exact && 'headers' in exact) {
    text = losslessStringify((exact as { body: unknown }).body) ?? 'null';
  }
  const body = parsePayload(text);
  const shop = values.shop ?? config.shops[0]?.domain ?? 'example.myshopify.com';
  const change = normalizeWebhook(values.topic, text, body, new Date().toISOString());
  const plans: Plan[] = [];
  if (change && !change.deleted) {
    for (const [name, rule] of Object.entries(config.rules)) {
      if (!rule.enabled || rule.resource !== change.resourceType) continue;
      if (!rule.timeline) {
        plans.push(await planRule(name, rule, body, { shop, model: config.model }));
        continue;
      }
      // A timeline rule (cases, exceptions) reads its workspace's whole timeline; offline, this change is all of it.
      const orderId = orderIdOf(change.resourceType, body);
      const target = await targetOf(name, rule, body, { shop, model: config.model, bindings: { orderId } });
      const event = { id: 1, topic: values.topic, resourceType: change.resourceType, resourceId: change.resourceId, version: change.version, payload: body };
      const order = change.resourceType === 'order' ? orderFacts(body) : null;
      const view = !target ? undefined : rule.timeline === 'case' ? caseView([event], order) : exceptionView(target.boId, [event], order);
      plans.push(
        view && target
          ? await planRule(name, rule, view, { shop, model: config.model, boId: target.boId })
          : { rule: name, trace: [], applies: false, because: 'the change names no order (the worker asks the Admin API)', steps: [] },
      );
    }
  }
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ topic: values.topic, shop, change: change ?? null, plans: plans.map((p) => ({ ...p, steps: p.steps.map((s) => ({ ...s, text: describeStep(s) })) })) }, null, 2)}\n`,
    );
    return 0;
  }
  const out: string[] = [];
  if (!change) out.push(`${values.topic}: no resource the connector follows; nothing to do.`);
  else out.push(`change: ${change.resourceType} ${change.resourceId} at ${new Date(change.version).toISOString()}${change.deleted ? ' (deleted)' : ''}`);
  if (change && plans.length === 0) out.push('no rule follows this resource; nothing to do.');
  for (const p of plans) {
    out.push('', `rule ${p.rule}: ${p.applies ? 'applies' : 'does not apply'}${p.because ? ` (${p.because})` : ''}`);
    if (p.trace.length > 0)
      out.push(`  criteria: ${p.trace.map((t) => `${t.held ? '✓' : '✗'} ${t.criterion}${t.error ? ` (error: ${t.error})` : ''}`).join('   ')}`);
    p.steps.forEach((s, i) => {
      out.push(`  ${i + 1}. ${describeStep(s)}`);
      if (s.op === 'ensure-workspace') for (const [k, v] of Object.entries(s.attributes)) out.push(`       ${k} = ${JSON.stringify(v)}`);
    });
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
