import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { App } from '../http/types.ts';
import { markPrinted, myBadge, printableBadges } from './badges.ts';
import { contactPhotos, contactsCsv, contactsVcard, listContacts, mySharing, saveNote, shareWith } from './contacts.ts';
import { connectionFlags } from './flags.ts';
import type { ConnectionHooks } from './hooks.ts';
import { DEFAULT_SCAN_RULES, NO_HOOKS, recordScan, ScanRecorder, type ScanRules } from './scanning.ts';
import {
  contactsExportSchema,
  contactsSchema,
  flagsSchema,
  markPrintedSchema,
  myBadgeSchema,
  noteSchema,
  printableBadgesSchema,
  scanSchema,
  shareSchema,
  sharingSchema,
} from './schema.ts';

export interface NetworkingOptions {
  /** What other capabilities do when two people connect (the bingo stamps cards). */
  hooks?: ConnectionHooks;
  rules?: Partial<ScanRules>;
}

/** Badges, scans and contacts. Every answer is personal, so none is cached. */
export function networkingRoutes(app: App, ctx: AppContext, options: NetworkingOptions = {}): void {
  const recorder = new ScanRecorder(ctx, options.hooks ?? NO_HOOKS, { ...DEFAULT_SCAN_RULES, ...options.rules });
  // Runs once the server has stopped taking requests, before the runtime closes the database.
  app.addHook('onClose', () => recorder.drain());
  const origin = (request: { protocol: string; host: string }) =>
    ctx.publicUrl ?? `${request.protocol}://${request.host}`;

  app.post('/api/events/:slug/connections', { schema: scanSchema }, async (request, reply) => {
    const answer = await recordScan(ctx, recorder, request.viewer, request.params.slug, request.body);
    if (answer.outcome === 'rejected') {
      throw new AppError('scan_rejected', `networking.reason.${answer.reason}`, {}, { reason: answer.reason });
    }
    return reply.code(answer.outcome === 'connected' ? 201 : 200).send(answer);
  });

  app.get('/api/me/badge', { schema: myBadgeSchema }, (request) =>
    myBadge(ctx, request.viewer, request.query.event, origin(request)),
  );

  app.get('/api/events/:slug/badges', { schema: printableBadgesSchema }, (request) =>
    printableBadges(ctx, request.viewer, request.params.slug, origin(request), request.query),
  );
  app.post('/api/events/:slug/badges/printed', { schema: markPrintedSchema }, (request) =>
    markPrinted(ctx, request.viewer, request.params.slug, request.body),
  );

  app.get('/api/me/contacts', { schema: contactsSchema }, async (request) => ({
    items: await listContacts(ctx, request.viewer, request.query.event),
  }));

  app.get('/api/me/contacts.vcf', { schema: contactsExportSchema }, async (request, reply) => {
    const contacts = await listContacts(ctx, request.viewer, request.query.event);
    const photos = await contactPhotos(ctx, contacts);
    return reply
      .type('text/vcard; charset=utf-8')
      .header('content-disposition', 'attachment; filename="contacts.vcf"')
      .send(contactsVcard(contacts, photos));
  });

  app.get('/api/me/contacts.csv', { schema: contactsExportSchema }, async (request, reply) => {
    const contacts = await listContacts(ctx, request.viewer, request.query.event);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="contacts.csv"')
      .send(contactsCsv(contacts, request.language));
  });

  app.put('/api/me/contacts/:personId/note', { schema: noteSchema }, (request) =>
    saveNote(ctx, request.viewer, request.params.personId, request.body.note),
  );

  app.get('/api/me/sharing', { schema: sharingSchema }, (request) => mySharing(ctx, request.viewer));

  app.put('/api/me/contacts/:personId/share', { schema: shareSchema }, (request) =>
    shareWith(ctx, request.viewer, request.params.personId, request.body),
  );

  app.get('/api/events/:slug/connections/flags', { schema: flagsSchema }, async (request) => ({
    items: await connectionFlags(ctx, request.viewer, request.params.slug),
  }));
}
