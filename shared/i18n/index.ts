import type { Language } from '../domain.ts';
import { addCatalog } from './core.ts';
import enAccounts from './en/accounts.json' with { type: 'json' };
import enAgenda from './en/agenda.json' with { type: 'json' };
import enAnnouncements from './en/announcements.json' with { type: 'json' };
import enAttendees from './en/attendees.json' with { type: 'json' };
import enAudience from './en/audience.json' with { type: 'json' };
import enBingo from './en/bingo.json' with { type: 'json' };
import enBuilding from './en/building.json' with { type: 'json' };
import enCli from './en/cli.json' with { type: 'json' };
import enDelegations from './en/delegations.json' with { type: 'json' };
import enEditing from './en/editing.json' with { type: 'json' };
import enEventDay from './en/event-day.json' with { type: 'json' };
import enMeetings from './en/meetings.json' with { type: 'json' };
import enNetworking from './en/networking.json' with { type: 'json' };
import enNews from './en/news.json' with { type: 'json' };
import enProfiles from './en/profiles.json' with { type: 'json' };
import enServer from './en/server.json' with { type: 'json' };
import enUi from './en/ui.json' with { type: 'json' };
import esAccounts from './es/accounts.json' with { type: 'json' };
import esAgenda from './es/agenda.json' with { type: 'json' };
import esAnnouncements from './es/announcements.json' with { type: 'json' };
import esAttendees from './es/attendees.json' with { type: 'json' };
import esAudience from './es/audience.json' with { type: 'json' };
import esBingo from './es/bingo.json' with { type: 'json' };
import esBuilding from './es/building.json' with { type: 'json' };
import esCli from './es/cli.json' with { type: 'json' };
import esDelegations from './es/delegations.json' with { type: 'json' };
import esEditing from './es/editing.json' with { type: 'json' };
import esEventDay from './es/event-day.json' with { type: 'json' };
import esMeetings from './es/meetings.json' with { type: 'json' };
import esNetworking from './es/networking.json' with { type: 'json' };
import esNews from './es/news.json' with { type: 'json' };
import esProfiles from './es/profiles.json' with { type: 'json' };
import esServer from './es/server.json' with { type: 'json' };
import esUi from './es/ui.json' with { type: 'json' };

/**
 * ICU MessageFormat catalogs, one per language, shared by the server (error
 * messages, calendar text: server.json), the command-line tool (cli.json)
 * and the web app (ui.json). English is the reference: every key must exist
 * in every catalog (a test checks it).
 */
export const catalogs: Record<Language, Record<string, string>> = {
  en: {
    ...enServer,
    ...enCli,
    ...enUi,
    ...enAccounts,
    ...enEditing,
    ...enNews,
    ...enDelegations,
    ...enAgenda,
    ...enNetworking,
    ...enBingo,
    ...enBuilding,
    ...enAttendees,
    ...enEventDay,
    ...enAnnouncements,
    ...enAudience,
    ...enMeetings,
    ...enProfiles,
  },
  es: {
    ...esServer,
    ...esCli,
    ...esUi,
    ...esAccounts,
    ...esEditing,
    ...esNews,
    ...esDelegations,
    ...esAgenda,
    ...esNetworking,
    ...esBingo,
    ...esBuilding,
    ...esAttendees,
    ...esEventDay,
    ...esAnnouncements,
    ...esAudience,
    ...esMeetings,
    ...esProfiles,
  },
};

export type MessageKey =
  | keyof typeof enServer
  | keyof typeof enCli
  | keyof typeof enUi
  | keyof typeof enAccounts
  | keyof typeof enEditing
  | keyof typeof enNews
  | keyof typeof enDelegations
  | keyof typeof enAgenda
  | keyof typeof enNetworking
  | keyof typeof enBingo
  | keyof typeof enBuilding
  | keyof typeof enAttendees
  | keyof typeof enEventDay
  | keyof typeof enAnnouncements
  | keyof typeof enAudience
  | keyof typeof enMeetings
  | keyof typeof enProfiles;
addCatalog('en', catalogs.en);
addCatalog('es', catalogs.es);

export * from './core.ts';
