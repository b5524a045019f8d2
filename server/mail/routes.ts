import { translate } from '../../shared/i18n/index.ts';
import { AppError } from '../errors.ts';
import { cspAllowingStyle } from '../http/security.ts';
import type { App } from '../http/types.ts';
import type { Mailer } from './mailer.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}pre{white-space:pre-wrap;background:#f4f2ee;padding:1rem}';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1) on a dual-stack socket. */
const isLoopback = (address: string | undefined): boolean =>
  address !== undefined && (address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(address));

/**
 * Outside production and without SMTP: a page listing the mail the server
 * "sent", newest first. It holds working sign-in links, so it answers only a
 * browser on this machine, judged by the connection itself: a header (even
 * from a trusted proxy) could be sent by anyone. It is given the mailer and
 * the mode, not the app's context: the mail sits below everything that sends.
 */
export function devMailboxRoutes(app: App, mail: { mailer: Mailer; production: boolean }): void {
  const mailbox = mail.mailer.devMailbox;
  if (!mailbox || mail.production) return;
  app.get('/dev/mailbox', { schema: { hide: true }, helmet: cspAllowingStyle(STYLE) }, async (request, reply) => {
    if (!isLoopback(request.socket.remoteAddress)) {
      const path = request.url.split('?')[0] ?? '';
      throw new AppError('not_found', 'error.not_found.route', { method: request.method, path });
    }
    const t = (key: Parameters<typeof translate>[1], values?: Record<string, string>) =>
      escapeHtml(translate(request.language, key, values));
    const items = mailbox
      .map(
        (
          mail,
        ) => `<article><h2>${escapeHtml(mail.subject)}</h2><p>${t('devMailbox.to', { to: mail.to })} · <time>${escapeHtml(mail.at)}</time></p>
<pre>${escapeHtml(mail.text).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</pre></article>`,
      )
      .join('\n');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(`<!doctype html><html lang="${request.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t('devMailbox.title')}</title><style>${STYLE}</style></head>
<body><main><h1>${t('devMailbox.title')}</h1><p>${t('devMailbox.intro')}</p>${items || `<p>${t('devMailbox.empty')}</p>`}</main></body></html>`);
  });
}
