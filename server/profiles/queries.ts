import { and, eq, ne } from 'drizzle-orm';
import type { PhotoFormat, PhotoSize } from '../../shared/photo.ts';
import type { Queryable } from '../db/client.ts';
import { people } from '../directory/tables.ts';
import type { PhotoVariant } from './images.ts';
import { personPhotos } from './tables.ts';

export async function selectPhotoHashOf(db: Queryable, personId: string): Promise<string | null | undefined> {
  const [found] = await db.select({ hash: people.photoHash }).from(people).where(eq(people.id, personId)).limit(1);
  return found?.hash;
}

/** Keeps the new photo's variants, points the person at them and drops their former photo's. */
export async function replacePhoto(db: Queryable, personId: string, hash: string, variants: PhotoVariant[]) {
  await db
    .insert(personPhotos)
    .values(variants.map((v) => ({ hash, size: v.size, format: v.format, personId, bytes: v.bytes })))
    .onConflictDoNothing();
  await db.update(people).set({ photoHash: hash, updatedAt: new Date() }).where(eq(people.id, personId));
  await db.delete(personPhotos).where(and(eq(personPhotos.personId, personId), ne(personPhotos.hash, hash)));
}

export async function removePhoto(db: Queryable, personId: string) {
  await db.update(people).set({ photoHash: null, updatedAt: new Date() }).where(eq(people.id, personId));
  await db.delete(personPhotos).where(eq(personPhotos.personId, personId));
}

export async function selectPhotoBytes(
  db: Queryable,
  hash: string,
  size: PhotoSize,
  format: PhotoFormat,
): Promise<Buffer | null> {
  const [found] = await db
    .select({ bytes: personPhotos.bytes })
    .from(personPhotos)
    .where(and(eq(personPhotos.hash, hash), eq(personPhotos.size, size), eq(personPhotos.format, format)))
    .limit(1);
  return found?.bytes ?? null;
}
