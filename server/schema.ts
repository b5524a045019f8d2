// Every table of the application, gathered for Drizzle and drizzle-kit.

export * from './accounts/tables.ts';
export * from './announcements/tables.ts';
export * from './audience/tables.ts';
export * from './bingo/tables.ts';
export * from './building/tables.ts';
export * from './check-in/tables.ts';
export * from './db/meta-tables.ts';
export * from './delegations/tables.ts';
export * from './directory/tables.ts';
export * from './editing/tables.ts';
export * from './groups/tables.ts';
export * from './meetings/tables.ts';
export * from './networking/tables.ts';
export * from './news/tables.ts';
export * from './outbox/tables.ts';
export * from './profiles/tables.ts';
export * from './programme/tables.ts';
export * from './rsvp/tables.ts';
