import type { FastifyInstance } from 'fastify';
import { readRequestData, str } from '../body.js';
import { OtcsError } from '../envelopes.js';
import type { XecmContext } from '../context.js';

/** GET /v1/ping, POST|GET|DELETE /v1/auth. Ticket checking itself is a hook in app.ts. */
export function registerAuthRoutes(app: FastifyInstance, ctx: XecmContext): void {
  app.get('/v1/ping', async (req) => ({
    build: 2,
    href: `${req.protocol}://${req.host}${ctx.csPath}/api/v1`,
    version: 1,
    rest_api: [{ build: 2, href: 'api/v1', version: 1 }],
  }));

  app.post('/v1/auth', async (req, reply) => {
    const { fields } = await readRequestData(req);
    const username = str(fields, 'username');
    const password = str(fields, 'password');
    if (username === undefined || username === '') throw new OtcsError(500, 'Argument username is required');
    if (password === undefined || password === '') throw new OtcsError(500, 'Argument password is required');
    if (username.toLowerCase() !== ctx.user.toLowerCase() || password !== ctx.password) {
      throw new OtcsError(401, 'Invalid username/password specified.');
    }
    const ticket = ctx.state.issueTicket(ctx.user);
    reply.header('OTCSTicket', ticket);
    return { ticket };
  });

  app.get('/v1/auth', async () => {
    const u = ctx.state.model.user;
    return {
      data: {
        business_email: null,
        business_fax: null,
        business_phone: null,
        deleted: false,
        display_language: null,
        display_name: u.displayName,
        first_name: u.name,
        gender: null,
        group_id: u.groupId,
        id: u.id,
        initials: u.name.slice(0, 1),
        last_name: '',
        middle_name: null,
        name: u.name,
        office_location: null,
        personal_email: null,
        photo_id: null, // the CS spec types it as a string; unset is null
        photo_url: null,
        privilege_content_manager: true,
        privilege_grant_discovery: true,
        privilege_login: true,
        privilege_modify_groups: true,
        privilege_modify_users: true,
        privilege_public_access: true,
        privilege_system_admin_rights: true,
        privilege_user_admin_rights: true,
        proxy_proxy_user_id: null,
        time_zone: -1,
        title: null,
        type: 0,
        type_name: 'User',
      },
    };
  });

  app.delete('/v1/auth', async (req) => {
    const t = req.headers.otcsticket;
    if (typeof t === 'string') ctx.state.deleteTicket(t);
    return {};
  });
}
