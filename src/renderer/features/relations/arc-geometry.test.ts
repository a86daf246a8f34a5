import { describe, expect, it } from 'vitest';
import { arcBetween } from './arc-geometry';

describe('arcBetween', () => {
  it('goes from the top middle of one box to the other, rising above both, higher when further apart', () => {
    const near = arcBetween({ left: 0, top: 100, width: 20, height: 16 }, { left: 60, top: 100, width: 40, height: 16 });
    expect(near.path).toBe('M 10 100 Q 45 88.3 80 100');
    expect(near.labelY).toBeLessThan(100);
    const far = arcBetween({ left: 0, top: 100, width: 20, height: 16 }, { left: 400, top: 100, width: 40, height: 16 });
    expect(far.path.startsWith('M 10 100 Q 215 ')).toBe(true);
    expect(far.labelY).toBeLessThan(near.labelY);
  });
});
