import { describe, expect, it } from 'vitest';
import { isBadgeCode } from '../../shared/badge-code.ts';
import { rotatingCode as phoneCode, secondsLeft, windowAt } from '../../web/networking/rotating-code.ts';
import { matchRotatingCode, rotatingCode, rotatingWindow } from './rotating-code.ts';

describe('rotating codes', () => {
  it('are computed the same on the phone (WebCrypto) and on the server', async () => {
    for (const secret of ['s3cret', 'another-secret-of-an-attendee', 'ñandú']) {
      for (const window of [0, 1, 56_789_012, 56_789_013]) {
        const code = rotatingCode(secret, window);
        expect(isBadgeCode(code)).toBe(true);
        expect(await phoneCode(secret, window)).toBe(code);
      }
    }
    const at = new Date('2024-03-02T23:00:07Z');
    expect(windowAt(at.getTime())).toBe(rotatingWindow(at));
    expect(secondsLeft(at.getTime())).toBe(23);
  });

  it('match in their window and its neighbours, and are recognised as expired after', () => {
    const holders = [{ rotatingSecret: 'a' }, { rotatingSecret: 'b' }];
    const at = new Date('2024-03-02T23:00:00Z');
    const now = rotatingWindow(at);
    const code = rotatingCode('b', now - 1);
    expect(matchRotatingCode(holders, code, at)).toMatchObject({ holder: holders[1], current: true });
    expect(matchRotatingCode(holders, rotatingCode('a', now - 3), at)).toMatchObject({ current: false });
    expect(matchRotatingCode(holders, rotatingCode('a', now - 300), at)).toBeUndefined();
  });
});
