// Every table of the application, gathered for Drizzle and drizzle-kit.
export * from '../directory/tables.ts';
export * from '../groups/tables.ts';
export * from '../programme/tables.ts';
export * from './meta-tables.ts';
