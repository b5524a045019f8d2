import { describe, expect, it } from 'vitest';
import { datesBetween, isValidTimeZone, localDate, nextDate, zonedTimeToInstant, zoneOffsetMinutes } from './time.ts';

describe('zoned time', () => {
  it('turns Guadalajara wall-clock time into the right instant', () => {
    expect(zonedTimeToInstant('2024-02-28', '11:00', 'America/Mexico_City').toISOString()).toBe(
      '2024-02-28T17:00:00.000Z',
    );
  });

  it('follows daylight saving where the zone has it', () => {
    expect(zonedTimeToInstant('2024-07-01', '12:00', 'Europe/Madrid').toISOString()).toBe('2024-07-01T10:00:00.000Z');
    expect(zonedTimeToInstant('2024-01-15', '12:00', 'Europe/Madrid').toISOString()).toBe('2024-01-15T11:00:00.000Z');
    expect(zonedTimeToInstant('2024-07-01', '12:00', 'America/Santiago').toISOString()).toBe(
      '2024-07-01T16:00:00.000Z',
    );
  });

  it('gives the local date of an instant, whatever the process zone', () => {
    expect(localDate('2024-03-01T03:30:00Z', 'America/Mexico_City')).toBe('2024-02-29');
    expect(localDate('2024-03-01T03:30:00Z', 'Asia/Kathmandu')).toBe('2024-03-01');
    expect(zoneOffsetMinutes(new Date('2024-03-01T00:00:00Z'), 'Asia/Kathmandu')).toBe(345);
  });

  it('lists the days of an event across a leap day', () => {
    expect(datesBetween('2024-02-28', '2024-03-02')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(nextDate('2024-02-29')).toBe('2024-03-01');
  });
});

describe('isValidTimeZone', () => {
  it('takes IANA zones only', () => {
    for (const zone of ['America/Mexico_City', 'Europe/Madrid', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5']) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
    for (const zone of ['EST', '+05:00', 'GMT+5', 'Mars/Olympus_Mons', 'america/mexico_city', '']) {
      expect(isValidTimeZone(zone), zone).toBe(false);
    }
  });
});
