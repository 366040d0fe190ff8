import type { FastifyReply } from 'fastify';
import { ERRORS } from '../errors.js';
import type { ErrorCode } from '../errors.js';

/** The codes that are HTTP answers (their registry entry names a status). */
export type HttpErrorCode = { [C in ErrorCode]: (typeof ERRORS)[C]['http'] extends number ? C : never }[ErrorCode];

/** Answers with a documented code and its registry status: `{"error": message, "code": code}`. */
export function sendError(reply: FastifyReply, code: HttpErrorCode, message: string): FastifyReply {
  return reply.code(ERRORS[code].http).send({ error: message, code });
}
