import { describe, expect, it } from 'vitest';
import { minus, positive } from './quantity';

describe('order quantities', () => {
  it('subtracts decimal quantities exactly', () => {
    expect(minus('0.3', '0.1')).toBe('0.2');
    expect(minus('5', '1.5')).toBe('3.5');
    expect(minus('2.000', '2')).toBe('0');
    expect(minus('1', '3')).toBe('-2');
  });
  it('tells what is left from what is not', () => {
    expect(positive('0.000001')).toBe(true);
    expect(positive('0')).toBe(false);
    expect(positive(minus('1', '1.5'))).toBe(false);
  });
});
