// The English messages of the web app (the command line's are left out), loaded on their own.
import { addCatalog } from '../../shared/i18n/core.ts';
import accounts from '../../shared/i18n/en/accounts.json' with { type: 'json' };
import agenda from '../../shared/i18n/en/agenda.json' with { type: 'json' };
import announcements from '../../shared/i18n/en/announcements.json' with { type: 'json' };
import attendees from '../../shared/i18n/en/attendees.json' with { type: 'json' };
import audience from '../../shared/i18n/en/audience.json' with { type: 'json' };
import bingo from '../../shared/i18n/en/bingo.json' with { type: 'json' };
import building from '../../shared/i18n/en/building.json' with { type: 'json' };
import delegations from '../../shared/i18n/en/delegations.json' with { type: 'json' };
import editing from '../../shared/i18n/en/editing.json' with { type: 'json' };
import eventDay from '../../shared/i18n/en/event-day.json' with { type: 'json' };
import meetings from '../../shared/i18n/en/meetings.json' with { type: 'json' };
import networking from '../../shared/i18n/en/networking.json' with { type: 'json' };
import news from '../../shared/i18n/en/news.json' with { type: 'json' };
import profiles from '../../shared/i18n/en/profiles.json' with { type: 'json' };
import server from '../../shared/i18n/en/server.json' with { type: 'json' };
import ui from '../../shared/i18n/en/ui.json' with { type: 'json' };

addCatalog('en', {
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
