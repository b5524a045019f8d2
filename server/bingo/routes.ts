import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { commitDraw, getDraw, revealDraw, skipWinner } from './draw.ts';
import { addPrize, createGame, deletePrize, endGame, getGame, updateGame, updatePrize } from './game.ts';
import { changeMyCard, leaderboard, myCard, screen, suggestions } from './play.ts';
import {
  addPrizeSchema,
  cardSchema,
  changeCardSchema,
  commitDrawSchema,
  createGameSchema,
  deletePrizeSchema,
  endGameSchema,
  getDrawSchema,
  getGameSchema,
  leaderboardSchema,
  revealDrawSchema,
  screenSchema,
  skipWinnerSchema,
  suggestionsSchema,
  updateGameSchema,
  updatePrizeSchema,
} from './schema.ts';
import { type BingoPlay, bingoPlay } from './stamping.ts';

/**
 * The connection bingo. Returns the play, whose connection hooks the
 * networking service calls when two people connect (wired in server/app.ts).
 */
export function bingoRoutes(app: App, ctx: AppContext): BingoPlay {
  const play = bingoPlay(ctx);
  app.addHook('onClose', async () => play.stop());
  const base = '/api/events/:slug/bingo';

  app.get(base, { schema: getGameSchema }, (request) => getGame(ctx, request.params.slug));
  app.post(base, { schema: createGameSchema }, async (request, reply) =>
    reply.code(201).send(await createGame(ctx, request.viewer, request.params.slug, request.body)),
  );
  app.patch(base, { schema: updateGameSchema }, (request) =>
    updateGame(ctx, request.viewer, request.params.slug, request.body),
  );
  app.post(`${base}/end`, { schema: endGameSchema }, (request) => endGame(ctx, request.viewer, request.params.slug));
  app.post(`${base}/prizes`, { schema: addPrizeSchema }, async (request, reply) =>
    reply.code(201).send(await addPrize(ctx, request.viewer, request.params.slug, request.body)),
  );
  app.patch(`${base}/prizes/:id`, { schema: updatePrizeSchema }, (request) =>
    updatePrize(ctx, request.viewer, request.params.slug, request.params.id, request.body),
  );
  app.delete(`${base}/prizes/:id`, { schema: deletePrizeSchema }, (request) =>
    deletePrize(ctx, request.viewer, request.params.slug, request.params.id),
  );

  app.get(`${base}/card`, { schema: cardSchema }, (request) => myCard(ctx, request.viewer, request.params.slug));
  app.patch(`${base}/card`, { schema: changeCardSchema }, (request) =>
    changeMyCard(ctx, request.viewer, request.params.slug, request.body),
  );
  app.get(`${base}/leaderboard`, { schema: leaderboardSchema }, (request) =>
    leaderboard(ctx, request.params.slug, request.viewer),
  );
  app.get(`${base}/screen`, { schema: screenSchema }, (request) => screen(ctx, request.params.slug));
  app.get(`${base}/suggestions`, { schema: suggestionsSchema }, (request) =>
    suggestions(ctx, request.viewer, request.params.slug),
  );

  app.get(`${base}/draw`, { schema: getDrawSchema }, (request) => getDraw(ctx, request.params.slug));
  app.post(`${base}/draw/commit`, { schema: commitDrawSchema }, (request) =>
    commitDraw(ctx, request.viewer, request.params.slug),
  );
  app.post(`${base}/draw/reveal`, { schema: revealDrawSchema }, (request) =>
    revealDraw(ctx, request.viewer, request.params.slug),
  );
  app.post(`${base}/draw/skip`, { schema: skipWinnerSchema }, (request) =>
    skipWinner(ctx, request.viewer, request.params.slug, request.body),
  );
  return play;
}
