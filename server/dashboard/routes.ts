import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { dashboardSchema } from './schema.ts';
import { dashboard } from './service.ts';

/** The back office's view of an event. Staff only, and always current (never cached). */
export function dashboardRoutes(app: App, ctx: AppContext): void {
  app.get('/api/events/:slug/dashboard', { schema: dashboardSchema }, (request) =>
    dashboard(ctx, request.viewer, request.params.slug),
  );
}
