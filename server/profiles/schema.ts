import { Type } from 'typebox';
import { ErrorResponse, Uuid } from '../../shared/api/common.ts';
import { Photo } from '../../shared/api/directory.ts';
import { Text } from '../../shared/schema-helpers.ts';

const tags = ['profiles'];
const PhotoAnswer = Type.Object({ photo: Type.Union([Photo, Type.Null()]) });

export const uploadPhotoSchema = {
  tags,
  summary: 'Set a person’s photo: the body is the image itself (JPEG, PNG, WebP or AVIF, at most 8 MB)',
  description:
    'The person themself, an admin, or a manager of their organisation. The image is turned upright, cropped to ' +
    'its centred square, kept at 96, 256 and 512 px as WebP and JPEG, and stripped of its metadata (EXIF, GPS). ' +
    '413 when larger than 8 MB, 415 when not one of those image types, 400 when unreadable or over 70 megapixels.',
  params: Type.Object({ id: Uuid }),
  response: {
    200: PhotoAnswer,
    400: ErrorResponse,
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
    413: ErrorResponse,
    415: ErrorResponse,
  },
};

export const deletePhotoSchema = {
  tags,
  summary: 'Remove a person’s photo (same people as for setting it)',
  params: Type.Object({ id: Uuid }),
  response: { 200: PhotoAnswer, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};

export const photoFileSchema = {
  tags,
  summary: 'One size of a photo (`HASH-SIZE`, WebP or JPEG by Accept; or `HASH-SIZE.webp` / `.jpg`)',
  description: 'Immutable: a new photo has a new address. Answers 304 to a matching If-None-Match.',
  params: Type.Object({ name: Text({ pattern: '^[0-9a-f]{32}-[0-9]{2,3}(\\.(webp|jpg))?$', maxLength: 60 }) }),
  response: {
    200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'image/webp or image/jpeg' }),
    304: Type.Null(),
    400: ErrorResponse,
    404: ErrorResponse,
  },
};
