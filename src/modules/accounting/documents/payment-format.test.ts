import { describe, expect, it } from 'vitest';
import { formatIban, formatPaymentReference } from './payment-format.ts';

describe('formatIban', () => {
  it('groups an IBAN by four, whatever spacing and case it came in', () => {
    expect(formatIban('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(formatIban(' de89 3704 0044 0532 0130 00 ')).toBe('DE89 3704 0044 0532 0130 00');
  });
});

describe('formatPaymentReference', () => {
  it('groups an ISO 11649 creditor reference by four', () => {
    expect(formatPaymentReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(formatPaymentReference('rf18 5390 0754 7034')).toBe('RF18 5390 0754 7034');
  });

  it('prints a reference with its own punctuation as it is', () => {
    expect(formatPaymentReference('+++090/9337/55493+++')).toBe('+++090/9337/55493+++');
  });
});
