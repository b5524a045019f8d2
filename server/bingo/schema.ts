import { Type } from 'typebox';
import {
  BingoCard,
  BingoCardChanges,
  BingoDraw,
  BingoGame,
  BingoGameChanges,
  BingoPrizeChanges,
  BingoScreen,
  BingoSuggestions,
  DrawSkip,
  Leaderboard,
  NewBingoGame,
  NewBingoPrize,
} from '../../shared/api/bingo.ts';
import { ErrorResponse, Slug, Uuid } from '../../shared/api/common.ts';
import { WRITE_ERRORS } from '../../shared/api/editing.ts';

const tags = ['bingo'];
const params = Type.Object({ slug: Slug });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
// Refusals name the field they concern, so that the staff forms put each message beside its field.
const writeErrors = WRITE_ERRORS;

export const getGameSchema = {
  tags,
  summary: 'The connection bingo of an event: cells, prizes, status and draw state',
  params,
  response: { 200: BingoGame, ...errors },
};
export const createGameSchema = {
  tags,
  summary: 'Create the bingo of an event (admins); cells default to the countries of the attendees present',
  params,
  body: NewBingoGame,
  response: { 201: BingoGame, ...writeErrors },
};
export const updateGameSchema = {
  tags,
  summary: 'Change the bingo (admins); a stale version is a 409',
  params,
  body: BingoGameChanges,
  response: { 200: BingoGame, ...writeErrors },
};
export const addPrizeSchema = {
  tags,
  summary: 'Add a prize, optionally credited to a partner (admins)',
  params,
  body: NewBingoPrize,
  response: { 201: BingoGame, ...writeErrors },
};
const prizeParams = Type.Object({ slug: Slug, id: Uuid });
export const updatePrizeSchema = {
  tags,
  summary: 'Change a prize (admins)',
  params: prizeParams,
  body: BingoPrizeChanges,
  response: { 200: BingoGame, ...writeErrors },
};
export const deletePrizeSchema = {
  tags,
  summary: 'Remove a prize (admins)',
  params: prizeParams,
  response: { 200: BingoGame, ...writeErrors },
};
export const cardSchema = {
  tags,
  summary: 'My card, dealt on first read, with who earned each stamp',
  params,
  response: { 200: BingoCard, ...writeErrors },
};
export const changeCardSchema = {
  tags,
  summary: 'Whether the big screen may show my name in this game (default no); answers my card',
  params,
  body: BingoCardChanges,
  response: { 200: BingoCard, ...writeErrors },
};
export const leaderboardSchema = {
  tags,
  summary: 'Players ranked by completion, lines and stamps; names only of those who agreed to be shown',
  params,
  response: { 200: Leaderboard, ...errors },
};
export const screenSchema = {
  tags,
  summary: 'What the big screen shows: top of the board, latest stamps, countries still missing',
  params,
  response: { 200: BingoScreen, ...errors },
};
export const suggestionsSchema = {
  tags,
  summary: 'Who to meet next: people present who would stamp my missing cells, by shared topics',
  params,
  response: { 200: BingoSuggestions, ...writeErrors },
};
export const getDrawSchema = {
  tags,
  summary: 'The prize draw as published: eligible list, seed hash, seed once revealed, winners, skips',
  params,
  response: { 200: BingoDraw, ...errors },
};
export const endGameSchema = {
  tags,
  summary: 'End an open game now: scans from this moment on stamp nothing (admins)',
  params,
  response: { 200: BingoGame, ...writeErrors },
};
export const commitDrawSchema = {
  tags,
  summary: 'Freeze the eligible players and publish the SHA-256 of a secret seed (admins)',
  params,
  response: { 200: BingoDraw, ...writeErrors },
};
export const revealDrawSchema = {
  tags,
  summary: 'Publish the seed and the winners that follow from it (admins)',
  params,
  response: { 200: BingoDraw, ...writeErrors },
};
export const skipWinnerSchema = {
  tags,
  summary: 'Pass over an absent winner, with the reason; the prize goes to the next in draw order (admins)',
  params,
  body: DrawSkip,
  response: { 200: BingoDraw, ...writeErrors },
};
