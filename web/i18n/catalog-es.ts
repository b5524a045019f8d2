// The Spanish messages of the web app (the command line's are left out), loaded on their own.
import { addCatalog } from '../../shared/i18n/core.ts';
import accounts from '../../shared/i18n/es/accounts.json' with { type: 'json' };
import agenda from '../../shared/i18n/es/agenda.json' with { type: 'json' };
import announcements from '../../shared/i18n/es/announcements.json' with { type: 'json' };
import attendees from '../../shared/i18n/es/attendees.json' with { type: 'json' };
import audience from '../../shared/i18n/es/audience.json' with { type: 'json' };
import bingo from '../../shared/i18n/es/bingo.json' with { type: 'json' };
import building from '../../shared/i18n/es/building.json' with { type: 'json' };
import delegations from '../../shared/i18n/es/delegations.json' with { type: 'json' };
import editing from '../../shared/i18n/es/editing.json' with { type: 'json' };
import eventDay from '../../shared/i18n/es/event-day.json' with { type: 'json' };
import meetings from '../../shared/i18n/es/meetings.json' with { type: 'json' };
import networking from '../../shared/i18n/es/networking.json' with { type: 'json' };
import news from '../../shared/i18n/es/news.json' with { type: 'json' };
import profiles from '../../shared/i18n/es/profiles.json' with { type: 'json' };
import server from '../../shared/i18n/es/server.json' with { type: 'json' };
import ui from '../../shared/i18n/es/ui.json' with { type: 'json' };

addCatalog('es', {
  ...accounts,
  ...agenda,
  ...announcements,
  ...attendees,
  ...audience,
  ...bingo,
  ...building,
  ...delegations,
  ...editing,
  ...eventDay,
  ...meetings,
  ...networking,
  ...news,
  ...profiles,
  ...server,
  ...ui,
});
