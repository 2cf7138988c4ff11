// Bank details as people read them aloud and type them into a banking app: in groups of four.

/** An IBAN in its printed form, "FR76 3000 6000 0112 3456 7890 189" (ISO 13616). */
export function formatIban(iban: string): string {
  return groupsOfFour(iban.replace(/\s+/g, '').toUpperCase());
}

/**
 * A payment reference in groups of four when it is alphanumeric, as an ISO 11649 creditor
 * reference is printed ("RF18 5390 0754 7034"); a reference with its own punctuation (the Belgian
 * "+++090/9337/55493+++") is printed as it is, since that punctuation is part of what one types.
 */
export function formatPaymentReference(reference: string): string {
  const compact = reference.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9]+$/.test(compact)) return reference.trim();
  return groupsOfFour(compact.toUpperCase());
}

function groupsOfFour(text: string): string {
  return text.replace(/(.{4})(?=.)/g, '$1 ');
}
