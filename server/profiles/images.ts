import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { PHOTO_SIZES, type PhotoFormat, type PhotoSize } from '../../shared/photo.ts';
import { AppError } from '../errors.ts';

/** The largest upload: a phone's full-resolution JPEG fits; what is bigger is refused before it is read. */
export const PHOTO_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * Pixels a photo may have once decoded (about 70 megapixels: a 48 MP phone photo passes). A small file that
 * claims more, a decompression bomb, is refused from its header before any pixel is decoded.
 */
export const PHOTO_PIXEL_LIMIT = 70_000_000;

/** What the upload may be, by Content-Type; sharp's own reading of the bytes must agree. */
export const PHOTO_MEDIA_TYPES: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'heif',
};

export interface PhotoVariant {
  size: PhotoSize;
  format: PhotoFormat;
  bytes: Buffer;
}

/**
 * An uploaded image as the square photos we keep: turned upright by its
 * EXIF orientation, cropped to the centred square, resized to each size and
 * encoded as WebP and JPEG. sharp writes no metadata unless asked, so EXIF
 * (GPS, camera, time), XMP and IPTC are gone; colours are converted to sRGB.
 * The hash names the result: the same person uploading the same image gets
 * the same addresses.
 */
export async function processPhoto(
  personId: string,
  mediaType: string,
  input: Buffer,
): Promise<{ hash: string; variants: PhotoVariant[] }> {
  const expected = PHOTO_MEDIA_TYPES[mediaType];
  if (!expected) throw new AppError('unsupported_media_type', 'profiles.error.not_an_image');
  let square: Buffer;
  try {
    const image = sharp(input, { limitInputPixels: PHOTO_PIXEL_LIMIT, failOn: 'error' });
    const meta = await image.metadata();
    if (meta.format !== expected) throw new AppError('unsupported_media_type', 'profiles.error.not_an_image');
    if ((meta.width ?? 0) * (meta.height ?? 0) > PHOTO_PIXEL_LIMIT) {
      throw new AppError('invalid_input', 'profiles.error.too_many_pixels', { megapixels: PHOTO_PIXEL_LIMIT / 1e6 });
    }
    const largest = PHOTO_SIZES[PHOTO_SIZES.length - 1] as number;
    // One decode: the upright, centred square at the largest size, kept as raw pixels for the smaller ones.
    square = await image
      .rotate()
      .resize(largest, largest, { fit: 'cover', position: 'centre' })
      .removeAlpha()
      .png({ compressionLevel: 1 })
      .toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(message)) {
      throw new AppError('invalid_input', 'profiles.error.too_many_pixels', { megapixels: PHOTO_PIXEL_LIMIT / 1e6 });
    }
    throw new AppError('invalid_input', 'profiles.error.unreadable');
  }
  const hash = createHash('sha256').update(personId).update(square).digest('hex').slice(0, 32);
  const variants = await Promise.all(
    PHOTO_SIZES.flatMap((size) => [
      sharp(square)
        .resize(size, size)
        .webp({ quality: 80 })
        .toBuffer()
        .then((bytes): PhotoVariant => ({ size, format: 'webp', bytes })),
      sharp(square)
        .resize(size, size)
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer()
        .then((bytes): PhotoVariant => ({ size, format: 'jpg', bytes })),
    ]),
  );
  return { hash, variants };
}
