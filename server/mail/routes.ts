import { translate } from '../../shared/i18n/index.ts';
import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Outside production and without SMTP: a page listing the mail the server "sent", newest first. */
export function devMailboxRoutes(app: App, ctx: AppContext): void {
  const mailbox = ctx.mailer.devMailbox;
  if (!mailbox || ctx.production) return;
  app.get('/dev/mailbox', { schema: { hide: true } }, async (request, reply) => {
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
<title>${t('devMailbox.title')}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}pre{white-space:pre-wrap;background:#f4f2ee;padding:1rem}</style></head>
<body><main><h1>${t('devMailbox.title')}</h1><p>${t('devMailbox.intro')}</p>${items || `<p>${t('devMailbox.empty')}</p>`}</main></body></html>`);
  });
}
