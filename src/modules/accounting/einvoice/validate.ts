// EN 16931 and Peppol BIS Billing 3.0 validation in-process: the official Schematron rules,
// compiled to XSLT by their publishers, run by SaxonJS. Each stylesheet is compiled to a SEF once
// (see sef-compiler.ts) and loaded once per validator; a document then takes 0.1-0.3 s of CPU on
// this thread (CEN rules on a small invoice ~0.1-0.2 s, Peppol's ~0.05 s more), against ~3 s for
// validate.sh, which reloads the SEF in a new process every time.
//
// The CEN rules (EUPL-1.2) ship in ./rules. The Peppol rules carry no licence, so they are not
// shipped: their path is configuration (see docs/decisions/0017-einvoice-validation-with-saxonjs.md).

import SaxonJS, { type SefNode } from 'saxon-js';
import { EinvoiceErrors } from './errors.ts';
import { cachedSef } from './sef-compiler.ts';
import { UBL_NS } from './ubl-names.ts';

export type RuleSet = 'cen' | 'peppol' | 'all' | 'auto';
type Layer = 'cen' | 'peppol';

export type ValidationFailure = { id: string; flag: string; location: string; text: string };

export type ValidationResult = {
  /** False when any failed assert is not a warning (as validate.sh counts them). */
  valid: boolean;
  failures: ValidationFailure[];
  /** The rule layers that were run: 'auto' runs Peppol's only when configured. */
  checked: Layer[];
};

export type En16931ValidatorOptions = {
  /** Where compiled stylesheets are cached (created if missing). */
  cacheDir: string;
  /** The CEN EN16931-UBL-validation.xslt; the shipped copy by default. */
  cenXsltPath?: string | URL;
  /** Peppol's PEPPOL-EN16931-UBL.xslt; without it only CEN rules can run. */
  peppolXsltPath?: string | URL | null;
};

export type En16931Validator = {
  validate(xml: string, rules: RuleSet): Promise<ValidationResult>;
  /** Compiles or loads the stylesheets now rather than on the first document. */
  warmUp(rules?: Exclude<RuleSet, 'auto'>): Promise<void>;
};

const SHIPPED_CEN_RULES = new URL('./rules/EN16931-UBL-validation.xslt', import.meta.url);
const SVRL = { svrl: 'http://purl.oclc.org/dsdl/svrl' };

// SaxonJS returns DOM nodes; this is the little of the DOM read here.
type DomElement = { getAttribute(name: string): string | null };

function failuresIn(svrl: unknown): ValidationFailure[] {
  const asserts = SaxonJS.XPath.evaluate('//svrl:failed-assert', svrl, {
    namespaceContext: SVRL,
    resultForm: 'array',
  });
  return (asserts as DomElement[]).map((assert) => ({
    id: assert.getAttribute('id') ?? '?',
    flag: assert.getAttribute('flag') ?? 'error',
    location: assert.getAttribute('location') ?? '',
    text: String(SaxonJS.XPath.evaluate('normalize-space(svrl:text)', assert, { namespaceContext: SVRL })),
  }));
}

function notWellFormed(error: unknown): ValidationResult {
  const text = String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .slice(0, 300);
  return {
    valid: false,
    failures: [{ id: 'not-well-formed', flag: 'fatal', location: '', text }],
    checked: [],
  };
}

function isPeppol(source: unknown): boolean {
  const id = SaxonJS.XPath.evaluate('string(/*/cbc:CustomizationID)', source, {
    namespaceContext: { cbc: UBL_NS.cbc },
  });
  return String(id).includes('peppol.eu');
}

/**
 * A validator that runs the CEN EN 16931 rules and, when `peppolXsltPath` is given, the Peppol
 * BIS Billing 3.0 rules on UBL documents. `rules: 'auto'` runs CEN, plus Peppol when the
 * document's CustomizationID names peppol.eu (as validate.sh does). Asking for 'peppol' or 'all'
 * without Peppol rules configured throws `accounting.einvoice_rules_not_configured`.
 */
export function createEn16931Validator(options: En16931ValidatorOptions): En16931Validator {
  const paths: Record<Layer, string | URL | null> = {
    cen: options.cenXsltPath ?? SHIPPED_CEN_RULES,
    peppol: options.peppolXsltPath ?? null,
  };
  const loaded = new Map<Layer, Promise<SefNode>>();
  const sefOf = (layer: Layer): Promise<SefNode> => {
    const xsltPath = paths[layer];
    if (!xsltPath) throw EinvoiceErrors.einvoice_rules_not_configured(`No ${layer} rules are configured`);
    if (!loaded.has(layer)) {
      // A failed compile (a full disk, say) is not remembered: the next document tries again.
      const sef = cachedSef(xsltPath, options.cacheDir).catch((error: unknown) => {
        loaded.delete(layer);
        throw error;
      });
      loaded.set(layer, sef);
    }
    return loaded.get(layer)!;
  };
  const layersFor = (rules: RuleSet, source: unknown): Layer[] => {
    if (rules === 'all') return ['cen', 'peppol'];
    if (rules !== 'auto') return [rules];
    return isPeppol(source) && paths.peppol ? ['cen', 'peppol'] : ['cen'];
  };

  async function validate(xml: string, rules: RuleSet): Promise<ValidationResult> {
    let source: unknown;
    try {
      source = SaxonJS.getPlatform().parseXmlFromString(xml);
    } catch (error) {
      return notWellFormed(error);
    }
    const checked = layersFor(rules, source);
    const failures: ValidationFailure[] = [];
    for (const layer of checked) {
      const stylesheet = await sefOf(layer);
      const { principalResult } = SaxonJS.transform(
        { stylesheetInternal: stylesheet, sourceNode: source, destination: 'document' },
        'sync',
      );
      failures.push(...failuresIn(principalResult));
    }
    return { valid: failures.every((failure) => failure.flag === 'warning'), failures, checked };
  }

  async function warmUp(rules: Exclude<RuleSet, 'auto'> = paths.peppol ? 'all' : 'cen'): Promise<void> {
    await Promise.all((rules === 'all' ? (['cen', 'peppol'] as const) : [rules]).map(sefOf));
  }

  return { validate, warmUp };
}
