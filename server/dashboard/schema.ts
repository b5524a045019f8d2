import { Type } from 'typebox';
import { ErrorResponse, Slug } from '../../shared/api/common.ts';
import { Dashboard } from '../../shared/api/dashboard.ts';

export const dashboardSchema = {
  tags: ['dashboard'],
  summary: 'Where an event stands for the staff running it: people, delegations, sessions, the door, the bingo (staff)',
  params: Type.Object({ slug: Slug }),
  response: { 200: Dashboard, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};
