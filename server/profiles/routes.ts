import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { PHOTO_BODY_LIMIT } from './images.ts';
import { deletePhotoSchema, photoFileSchema, uploadPhotoSchema } from './schema.ts';
import { deletePhoto, readPhoto, uploadPhoto } from './service.ts';

/** Profile photos: upload and removal, and the files themselves. */
export async function profilesRoutes(app: App, ctx: AppContext): Promise<void> {
  // The upload alone reads a body that is not JSON: an image, as bytes, up to 8 MB. Every other route keeps
  // refusing such bodies (server/http/security.ts); a page of another site cannot send one here either, since
  // cross-site writes are refused before any body is read.
  await app.register(async (scope) => {
    scope.addContentTypeParser(/^image\//, { parseAs: 'buffer', bodyLimit: PHOTO_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    (scope as unknown as App).put(
      '/api/people/:id/photo',
      { schema: uploadPhotoSchema, bodyLimit: PHOTO_BODY_LIMIT },
      (request) =>
        uploadPhoto(ctx, request.viewer, request.params.id, mediaTypeOf(request.headers['content-type']), request.body),
    );
  });

  app.delete('/api/people/:id/photo', { schema: deletePhotoSchema }, (request) =>
    deletePhoto(ctx, request.viewer, request.params.id),
  );

  app.get('/api/photos/:name', { schema: photoFileSchema }, async (request, reply) => {
    const photo = await readPhoto(ctx, request.params.name, request.headers.accept);
    const etag = `"${photo.hash}-${photo.size}-${photo.format}"`;
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', etag).header('vary', 'Accept');
    if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag))
      return reply.code(304).send(null);
    return reply.type(photo.format === 'webp' ? 'image/webp' : 'image/jpeg').send(photo.bytes);
  });
}

const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
