import { Type } from 'typebox';
import { CheckInAnswer, CheckInList, CheckInRequest } from '../../shared/api/check-in.ts';
import { ErrorResponse, Slug, Uuid } from '../../shared/api/common.ts';

const tags = ['check-in'];

export const checkInSchema = {
  tags,
  summary: 'Check someone in at the door or at a session by their badge code (staff; idempotent by nonce)',
  description:
    'The first check-in of a person at a place answers 201 `checked_in`; a later one 200 `already` (counted once, ' +
    'at the earliest moment a staff phone saw them). The answer is stored under the nonce: sending the check-in ' +
    'again returns it; another check-in under the same nonce is 409.',
  params: Type.Object({ slug: Slug }),
  body: CheckInRequest,
  response: {
    200: CheckInAnswer,
    201: CheckInAnswer,
    400: ErrorResponse,
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
    409: ErrorResponse,
    422: ErrorResponse,
  },
};

export const checkInListSchema = {
  tags,
  summary: 'Who is checked in at the door, or at a session (staff)',
  params: Type.Object({ slug: Slug }),
  querystring: Type.Object({ session: Type.Optional(Uuid) }),
  response: { 200: CheckInList, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};
