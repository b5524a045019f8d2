/** The square sizes a profile photo is kept in, in CSS pixels of its side (96 for lists, 256 for pages, 512 for 2x). */
export const PHOTO_SIZES = [96, 256, 512] as const;
export type PhotoSize = (typeof PHOTO_SIZES)[number];

/** The encodings kept of each size: WebP for browsers, JPEG for everything else (address books, old phones). */
export const PHOTO_FORMATS = ['webp', 'jpg'] as const;
export type PhotoFormat = (typeof PHOTO_FORMATS)[number];

/** A photo's path: without an extension the server picks WebP or JPEG by the request's Accept. */
export const photoPath = (hash: string, size: PhotoSize, format?: PhotoFormat): string =>
  `/api/photos/${hash}-${size}${format ? `.${format}` : ''}`;

/** What the API says of a person's photo: its addresses by size, or null when they have none. */
export function photoOf(hash: string | null | undefined): { small: string; medium: string; large: string } | null {
  if (!hash) return null;
  return { small: photoPath(hash, 96), medium: photoPath(hash, 256), large: photoPath(hash, 512) };
}
