import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import {
  askQuestionSchema,
  audienceSettingsSchema,
  changeAudienceSettingsSchema,
  changePollSchema,
  feedbackSchema,
  feedbackSettingsSchema,
  giveFeedbackSchema,
  listPollsSchema,
  listQuestionsSchema,
  moderateQuestionSchema,
  openPollSchema,
  votePollSchema,
  voteQuestionSchema,
} from './schema.ts';
import {
  askQuestion,
  changeAudienceSettings,
  changeFeedbackSettings,
  changePollState,
  getAudienceSettings,
  getFeedback,
  giveFeedback,
  listPolls,
  listQuestions,
  moderate,
  openPoll,
  votePoll,
  voteQuestion,
} from './service.ts';

/** The room's voice in a session: questions, polls, feedback. Answers depend on who asks, so none is cached. */
export function audienceRoutes(app: App, ctx: AppContext): void {
  app.get('/api/sessions/:id/questions', { schema: listQuestionsSchema }, (request) =>
    listQuestions(ctx, request.viewer, request.params.id),
  );
  app.post('/api/sessions/:id/questions', { schema: askQuestionSchema }, async (request, reply) =>
    reply.code(201).send(await askQuestion(ctx, request.viewer, request.params.id, request.body)),
  );
  app.post('/api/questions/:id/votes', { schema: voteQuestionSchema }, (request) =>
    voteQuestion(ctx, request.viewer, request.params.id, request.body),
  );
  app.patch('/api/questions/:id', { schema: moderateQuestionSchema }, (request) =>
    moderate(ctx, request.viewer, request.params.id, request.body),
  );

  app.get('/api/sessions/:id/polls', { schema: listPollsSchema }, (request) =>
    listPolls(ctx, request.viewer, request.params.id),
  );
  app.post('/api/sessions/:id/polls', { schema: openPollSchema }, async (request, reply) =>
    reply.code(201).send(await openPoll(ctx, request.viewer, request.params.id, request.body)),
  );
  app.patch('/api/polls/:id', { schema: changePollSchema }, (request) =>
    changePollState(ctx, request.viewer, request.params.id, request.body),
  );
  app.post('/api/polls/:id/votes', { schema: votePollSchema }, (request) =>
    votePoll(ctx, request.viewer, request.params.id, request.body),
  );

  app.get('/api/sessions/:id/feedback', { schema: feedbackSchema }, (request) =>
    getFeedback(ctx, request.viewer, request.params.id),
  );
  app.put('/api/sessions/:id/feedback', { schema: giveFeedbackSchema }, (request) =>
    giveFeedback(ctx, request.viewer, request.params.id, request.body),
  );
  app.patch('/api/sessions/:id/feedback', { schema: feedbackSettingsSchema }, (request) =>
    changeFeedbackSettings(ctx, request.viewer, request.params.id, request.body),
  );

  app.get('/api/events/:slug/audience', { schema: audienceSettingsSchema }, (request) =>
    getAudienceSettings(ctx, request.viewer, request.params.slug),
  );
  app.patch('/api/events/:slug/audience', { schema: changeAudienceSettingsSchema }, (request) =>
    changeAudienceSettings(ctx, request.viewer, request.params.slug, request.body),
  );
}
