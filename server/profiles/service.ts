import type { Photo } from '../../shared/api/directory.ts';
import { PHOTO_FORMATS, PHOTO_SIZES, type PhotoFormat, type PhotoSize, photoOf } from '../../shared/photo.ts';
import { requireCanEditPerson } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { selectPersonStanding } from '../directory/queries.ts';
import { commitWrite } from '../editing/commit.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { processPhoto } from './images.ts';
import { removePhoto, replacePhoto, selectPhotoBytes, selectPhotoHashOf } from './queries.ts';

/** Who may change a person's photo: the person, the network's admins, their organisation's manager (policy.ts). */
async function requireMayChangePhoto(ctx: ServiceContext, viewer: Viewer | null, personId: string): Promise<Viewer> {
  const actor = requireCanEditPerson(viewer, await selectPersonStanding(ctx.db, personId));
  if ((await selectPhotoHashOf(ctx.db, personId)) === undefined)
    throw notFound('error.not_found.person', { id: personId });
  return actor;
}

/** Processes an upload into the kept sizes and makes it the person's photo (the former one is dropped). */
export async function uploadPhoto(
  ctx: AppContext,
  viewer: Viewer | null,
  personId: string,
  mediaType: string,
  body: unknown,
): Promise<{ photo: Photo | null }> {
  const actor = await requireMayChangePhoto(ctx, viewer, personId);
  if (!Buffer.isBuffer(body)) throw new AppError('unsupported_media_type', 'profiles.error.not_an_image');
  if (body.length === 0) throw new AppError('invalid_input', 'profiles.error.unreadable');
  const { hash, variants } = await processPhoto(personId, mediaType, body);
  await commitWrite(ctx, actor, 'directory', async (tx, log) => {
    const before = await selectPhotoHashOf(tx, personId);
    await replacePhoto(tx, personId, hash, variants);
    if (before !== hash) {
      await log({
        action: 'update',
        entityType: 'person',
        entityId: personId,
        changes: { photo: { before, after: hash } },
      });
    }
  });
  return { photo: photoOf(hash) };
}

export async function deletePhoto(ctx: AppContext, viewer: Viewer | null, personId: string): Promise<{ photo: null }> {
  const actor = await requireMayChangePhoto(ctx, viewer, personId);
  await commitWrite(ctx, actor, 'directory', async (tx, log) => {
    const before = await selectPhotoHashOf(tx, personId);
    if (!before) return;
    await removePhoto(tx, personId);
    await log({
      action: 'update',
      entityType: 'person',
      entityId: personId,
      changes: { photo: { before, after: null } },
    });
  });
  return { photo: null };
}

const NAME = /^([0-9a-f]{32})-(\d+)(?:\.(webp|jpg))?$/;

/**
 * The bytes of one photo file. Without an extension the format follows Accept: WebP when the client takes
 * it, else JPEG. Photos are public like the directory's names: their address is unguessable and changes
 * with every new photo.
 */
export async function readPhoto(
  ctx: ServiceContext,
  name: string,
  accept: string | undefined,
): Promise<{ bytes: Buffer; format: PhotoFormat; negotiated: boolean; hash: string; size: PhotoSize }> {
  const match = NAME.exec(name);
  const size = Number(match?.[2]) as PhotoSize;
  if (!match || !PHOTO_SIZES.includes(size)) throw notFound('profiles.error.no_photo', { name });
  const hash = match[1] as string;
  const asked = match[3] as PhotoFormat | undefined;
  const format: PhotoFormat = asked ?? (accept?.includes('image/webp') ? 'webp' : 'jpg');
  if (!PHOTO_FORMATS.includes(format)) throw notFound('profiles.error.no_photo', { name });
  const bytes = await selectPhotoBytes(ctx.db, hash, size, format);
  if (!bytes) throw notFound('profiles.error.no_photo', { name });
  return { bytes, format, negotiated: asked === undefined, hash, size };
}
