/**
 * The note filed in an exception workspace (job 4) for one change: UTF-8 plain text, one field a
 * line, then the change's detail lines, then a trailing newline. Deterministic: the text is a
 * function of the note alone (no clock, no locale); line breaks inside a value become spaces, so
 * every field stays on its own line.
 */
import { z } from 'zod';
import { IntegrationError } from '../errors.js';
import type { ExceptionNote } from '../rules/timeline.js';

const exceptionNoteSchema = z.object({
  at: z.string(),
  what: z.string(),
  folder: z.enum(['Carrier Correspondence', 'Warehouse Notes']),
  fileName: z.string(),
  orderName: z.string().nullable(),
  topic: z.string(),
  details: z.array(z.string()),
}) satisfies z.ZodType<ExceptionNote>;

/** The input as an exception note; `PAYLOAD_INVALID` when it is not one. */
export function parseExceptionNote(input: unknown): ExceptionNote {
  const r = exceptionNoteSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
    throw new IntegrationError('PAYLOAD_INVALID', `The exception note needs an exception note: ${issue?.message ?? 'invalid'}${where}`, { cause: r.error });
  }
  return r.data;
}

/** One line: line breaks (and other C0/C1 controls but tab) become spaces, ends trimmed. */
const line = (v: string): string =>
  // eslint-disable-next-line no-control-regex
  v.replace(/\r\n|[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();

/** `Order: …`, `What: …`, `When: …`, `Topic: …`, the detail lines, a trailing newline; as UTF-8 bytes. */
export function renderExceptionNote(note: ExceptionNote): Buffer {
  const n = parseExceptionNote(note);
  const lines = [
    `Order: ${line(n.orderName ?? '') || '(unknown)'}`,
    `What: ${line(n.what)}`,
    `When: ${line(n.at)}`,
    `Topic: ${line(n.topic)}`,
    ...n.details.map(line).filter((d) => d !== ''),
  ];
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}
