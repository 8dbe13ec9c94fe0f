import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it('formats minor units in the currency', () => {
    expect(formatMoney({ minorUnits: '4900', currency: 'EUR' })).toBe('€49.00');
    expect(formatMoney({ minorUnits: '5', currency: 'USD' })).toBe('$0.05');
  });

  it('keeps every digit of an amount beyond what a float holds exactly', () => {
    expect(formatMoney({ minorUnits: '9223372036854775807', currency: 'USD' })).toBe(
      '$92,233,720,368,547,758.07',
    );
  });

  it('formats a currency without minor units', () => {
    expect(formatMoney({ minorUnits: '1200', currency: 'JPY' })).toBe('¥1,200');
  });
});
