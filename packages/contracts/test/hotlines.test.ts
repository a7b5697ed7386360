import { describe, expect, it } from 'vitest';
import {
  Hotline,
  crisisLines,
  isVerifiedAroundTheClock,
  nationalHotlines,
  openAt,
  shanghaiClock,
  type Hotline as HotlineT,
} from '../src/hotlines.js';

// 2026-11-25 is a Wednesday. 14:30 UTC is 22:30 in Shanghai.
const wed2230 = new Date('2026-11-25T14:30:00Z');
const thu0130 = new Date('2026-11-25T17:30:00Z'); // Thursday 01:30 in Shanghai
const sun0900 = new Date('2026-11-29T01:00:00Z');

function line(overrides: Partial<HotlineT>): HotlineT {
  return {
    id: 'national-test',
    scope: 'national',
    orgUnitId: null,
    kind: 'psychological',
    name: { 'zh-CN': '测试', en: 'Test' },
    numbers: [{ dial: '12345' }],
    audiences: ['student'],
    schedule: { kind: 'always' },
    verification: { status: 'verified', checkedOn: '2026-11-01', source: { title: 'source' } },
    ...overrides,
  };
}

describe('Shanghai clock', () => {
  it('reads weekday and minutes in UTC+8 whatever the device zone', () => {
    expect(shanghaiClock(wed2230)).toEqual({ weekday: 3, minutes: 22 * 60 + 30 });
    expect(shanghaiClock(thu0130)).toEqual({ weekday: 4, minutes: 90 });
    expect(shanghaiClock(sun0900)).toEqual({ weekday: 7, minutes: 540 });
  });
});

describe('openAt', () => {
  const daytime = line({
    schedule: { kind: 'weekly', slots: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '22:00' }] },
  });
  const sixToMidnight = line({
    schedule: {
      kind: 'weekly',
      slots: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '06:00', close: '24:00' }],
    },
  });
  const overnight = line({
    schedule: { kind: 'weekly', slots: [{ days: [3], open: '20:00', close: '08:00' }] },
  });

  it('follows weekly slots in Asia/Shanghai', () => {
    expect(openAt(daytime, wed2230)).toBe('closed');
    expect(openAt(daytime, new Date('2026-11-25T13:59:00Z'))).toBe('open'); // 21:59
    expect(openAt(daytime, new Date('2026-11-25T14:00:00Z'))).toBe('closed'); // 22:00
    expect(openAt(daytime, sun0900)).toBe('closed');
    expect(openAt(sixToMidnight, wed2230)).toBe('open');
    expect(openAt(sixToMidnight, thu0130)).toBe('closed');
  });

  it('handles overnight slots across midnight', () => {
    expect(openAt(overnight, wed2230)).toBe('open');
    expect(openAt(overnight, thu0130)).toBe('open');
    expect(openAt(overnight, new Date('2026-11-26T00:00:00Z'))).toBe('closed'); // Thu 08:00
  });

  it('answers unknown when hours vary or are not sourced', () => {
    expect(openAt(line({ schedule: { kind: 'varies' } }), wed2230)).toBe('unknown');
    expect(openAt(line({ schedule: { kind: 'unknown' } }), wed2230)).toBe('unknown');
  });
});

describe('crisis list', () => {
  it('puts 110 and 120 first and leaves out lines with unknown or varying hours', () => {
    const list = crisisLines(nationalHotlines, wed2230);
    expect(list.map((l) => l.numbers[0]?.dial)).toEqual(['110', '120']);
  });

  it('never lists unverified lines, even around the clock', () => {
    const unverified = line({
      verification: { status: 'unverified', checkedOn: null, source: null },
    });
    const verifiedOpen = line({ id: 'national-open' });
    const list = crisisLines([unverified, verifiedOpen, ...nationalHotlines], wed2230);
    expect(list).not.toContain(unverified);
    expect(list.slice(0, 2).map((l) => l.kind)).toEqual(['emergency', 'emergency']);
    expect(list).toContain(verifiedOpen);
  });

  it('lists a verified local line only while it is open', () => {
    const local = line({
      schedule: { kind: 'weekly', slots: [{ days: [3], open: '08:00', close: '22:00' }] },
    });
    expect(crisisLines([local], wed2230)).toEqual([]);
    expect(crisisLines([local], new Date('2026-11-25T02:00:00Z'))).toEqual([local]);
  });
});

describe('bundled national lines', () => {
  it('match the contract and claim 24 h only for emergency numbers', () => {
    for (const l of nationalHotlines) expect(Hotline.safeParse(l).success).toBe(true);
    const roundTheClock = nationalHotlines
      .filter(isVerifiedAroundTheClock)
      .map((l) => l.numbers[0]?.dial);
    expect(roundTheClock).toEqual(['110', '120']);
  });

  it('say that 12356 and 12355 hours vary', () => {
    for (const dial of ['12356', '12355']) {
      const l = nationalHotlines.find((h) => h.numbers[0]?.dial === dial);
      expect(l?.schedule.kind).toBe('varies');
      expect(l?.hoursNote?.en).toMatch(/vary/);
    }
  });
});
